#include "registry/module.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "app/app.h"
#include "records/data_scope.h"
#include "registry/claim_notices.h"
#include "registry/demo_population.h"
#include "registry/migrations.h"
#include "registry/pipeline.h"
#include "registry/pipeline_follow_up.h"
#include "registry/resources.h"
#include "scheduler/scheduler.h"

namespace alley::registry {
namespace {

using access::Access;
using records::ResourceSchema;

constexpr const char* kResponsible = "responsible_department_id";

// Space search finds it by the name of the building it is in.
Status add_place_names(store::Connection& connection, const Json& space, std::string& body) {
  Result<store::QueryResult> place =
      connection.query("SELECT name, name_en FROM places WHERE id = ?", {space["place_id"].get<std::string>()});
  if (!place) return place.error();
  if (!place->rows.empty()) body += ' ' + store::as_text(place->rows[0][0]) + ' ' + store::as_text(place->rows[0][1]);
  return ok_status();
}

void give_behaviour(ResourceSchema& resource, scheduler::Scheduler& scheduler) {
  // Departments, areas and roads keep the defaults: public, maintained by administrators.
  if (resource.name == "places") {
    resource.write_access = Access::kStaff;
    resource.staff_guard = records::guard_by_department(kResponsible);
    resource.search_fields = {"description", "address", "tags"};
  } else if (resource.name == "organizations") {
    resource.write_access = Access::kEditor;
    resource.staff_guard = records::guard_by_department(kResponsible);
    resource.owner_field = "id";
    resource.search_fields = {"description", "address", "sectors", "certifications"};
    std::shared_ptr<records::Lifecycle> pipeline = pipeline_lifecycle();
    add_follow_ups(*pipeline, scheduler);
    resource.lifecycle = std::move(pipeline);
    resource.after_claim_decision.push_back(tell_organization_of_decision);
  } else if (resource.name == "spaces") {
    // A space answers to the department responsible for its place.
    resource.write_access = Access::kStaff;
    resource.staff_guard = records::guard_through("place_id", "places", kResponsible);
    resource.search_fields = {"description", "floor"};
    resource.search_context = add_place_names;
  } else if (resource.name == "talents") {
    resource.read_access = Access::kStaff;
    resource.write_access = Access::kStaff;
    resource.staff_guard = records::any_staff();
  }
}

}  // namespace

void register_module(app::App& app) {
  catalog::Catalog& catalog = app.catalog();
  catalog.add_migration(registry_tables_migration());
  catalog.add_migration(responsibility_migration());
  catalog.add_migration(step_details_migration());
  catalog.add_migration(leader_liaison_migration());
  scheduler::Scheduler* scheduler = app.find_service<scheduler::Scheduler>();
  if (!scheduler) throw std::logic_error("the registry module needs the scheduler module registered first");
  for (ResourceSchema& resource : registry_resources()) {
    give_behaviour(resource, *scheduler);
    catalog.add_resource(std::move(resource));
  }
  catalog.add_routes([&app](http::Router& router) { add_routes(router, app); });
  app.add_demo_step({"enterprises", [](store::Connection& connection, app::App& running) -> Result<std::string> {
                       Result<DemoSummary> added = add_demo_population(connection, running.catalog());
                       if (!added) return added.error();
                       return "a synthetic demo population: " + std::to_string(added->organizations) +
                              " organizations, " + std::to_string(added->spaces) + " spaces, " +
                              std::to_string(added->talents) + " talents, " + std::to_string(added->pipeline_changes) +
                              " pipeline steps (all marked synthetic)";
                     }});
}

}  // namespace alley::registry
