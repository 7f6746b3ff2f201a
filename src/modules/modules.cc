#include "modules/modules.h"

#include "accounts/module.h"
#include "app/app.h"
#include "attachments/module.h"
#include "demands/module.h"
#include "events/module.h"
#include "imports/module.h"
#include "notifications/module.h"
#include "plans/module.h"
#include "policies/module.h"
#include "proposals/module.h"
#include "registry/module.h"
#include "scheduler/module.h"
#include "stated/module.h"
#include "workflow/module.h"
#include "worktime/module.h"

namespace alley::modules {

void register_all(app::App& app) {
  // The shared machinery first: the modules after it tell, schedule, attach, count working time and move cases.
  notifications::register_module(app);
  scheduler::register_module(app);
  attachments::register_module(app);
  worktime::register_module(app);
  workflow::register_module(app);
  registry::register_module(app);
  accounts::register_module(app);
  plans::register_module(app);
  policies::register_module(app);
  stated::register_module(app);
  demands::register_module(app);
  proposals::register_module(app);
  events::register_module(app);
  // Last: it serves every resource the modules before it added.
  imports::register_module(app);
}

}  // namespace alley::modules
