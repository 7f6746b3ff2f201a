#pragma once
// Simplified ↔ Traditional Chinese with OpenCC. Data is stored once, in
// Simplified; Traditional is produced on the way out, and Traditional input
// (a search query) is folded to Simplified on the way in.
//
// Thread-safe: the converters are built once and only read afterwards.

#include <string>
#include <string_view>

namespace alley::search {

std::string to_traditional(std::string_view simplified);
std::string to_simplified(std::string_view text);

}  // namespace alley::search
