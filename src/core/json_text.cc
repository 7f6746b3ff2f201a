#include "core/json_text.h"

#include <nlohmann/json.hpp>

namespace alley {
namespace {

// One pass over the bytes, before the parser: how deep the text nests, and
// whether a string spells NUL. Strings are skipped with their escapes, so
// brackets inside them do not count.
Status scan_structure(std::string_view text, const std::string& what, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '"') {
        in_string = false;
      } else if (c == '\\' && i + 1 < text.size()) {
        if (text.substr(i + 1, 5) == "u0000") {
          return Error::invalid(what + " contains a NUL character (\\u0000), which no text may hold");
        }
        ++i;  // the escaped character, whatever it is
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        return Error::malformed(what + " nests deeper than " + std::to_string(max_depth) + " levels");
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return ok_status();
}

}  // namespace

Result<Json> parse_json_text(std::string_view text, const std::string& what, std::size_t max_depth) {
  if (Status structure = scan_structure(text, what, max_depth); !structure) return structure.error();
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::out_of_range&) {
    return Error::malformed(what + " holds a number too large to represent");
  } catch (const nlohmann::json::parse_error& error) {
    return Error::malformed(what + " is not valid JSON (at byte " + std::to_string(error.byte) + ")");
  } catch (const nlohmann::json::exception&) {
    return Error::malformed(what + " is not valid JSON");
  }
}

}  // namespace alley
