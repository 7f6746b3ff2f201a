#include "support/test_catalog.h"

#include <gtest/gtest.h>

#include "app/app.h"
#include "modules/modules.h"

namespace alley::testing {

const catalog::Catalog& test_catalog() {
  static app::App* const application = [] {
    auto* created = new app::App();  // lives as long as the test process
    modules::register_all(*created);
    return created;
  }();
  return application->catalog();
}

const records::ResourceSchema& test_schema(std::string_view name) {
  if (const records::ResourceSchema* schema = test_catalog().find(name)) return *schema;
  ADD_FAILURE() << "no module registers the resource " << name;
  static const records::ResourceSchema missing;
  return missing;
}

}  // namespace alley::testing
