#include "http/handler_support.h"

#include <cctype>
#include <charconv>
#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "http/problem.h"
#include "records/repository.h"

namespace alley::http {

Result<Json> parse_json_body(const HttpRequest& request) {
  const std::string type = request.header("content-type");
  const std::string media = type.substr(0, type.find(';'));
  if (media != "application/json" && media != "application/merge-patch+json") {
    return Error{ErrorCode::kUnsupportedMediaType,
                 "send the body as application/json",
                 {{"Content-Type", "must be application/json"}}};
  }
  if (request.body.empty()) return Error::malformed("the request has no body; send a JSON object");
  return parse_json_text(request.body, "the body");
}

std::string content_disposition(const std::string& file_name) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string encoded;
  std::string fallback;
  for (unsigned char c : file_name) {
    const bool plain = std::isalnum(c) || c == '.' || c == '-' || c == '_';
    if (plain) {
      encoded += char(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
    fallback += plain ? char(c) : '_';
  }
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

HttpResponse file_response(std::string bytes, const std::string& content_type, const std::string& file_name) {
  HttpResponse response;
  response.status = 200;
  response.set_header("Content-Type", content_type);
  response.set_header("Content-Disposition", content_disposition(file_name));
  response.body = std::move(bytes);
  return response;
}

std::string etag_for(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

HttpResponse record_response(const Result<Json>& record, int status) {
  if (!record) return problem_response(record.error());
  HttpResponse response = json_response(status, record.value());
  response.set_header("ETag", etag_for(record.value()["version"].get<std::int64_t>()));
  return response;
}

namespace {

std::optional<std::size_t> parse_count(const std::string& text) {
  std::size_t value = 0;
  auto [end, code] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (code != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

Result<bool> read_page_control(const std::string& key, const std::string& value, PageWindow& window) {
  if (key == "limit") {
    auto limit = parse_count(value);
    if (!limit || *limit < 1 || *limit > records::kMaxPageSize) {
      return Error{ErrorCode::kMalformed, "limit must be a whole number from 1 to 500", {{"limit", "must be 1–500"}}};
    }
    window.limit = *limit;
    return true;
  }
  if (key == "cursor") {
    auto offset = value.size() > 1 && value[0] == 'o' ? parse_count(value.substr(1)) : std::nullopt;
    if (!offset || *offset > kMaxCursorOffset)
      return Error{ErrorCode::kMalformed, "the cursor is not one this server gave out", {{"cursor", "unknown cursor"}}};
    window.offset = *offset;
    return true;
  }
  // The same window as a cursor, for a client that numbers its pages.
  if (key == "offset") {
    auto offset = parse_count(value);
    if (!offset || *offset > kMaxCursorOffset) {
      return Error{ErrorCode::kMalformed,
                   "offset must be a whole number of records to skip, from 0",
                   {{"offset", "must be a whole number from 0", "应为从0开始的整数"}}};
    }
    window.offset = *offset;
    return true;
  }
  return false;
}

std::string encode_cursor(std::size_t offset) { return "o" + std::to_string(offset); }

Json next_cursor(std::size_t offset, std::size_t count, std::int64_t total) {
  return std::int64_t(offset + count) < total ? Json(encode_cursor(offset + count)) : Json();
}

Result<std::optional<std::int64_t>> if_match_version(const HttpRequest& request) {
  std::string tag = request.header("if-match");
  if (tag.empty()) {
    return Error{ErrorCode::kPreconditionRequired,
                 "send If-Match with the ETag you read, so that a change made meanwhile is not overwritten",
                 {}};
  }
  if (tag == "*") return std::optional<std::int64_t>();
  if (tag.starts_with("W/")) tag = tag.substr(2);
  if (tag.size() < 3 || tag.front() != '"' || tag.back() != '"') {
    return Error::malformed("If-Match must be an ETag as the server sent it, e.g. \"3\"");
  }
  if (tag.find_first_of("\" ", 1) != tag.size() - 1) {
    return Error::malformed("If-Match must be one ETag as the server sent it, e.g. \"3\"");
  }
  std::int64_t version = 0;
  auto [end, code] = std::from_chars(tag.data() + 1, tag.data() + tag.size() - 1, version);
  // A well-formed tag this server never gave out matches no version
  // (RFC 9110 §13.1.1): the write is refused as stale, 412.
  if (code != std::errc() || end != tag.data() + tag.size() - 1 || version < 1) return std::optional<std::int64_t>(-1);
  return std::optional<std::int64_t>(version);
}

Result<Json> run_write(store::Database& database, const std::function<Result<Json>(store::Connection&)>& work) {
  Result<store::Database::Lease> lease = database.acquire();
  if (!lease) return lease.error();
  std::optional<Result<Json>> outcome;
  Status committed = store::in_write_transaction(*lease.value(), [&]() -> Status {
    outcome = work(*lease.value());
    if (!outcome->ok()) return outcome->error();
    return ok_status();
  });
  if (!committed) return committed.error();
  return std::move(*outcome);
}

Result<Json> run_read(store::Database& database, const std::function<Result<Json>(store::Connection&)>& work) {
  Result<store::Database::Lease> lease = database.acquire();
  if (!lease) return lease.error();
  return work(*lease.value());
}

}  // namespace alley::http
