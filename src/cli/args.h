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
  std::map<std::string, std::string> options;  // "--db" → "sqlite:x.db"; flags map to ""; the last one given
  std::map<std::string, std::vector<std::string>> every_value;  // each value given, in order

  bool has(const std::string& name) const { return options.count(name) > 0; }
  std::string get(const std::string& name, std::string fallback = {}) const {
    auto found = options.find(name);
    return found == options.end() ? fallback : found->second;
  }
  // Every value of an option that may be given more than once.
  std::vector<std::string> get_all(const std::string& name) const {
    auto found = every_value.find(name);
    return found == every_value.end() ? std::vector<std::string>() : found->second;
  }
};

// `valued` options take a value (--port 8080 or --port=8080); `flags` do not.
Result<Args> parse_args(const std::vector<std::string>& words, const std::set<std::string>& valued,
                        const std::set<std::string>& flags);

}  // namespace alley::cli
