#pragma once
// The JSON type used across Alley. Headers include only the forward
// declaration; the few .cc files that build or read documents include
// <nlohmann/json.hpp> themselves (it is precompiled).

#include <nlohmann/json_fwd.hpp>

namespace alley {

// Keys keep insertion order so records read id, name, … as written.
using Json = nlohmann::ordered_json;

}  // namespace alley
