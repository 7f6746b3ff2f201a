#pragma once
// The OpenAPI 3.1 document, built from the route table and the resource
// schemas, so it describes exactly what the server does.

#include "core/json.h"
#include "http/router.h"

namespace alley::http {

Json build_openapi(const Router& router);

}  // namespace alley::http
