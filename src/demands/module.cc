#include "demands/module.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "app/app.h"
#include "core/time_text.h"
#include "demands/demand_workflow.h"
#include "demands/demo_demands.h"
#include "demands/resources.h"
#include "records/common_fields.h"
#include "records/data_scope.h"
#include "workflow/module.h"

namespace alley::demands {
namespace {

store::Migration service_desk_migration() {
  using records::record_table_sql;
  return {
      21,
      "service desk",
      record_table_sql("service_levels", "rank INTEGER NOT NULL, unit_from TEXT NOT NULL, unit_id TEXT") +
          record_table_sql("service_tiers",
                           "stated_count INTEGER NOT NULL, stated_as TEXT, department_ids TEXT, "
                           "organization_ids TEXT, rank INTEGER") +
          record_table_sql("service_categories",
                           "department_unit_id TEXT NOT NULL, unit_basis TEXT NOT NULL, accept_days REAL NOT NULL, "
                           "resolve_days REAL NOT NULL, targets_basis TEXT NOT NULL, rank INTEGER") +
          record_table_sql("routing_rules",
                           "priority INTEGER NOT NULL, category_ids TEXT, area_ids TEXT, place_ids TEXT, rule TEXT, "
                           "level_id TEXT NOT NULL, unit_id TEXT, basis TEXT NOT NULL") +
          record_table_sql("demands",
                           "org_id TEXT NOT NULL, category_id TEXT NOT NULL, channel TEXT, received_at TEXT, "
                           "received_at_place_id TEXT, contact TEXT, status TEXT, level_id TEXT, "
                           "unit_id TEXT, routing_rule_id TEXT, routing_note TEXT, due_at TEXT, warn_at TEXT, "
                           "overdue INTEGER, last_resort INTEGER, revisit_due INTEGER, returns INTEGER, "
                           "reassignments INTEGER, escalations INTEGER, rating TEXT, resolved_at TEXT") +
          // The scheduler's pass finds due demands by these; a unit's inbox by the last two.
          "CREATE INDEX demands_due ON demands(due_at) WHERE deleted_at IS NULL AND due_at IS NOT NULL;"
          "CREATE INDEX demands_warn ON demands(warn_at) WHERE deleted_at IS NULL AND warn_at IS NOT NULL;"
          "CREATE INDEX demands_inbox ON demands(unit_id, status, due_at);"
          "CREATE INDEX demands_of_enterprise ON demands(org_id, created_at);",
      {store::TableSpec("service_levels"), store::TableSpec("service_tiers"), store::TableSpec("service_categories"),
       store::TableSpec("routing_rules"), store::TableSpec("demands")}};
}

// 经办人: who at the unit signed for the demand, for the inboxes' "mine";
// a demand signed for before it existed gets the actor of its last 签收 that
// no later move to another unit (派单, 转派, 退回, an escalation) undid.
store::Migration handler_migration() {
  return {24, "demand handler",
          "ALTER TABLE demands ADD COLUMN handler TEXT;"
          "UPDATE demands SET handler = (SELECT signed.actor FROM workflow_events signed "
          "WHERE signed.case_resource = 'demands' AND signed.case_id = demands.id AND signed.action = 'accept' "
          "AND NOT EXISTS (SELECT 1 FROM workflow_events later WHERE later.case_resource = 'demands' "
          "AND later.case_id = demands.id AND later.seq > signed.seq AND (later.action IN ('dispatch', 'reassign', "
          "'return') OR (later.action = 'escalate' AND later.to_state = 'dispatched'))) "
          "ORDER BY signed.seq DESC LIMIT 1);"};
}

// A new demand is a case: its first event at when it was received, then routed.
workflow::Event received(const Json& demand) {
  workflow::Event opening;
  if (demand.contains("received_at")) {
    if (std::optional<TimePoint> moment = parse_utc_time(demand["received_at"].get<std::string>()))
      opening.at = iso8601(*moment);
  }
  return opening;
}

void give_behaviour(records::ResourceSchema& resource, const std::shared_ptr<const workflow::Workflow>& flow,
                    const catalog::Catalog& catalog) {
  // The service system and its rules are public, and the administrators'.
  if (resource.name != "demands") return;
  resource.read_access = access::Access::kSignedIn;
  resource.write_access = access::Access::kEditor;
  resource.owner_field = "org_id";
  resource.private_to_owner = true;
  // Any member of staff may file on an enterprise's behalf; the workflow says who moves it.
  resource.staff_guard = records::any_staff();
  resource.accepts_attachments = true;
  resource.after_write.push_back(workflow::opens_cases(flow, catalog, received));
}

}  // namespace

void register_module(app::App& app) {
  workflow::Workflows* workflows = app.find_service<workflow::Workflows>();
  if (!workflows) throw std::logic_error("the service desk needs the workflow module registered first");
  catalog::Catalog& catalog = app.catalog();
  catalog.add_migration(service_desk_migration());
  catalog.add_migration(handler_migration());
  std::shared_ptr<const workflow::Workflow> flow = demand_workflow(catalog);
  for (records::ResourceSchema& resource : service_desk_resources()) {
    give_behaviour(resource, flow, catalog);
    catalog.add_resource(std::move(resource));
  }
  workflows->declare(flow);
  catalog.add_routes([&app, flow](http::Router& router) { add_routes(router, app, *flow); });
  app.add_demo_step({"demands", [flow](store::Connection& connection, app::App& running) -> Result<std::string> {
                       Result<DemoDemands> added = add_demo_demands(connection, running.catalog(), *flow);
                       if (!added) return added.error();
                       return std::to_string(added->demands) + " synthetic demands over 2025 (" +
                              std::to_string(added->events) + " actions, " + std::to_string(added->left_open) +
                              " still open)";
                     }});
}

}  // namespace alley::demands
