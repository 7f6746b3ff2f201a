#include "cli/args.h"

namespace alley::cli {

Result<Args> parse_args(const std::vector<std::string>& words, const std::set<std::string>& valued,
                        const std::set<std::string>& flags) {
  Args args;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (!word.starts_with("--")) {
      args.positional.push_back(word);
      continue;
    }
    const std::size_t eq = word.find('=');
    const std::string name = word.substr(0, eq);
    if (flags.count(name)) {
      if (eq != std::string::npos) return Error::invalid(name + " takes no value");
      args.options[name] = "";
    } else if (valued.count(name)) {
      if (eq != std::string::npos) {
        args.options[name] = word.substr(eq + 1);
      } else if (i + 1 < words.size()) {
        args.options[name] = words[++i];
      } else {
        return Error::invalid(name + " needs a value");
      }
      args.every_value[name].push_back(args.options[name]);
    } else {
      return Error::invalid("unknown option " + name);
    }
  }
  return args;
}

}  // namespace alley::cli
