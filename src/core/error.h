#pragma once
// Errors are values at module boundaries: domain and store functions return
// Result<T>; only the HTTP layer (http/problem.cc) and the CLI turn them into
// responses or exit codes.

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace alley {

enum class ErrorCode {
  kInvalid,    // the input breaks a rule; `fields` says which
  kMalformed,  // the input cannot be parsed at all
  kNotFound,
  kUnauthorized,          // not signed in, or wrong credentials
  kForbidden,             // signed in, but not allowed
  kTooManyRequests,       // throttled (login attempts)
  kConflict,              // e.g. a duplicate id, a forbidden state transition
  kPreconditionFailed,    // If-Match does not match the current version
  kPreconditionRequired,  // an update without If-Match
  kGone,                  // the record existed and was deleted
  kTooLarge,
  kUnsupportedMediaType,
  kUnavailable,  // the store cannot be reached or is busy
  kInternal,
};

struct FieldError {
  FieldError() = default;
  FieldError(std::string field_name, std::string english, std::string chinese = {})
      : field(std::move(field_name)), message(std::move(english)), message_zh(std::move(chinese)) {}

  std::string field;
  std::string message;     // English
  std::string message_zh;  // the same in Chinese, where the server has it; readers in Chinese see this
};

struct Error {
  Error() = default;
  Error(ErrorCode error_code, std::string english, std::vector<FieldError> field_errors = {})
      : code(error_code), message(std::move(english)), fields(std::move(field_errors)) {}

  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // English
  std::vector<FieldError> fields;
  std::string message_zh;            // the same in Chinese, where the server has it (problem+json `detail_zh`)
  std::vector<std::string> allowed;  // for a refusal, what would be accepted instead: the actions open now

  Error& in_chinese(std::string chinese) & {
    message_zh = std::move(chinese);
    return *this;
  }
  Error&& in_chinese(std::string chinese) && {
    message_zh = std::move(chinese);
    return std::move(*this);
  }

  static Error invalid(std::string message, std::vector<FieldError> fields = {}) {
    return {ErrorCode::kInvalid, std::move(message), std::move(fields)};
  }
  static Error malformed(std::string message) { return {ErrorCode::kMalformed, std::move(message), {}}; }
  static Error not_found(std::string message) { return {ErrorCode::kNotFound, std::move(message), {}}; }
  static Error conflict(std::string message) { return {ErrorCode::kConflict, std::move(message), {}}; }
  static Error internal(std::string message) { return {ErrorCode::kInternal, std::move(message), {}}; }
  static Error unavailable(std::string message) { return {ErrorCode::kUnavailable, std::move(message), {}}; }
};

// Human-readable one-liner, for logs and the CLI.
std::string describe(const Error& error);

// A value or an Error. Small on purpose: construct from either, test with
// ok(), read with value() / error().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Ok{}; }

}  // namespace alley
