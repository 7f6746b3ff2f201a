#pragma once
// The OpenAPI 3.1 document, built from the route table and the resource
// schemas, so it describes exactly what the server does.

#include <deque>

#include "core/json.h"
#include "http/router.h"
#include "records/resource_schema.h"

namespace alley::http {

// The paths of every route in `router`, the schemas of every resource in
// `resources` and those the router's modules added (Router::add_schemas).
// The JSON schema of one field, with its limits, who may write it and whether it is public.
Json field_schema(const records::FieldSpec& spec);

Json build_openapi(const Router& router, const std::deque<records::ResourceSchema>& resources);

}  // namespace alley::http
