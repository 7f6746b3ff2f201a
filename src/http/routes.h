#pragma once
// The route tables of the API, one function per part of the product.

#include <memory>

#include "http/router.h"
#include "store/database.h"

namespace alley::http {

// /api/v1/{departments,areas,roads,places,organizations,spaces,talents}…
void add_registry_routes(Router& router, std::shared_ptr<store::Database> database);

// /api/v1/session, users, tokens and audit
void add_account_routes(Router& router, std::shared_ptr<store::Database> database);

// /api/v1/plans/{id}/tree, /api/v1/kpis/{id}/progress, /api/v1/kpi-progress
void add_plan_routes(Router& router, std::shared_ptr<store::Database> database);

// /api/v1/policies/{id}/matches, /api/v1/organizations/{id}/policies, /api/v1/policy-calculator
void add_policy_routes(Router& router, std::shared_ptr<store::Database> database);

// /api/v1/notifications
void add_notification_routes(Router& router, std::shared_ptr<store::Database> database);

// /api/v1/search
void add_search_routes(Router& router, std::shared_ptr<store::Database> database);

// /healthz, /api/v1 and /api/v1/openapi.json. Add last: the OpenAPI document
// describes every route added before it.
void add_system_routes(Router& router, std::shared_ptr<store::Database> database);

}  // namespace alley::http
