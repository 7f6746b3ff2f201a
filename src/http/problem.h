#pragma once
// The one place where errors become HTTP: RFC 9457 application/problem+json
// with a readable `detail` and, for validation, `errors: [{field, message}]`.

#include "core/error.h"
#include "core/json.h"
#include "http/message.h"

namespace alley::http {

int status_for(ErrorCode code);

HttpResponse problem_response(const Error& error);
HttpResponse problem_response(int status, std::string detail, const std::vector<FieldError>& fields = {});

HttpResponse json_response(int status, const Json& body, std::string content_type = "application/json");

}  // namespace alley::http
