#include "http/problem.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace alley::http {
namespace {

std::string title_for(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 429:
      return "Too Many Requests";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 428:
      return "Precondition Required";
    case 431:
      return "Request Header Fields Too Large";
    case 503:
      return "Service Unavailable";
    default:
      return "Internal Server Error";
  }
}

Json problem_body(int status, std::string detail, const std::vector<FieldError>& fields) {
  Json body = Json::object();
  body["type"] = "about:blank";
  body["title"] = title_for(status);
  body["status"] = status;
  body["detail"] = std::move(detail);
  if (!fields.empty()) {
    Json errors = Json::array();
    for (const FieldError& field : fields) {
      Json error = {{"field", field.field}, {"message", field.message}};
      if (!field.message_zh.empty()) error["message_zh"] = field.message_zh;
      errors.push_back(std::move(error));
    }
    body["errors"] = std::move(errors);
  }
  return body;
}

}  // namespace

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid:
      return 422;
    case ErrorCode::kMalformed:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kUnauthorized:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kTooManyRequests:
      return 429;
    case ErrorCode::kGone:
      return 410;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPreconditionFailed:
      return 412;
    case ErrorCode::kPreconditionRequired:
      return 428;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kUnsupportedMediaType:
      return 415;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

HttpResponse problem_response(int status, std::string detail, const std::vector<FieldError>& fields) {
  return json_response(status, problem_body(status, std::move(detail), fields), "application/problem+json");
}

HttpResponse problem_response(const Error& error) {
  const int status = status_for(error.code);
  if (status == 500) {
    // Internal details (SQL, file paths) stay in the log, not in the answer.
    std::fprintf(stderr, "alley: internal error: %s\n", error.message.c_str());
    return problem_response(status, "the server failed to handle this request; it has been logged");
  }
  Json body = problem_body(status, error.message, error.fields);
  if (!error.message_zh.empty()) body["detail_zh"] = error.message_zh;
  if (!error.allowed.empty()) body["allowed"] = error.allowed;
  HttpResponse response = json_response(status, body, "application/problem+json");
  // Unavailable is momentary (the database was busy, every password slot was
  // taken): a client may try again shortly.
  if (status == 503) response.set_header("Retry-After", "1");
  return response;
}

HttpResponse json_response(int status, const Json& body, std::string content_type) {
  HttpResponse response;
  response.status = status;
  response.set_header("Content-Type", content_type + "; charset=utf-8");
  // Replace rather than throw on strings that are not UTF-8: a response must
  // always be produced.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

}  // namespace alley::http
