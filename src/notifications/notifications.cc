#include "notifications/notifications.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "store/database.h"

namespace alley::notifications {

std::string_view recipient_kind_name(Recipient kind) {
  switch (kind) {
    case Recipient::kUser:
      return "user";
    case Recipient::kDepartment:
      return "department";
    case Recipient::kOrganization:
      return "organization";
  }
  return "user";
}

namespace {

Status insert(store::Connection& connection, const Notice& notice, const std::string& message, std::int64_t count) {
  Result<std::int64_t> inserted = connection.execute(
      "INSERT INTO notifications (recipient_kind, recipient_id, kind, subject_resource, subject_id, details, message, "
      "match_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {std::string(recipient_kind_name(notice.recipient)), notice.recipient_id, notice.kind, notice.subject_resource,
       notice.subject_id, notice.details.dump(), message, count, connection.clock().now_iso8601()});
  return inserted ? ok_status() : Status(inserted.error());
}

}  // namespace

Status notify(store::Connection& connection, const Notice& notice) {
  return insert(connection, notice, notice.message, 1);
}

Status notify_counted(store::Connection& connection, const Notice& notice, std::int64_t added,
                      const std::function<std::string(std::int64_t count)>& message_for) {
  Result<store::QueryResult> unread = connection.query(
      "SELECT id, match_count FROM notifications WHERE recipient_kind = ? AND recipient_id = ? AND kind = ? "
      "AND subject_resource = ? AND subject_id = ? AND read_at IS NULL",
      {std::string(recipient_kind_name(notice.recipient)), notice.recipient_id, notice.kind, notice.subject_resource,
       notice.subject_id});
  if (!unread) return unread.error();
  if (unread->rows.empty()) return insert(connection, notice, message_for(added), added);
  const std::int64_t count = added + store::as_integer(unread->rows[0][1]).value_or(0);
  Result<std::int64_t> updated = connection.execute(
      "UPDATE notifications SET details = ?, message = ?, match_count = ?, created_at = ? WHERE id = ?",
      {notice.details.dump(), message_for(count), count, connection.clock().now_iso8601(),
       store::as_integer(unread->rows[0][0]).value_or(0)});
  return updated ? ok_status() : Status(updated.error());
}

}  // namespace alley::notifications
