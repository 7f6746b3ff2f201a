#pragma once
// The service desk (一站式企业服务): the service system as data (levels,
// the 1+11+11 tiers, the catalogue, routing rules) and the enterprises'
// demands, a workflow declared on the shared machinery (workflow/module.h),
// so their actions, timeline and clocks are the workflow module's routes:
//   /api/v1/demands                    list (staff: all; an enterprise: its own), file
//   /api/v1/demands/{id}/actions       派单, 签收, 退回, 转派, 挂起, 办结, 评价, …
//   /api/v1/demands/{id}/timeline      its events, and the actions open to the reader
//   /api/v1/demands/{id}/clock         its clocks as segments of working time
//   /api/v1/demands/{id}/attachments   材料 and photos
// and its measures and spreadsheets (demands/routes.cc). Registers after the
// workflow module.

namespace alley::app {
class App;
}
namespace alley::http {
class Router;
}
namespace alley::workflow {
struct Workflow;
}

namespace alley::demands {

void register_module(app::App& app);

void add_routes(http::Router& router, app::App& app, const workflow::Workflow& flow);

}  // namespace alley::demands
