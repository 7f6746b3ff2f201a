#include "policies/module.h"

#include "app/app.h"
#include "notifications/module.h"
#include "policies/delivery.h"
#include "policies/policy_index.h"
#include "policies/resources.h"
#include "records/common_fields.h"
#include "records/repository.h"
#include "registry/resources.h"

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

// 免申即享: the matches already announced. The table came with the
// notifications table in version 7 before those moved to their own module;
// here it is created where it is missing, and the notifications of that time
// are given their subject.
store::Migration matches_migration() {
  return {11,
          "policy matches",
          "CREATE TABLE IF NOT EXISTS policy_matches (policy_id TEXT NOT NULL REFERENCES policies(id), "
          "organization_id TEXT NOT NULL REFERENCES organizations(id), matched_at TEXT NOT NULL, "
          "PRIMARY KEY (policy_id, organization_id));"
          "CREATE INDEX IF NOT EXISTS policy_matches_organization ON policy_matches(organization_id);"
          "UPDATE notifications SET subject_resource = 'policies', subject_id = policy_id, details = "
          "'{\"organization_id\": \"' || organization_id || '\"}' WHERE policy_id IS NOT NULL AND "
          "organization_id IS NOT NULL;",
          {store::TableSpec("policy_matches").keyed_by("policy_id, organization_id")}};
}

store::Migration responsibility_basis_migration() {
  return {16, "policy responsibility basis",
          "ALTER TABLE policies ADD COLUMN responsible_department_basis TEXT;"
          "ALTER TABLE policies ADD COLUMN responsibility_note TEXT;"};
}

// A match's notification names its policy (whose name the notifications
// module has read as the subject), whether the rule was only illustrative
// when it was sent, and the organization, as the web's words for it need.
Status describe_match(store::Connection& connection, Json& notification) {
  notification["policy_id"] = notification["subject_id"];
  notification["policy_name"] = notification["subject_name"];
  notification["organization_id"] = notification["details"].value("organization_id", Json());
  notification["organization_name"] = Json();
  notification["rule_basis"] = notification["details"].value("rule_basis", Json());
  if (notification["organization_id"].is_string()) {
    Result<Json> organization = records::get_record(connection, registry::organization_schema(),
                                                    notification["organization_id"].get<std::string>());
    if (organization) notification["organization_name"] = organization.value().value("name", Json());
  }
  return ok_status();
}

}  // namespace

void register_module(app::App& app) {
  catalog::Catalog& catalog = app.catalog();
  catalog.add_migration(policies_migration());
  catalog.add_migration(matches_migration());
  catalog.add_migration(responsibility_basis_migration());
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
  if (auto* readers = app.find_service<notifications::NotificationReaders>())
    readers->add("policy_match", describe_match);
  catalog.add_routes([&app](http::Router& router) { add_routes(router, app); });
}

}  // namespace alley::policies
