#pragma once
// Reading JSON text that comes from outside: request bodies, import files,
// packs. One reader, so that every entry point refuses the same things the
// same way, before anything recursive (copying, comparing, printing a
// document) can be handed a document that would exhaust the stack.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/json.h"

namespace alley {

// Deeper than any document Alley writes (a rule of the 64 levels the rule
// language allows is about 130 as JSON Logic; a MultiPolygon record 6), far
// short of what would exhaust a thread's stack in a recursive copy or print.
constexpr std::size_t kMaxJsonDepth = 200;

// `what` names the text in messages ("the body", "line 3 of orgs.json").
// Malformed when the text is not JSON, nests deeper than `max_depth`, holds
// a number too large for a double (1e400) or bytes that are not UTF-8;
// Invalid when a string holds NUL (\u0000), which no field may contain.
Result<Json> parse_json_text(std::string_view text, const std::string& what, std::size_t max_depth = kMaxJsonDepth);

}  // namespace alley
