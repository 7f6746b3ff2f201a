#include "notifications/recipients.h"

#include "store/database.h"

namespace alley::notifications {

Result<std::optional<StaffMember>> find_staff_member(store::Connection& connection, const std::string& user_id) {
  Result<store::QueryResult> rows = connection.query(
      "SELECT id, username, department_id FROM users WHERE id = ? AND disabled = 0 AND role <> 'enterprise'",
      {user_id});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return std::optional<StaffMember>();
  return std::optional<StaffMember>(StaffMember{store::as_text(rows->rows[0][0]), store::as_text(rows->rows[0][1]),
                                                store::as_text(rows->rows[0][2])});
}

}  // namespace alley::notifications
