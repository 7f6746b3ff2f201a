#include "policies/module.h"

#include "app/app.h"
#include "policies/delivery.h"
#include "policies/policy_index.h"
#include "policies/resources.h"
#include "records/common_fields.h"

namespace alley::policies {
namespace {

store::Migration policies_migration() {
  return {6,
          "policies",
          records::record_table_sql("policies",
                                    "issuer TEXT, document_number TEXT, valid_from TEXT, valid_until TEXT, category "
                                    "TEXT, benefit TEXT, required_materials TEXT, responsible_department_id TEXT "
                                    "REFERENCES departments(id), rule TEXT, rule_jsonlogic TEXT, rule_basis TEXT"),
          {store::TableSpec("policies")}};
}

// 免申即享: matches already announced, and the notifications that announced them.
store::Migration delivery_migration() {
  return {7,
          "delivery",
          "CREATE TABLE policy_matches (policy_id TEXT NOT NULL REFERENCES policies(id), "
          "organization_id TEXT NOT NULL REFERENCES organizations(id), matched_at TEXT NOT NULL, "
          "PRIMARY KEY (policy_id, organization_id));"
          "CREATE INDEX policy_matches_organization ON policy_matches(organization_id);"
          "CREATE TABLE notifications (id {{AUTO_ID}}, recipient_kind TEXT NOT NULL, recipient_id TEXT NOT NULL, "
          "kind TEXT NOT NULL, policy_id TEXT REFERENCES policies(id), organization_id TEXT REFERENCES "
          "organizations(id), message TEXT NOT NULL, match_count INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT "
          "NULL, read_at TEXT);"
          "CREATE INDEX notifications_recipient ON notifications(recipient_kind, recipient_id, id);",
          {store::TableSpec("policy_matches").keyed_by("policy_id, organization_id"),
           store::TableSpec("notifications").with_identity_key()}};
}

}  // namespace

void register_module(app::App& app) {
  catalog::Catalog& catalog = app.catalog();
  catalog.add_migration(policies_migration());
  catalog.add_migration(delivery_migration());
  catalog.add_resource(policy_resource());  // the administrators', public to read
  catalog.resource("organizations")
      .after_write.push_back(
          [](store::Connection& connection, const records::Actor&, const Json* before, const Json* after) {
            return deliver_after_organization_write(connection, before, after);
          });
  auto index = std::make_shared<PolicyIndex>();
  app.provide(index);
  catalog.resource("policies")
      .after_write.push_back(
          [index](store::Connection& connection, const records::Actor&, const Json* before, const Json* after) {
            return deliver_after_policy_write(connection, *index, before, after);
          });
  catalog.add_routes([&app](http::Router& router) { add_routes(router, app); });
}

}  // namespace alley::policies
