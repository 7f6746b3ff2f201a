#pragma once
// Command-line arguments: positional words and --options, checked against
// what each command accepts, so a typo gets a clear message.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"

namespace alley::cli {

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // "--db" → "sqlite:x.db"; flags map to ""

  bool has(const std::string& name) const { return options.count(name) > 0; }
  std::string get(const std::string& name, std::string fallback = {}) const {
    auto found = options.find(name);
    return found == options.end() ? fallback : found->second;
  }
};

// `valued` options take a value (--port 8080 or --port=8080); `flags` do not.
Result<Args> parse_args(const std::vector<std::string>& words, const std::set<std::string>& valued,
                        const std::set<std::string>& flags);

}  // namespace alley::cli
