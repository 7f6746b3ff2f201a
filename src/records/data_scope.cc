#include "records/data_scope.h"

#include <nlohmann/json.hpp>

#include "store/database.h"

namespace alley::records {

Error not_your_department(const std::string& owner) {
  return {ErrorCode::kForbidden,
          "only staff of the responsible department (" + (owner.empty() ? std::string("none: administrators only") : owner) +
              ") may change this record (只有负责部门可以修改)",
          {}};
}

RecordGuard guard_by_department(std::string field) {
  return [field](const access::User& user, store::Connection&, const std::optional<Json>& current, Json* body) -> Status {
    const std::string& mine = user.department_id;
    if (current && current->value(field, "") != mine) return not_your_department(current->value(field, ""));
    if (body && body->is_object()) {
      if (!current && !body->contains(field)) (*body)[field] = mine;
      if (body->contains(field) && (*body)[field] != Json(mine)) {
        return Error{ErrorCode::kForbidden, "only administrators hand a record to another department", {}};
      }
    }
    return ok_status();
  };
}

RecordGuard guard_through(std::string reference, std::string table, std::string department_column) {
  return [reference, table, department_column](const access::User& user, store::Connection& connection,
                                               const std::optional<Json>& current, Json* body) -> Status {
    std::vector<std::string> targets;
    if (current && current->contains(reference)) targets.push_back((*current)[reference].get<std::string>());
    if (body && body->is_object() && body->contains(reference) && (*body)[reference].is_string()) {
      targets.push_back((*body)[reference].get<std::string>());
    }
    for (const std::string& target : targets) {
      Result<store::QueryResult> rows =
          connection.query("SELECT " + department_column + " FROM " + table + " WHERE id = ?", {target});
      if (!rows) return rows.error();
      const std::string owner = rows->rows.empty() ? std::string() : store::as_text(rows->rows[0][0]);
      if (owner != user.department_id) return not_your_department(owner);
    }
    return ok_status();
  };
}

RecordGuard any_staff() {
  return [](const access::User&, store::Connection&, const std::optional<Json>&, Json*) { return ok_status(); };
}

}  // namespace alley::records
