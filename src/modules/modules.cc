#include "modules/modules.h"

#include "accounts/module.h"
#include "app/app.h"
#include "plans/module.h"
#include "policies/module.h"
#include "registry/module.h"
#include "stated/module.h"

namespace alley::modules {

void register_all(app::App& app) {
  registry::register_module(app);
  accounts::register_module(app);
  plans::register_module(app);
  policies::register_module(app);
  stated::register_module(app);
}

}  // namespace alley::modules
