#pragma once
// Record identifiers: short slugs that are safe in a URL path segment and in
// a file name. Pack records choose their own; the server mints new ones.

#include <string>
#include <string_view>

namespace alley {

// True for `[a-z0-9][a-z0-9_-]{0,63}`: no dots, slashes, percent signs or
// upper case, so an id never escapes its path segment.
bool is_valid_id(std::string_view id);

// A new random id with the given prefix, e.g. "org-5f2c9a1e7b3d4c60".
// Random rather than sequential so several servers never mint the same id.
std::string new_id(std::string_view prefix);

}  // namespace alley
