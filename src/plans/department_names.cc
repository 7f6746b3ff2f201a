#include "plans/department_names.h"

#include <nlohmann/json.hpp>

namespace alley::plans {

Result<std::map<std::string, std::string>> department_names(store::Connection& connection) {
  Result<store::QueryResult> rows = connection.query("SELECT id, name, short_name FROM departments");
  if (!rows) return rows.error();
  std::map<std::string, std::string> names;
  for (const store::Row& row : rows->rows) {
    const std::string short_name = store::as_text(row[2]);
    names[store::as_text(row[0])] = short_name.empty() ? store::as_text(row[1]) : short_name;
  }
  return names;
}

std::string joined_names(const Json& ids, const std::map<std::string, std::string>& names) {
  std::string text;
  if (!ids.is_array()) return text;
  for (const Json& id : ids) {
    const std::string key = id.get<std::string>();
    auto found = names.find(key);
    text += (text.empty() ? "" : "、") + (found == names.end() ? key : found->second);
  }
  return text;
}

}  // namespace alley::plans
