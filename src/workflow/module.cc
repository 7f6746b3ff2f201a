#include "workflow/module.h"

#include <cstdio>

#include "app/app.h"
#include "workflow/deadline_pass.h"
#include "workflow/events.h"
#include "workflow/routes.h"

namespace alley::workflow {

void register_module(app::App& app) {
  app.catalog().add_migration(
      {20, "workflow events", kEventsTableSql, {store::TableSpec("workflow_events").with_identity_key()}});
  auto workflows = std::make_shared<Workflows>();
  app.provide(workflows);
  app.add_background_work({"workflow deadlines", [workflows](app::App& running) -> Status {
                             for (const auto& declared : workflows->all()) {
                               if (declared->due_field.empty() && declared->warn_field.empty()) continue;
                               const records::ResourceSchema* schema = running.catalog().find(declared->resource);
                               if (!schema) continue;
                               Result<DeadlineReport> report =
                                   run_deadline_pass(running.database(), *declared, *schema);
                               if (!report) return report.error();
                               if (report->failed > 0)
                                 std::fprintf(stderr, "alley: %zu %s could not be moved at their deadline\n",
                                              report->failed, declared->resource.c_str());
                             }
                             return ok_status();
                           }});
  // Routes are built once every module registered, so they see every declared workflow.
  app.catalog().add_routes([&app, workflows](http::Router& router) {
    for (const auto& declared : workflows->all()) add_case_routes(router, app, *declared);
  });
}

}  // namespace alley::workflow
