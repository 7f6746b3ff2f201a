#pragma once
// Alley's catalog with every module registered, for tests of code that needs
// resources but no database (the validator, CSV, the rule language).

#include <string_view>

#include "catalog/catalog.h"

namespace alley::testing {

const catalog::Catalog& test_catalog();

// The registered resource; fails the test (and returns an empty one) when missing.
const records::ResourceSchema& test_schema(std::string_view name);

}  // namespace alley::testing
