#pragma once
// The generic route tables of the API: what serves every registered
// resource, full-text search, and the system routes. Each module adds its
// own routes from its folder (catalog/catalog.h, RouteSet).

#include <deque>
#include <memory>

#include "catalog/catalog.h"
#include "http/router.h"
#include "store/database.h"

namespace alley::http {

// /api/v1/<resource>, /api/v1/<resource>/{id} and, for resources with a
// position, /api/v1/<resource>.geojson — for every resource in `resources`.
void add_record_routes(Router& router, std::shared_ptr<store::Database> database,
                       const std::deque<records::ResourceSchema>& resources);

// POST <resource>/{id}/claims/{field} and GET /api/v1/claims, for the
// resources with claimable fields (records/claims.h); none when there are none.
void add_claim_routes(Router& router, std::shared_ptr<store::Database> database,
                      const std::deque<records::ResourceSchema>& resources);

// /api/v1/search; `script` folds the query to the index's form and must outlive the router.
void add_search_routes(Router& router, std::shared_ptr<store::Database> database, const catalog::Catalog& catalog,
                       const search::ChineseScript& script);

// /healthz, /api/v1 and /api/v1/openapi.json. Add last: the OpenAPI document
// describes every route added before it.
void add_system_routes(Router& router, std::shared_ptr<store::Database> database, const catalog::Catalog& catalog);

}  // namespace alley::http
