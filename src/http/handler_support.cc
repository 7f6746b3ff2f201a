#include "http/handler_support.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace alley::http {

Result<Json> parse_json_body(const HttpRequest& request) {
  const std::string type = request.header("content-type");
  const std::string media = type.substr(0, type.find(';'));
  if (media != "application/json" && media != "application/merge-patch+json") {
    return Error{ErrorCode::kUnsupportedMediaType, "send the body as application/json", {{"Content-Type", "must be application/json"}}};
  }
  if (request.body.empty()) return Error::malformed("the request has no body; send a JSON object");
  try {
    return Json::parse(request.body);
  } catch (const nlohmann::json::parse_error& error) {
    return Error::malformed("the body is not valid JSON (at byte " + std::to_string(error.byte) + ")");
  }
}

std::string etag_for(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

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
  std::int64_t version = 0;
  auto [end, code] = std::from_chars(tag.data() + 1, tag.data() + tag.size() - 1, version);
  if (code != std::errc() || end != tag.data() + tag.size() - 1) {
    return Error::malformed("If-Match must be an ETag as the server sent it, e.g. \"3\"");
  }
  return std::optional<std::int64_t>(version);
}

Result<Json> run_write(store::Database& database, const std::function<Result<Json>(store::Connection&)>& work,
                       OnFailure on_failure) {
  Result<store::Database::Lease> lease = database.acquire();
  if (!lease) return lease.error();
  std::optional<Result<Json>> outcome;
  Status committed = store::in_write_transaction(*lease.value(), [&]() -> Status {
    outcome = work(*lease.value());
    if (!outcome->ok() && on_failure == OnFailure::kRollBack) return outcome->error();
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
