#include "workflow/module.h"

#include "app/app.h"
#include "workflow/events.h"
#include "workflow/routes.h"

namespace alley::workflow {

void register_module(app::App& app) {
  app.catalog().add_migration(
      {20, "workflow events", kEventsTableSql, {store::TableSpec("workflow_events").with_identity_key()}});
  auto workflows = std::make_shared<Workflows>();
  app.provide(workflows);
  // Routes are built once every module registered, so they see every declared workflow.
  app.catalog().add_routes([&app, workflows](http::Router& router) {
    for (const auto& declared : workflows->all()) add_case_routes(router, app, *declared);
  });
}

}  // namespace alley::workflow
