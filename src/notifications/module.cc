#include "notifications/module.h"

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "notifications/routes.h"
#include "store/database.h"

namespace alley::notifications {
namespace {

// The table as 免申即享 first created it: its policy_id and organization_id
// columns are no longer written (subject and details say the same for every
// kind), and stay for the rows that used them.
store::Migration notifications_migration() {
  return {7,
          "notifications",
          "CREATE TABLE notifications (id {{AUTO_ID}}, recipient_kind TEXT NOT NULL, recipient_id TEXT NOT NULL, "
          "kind TEXT NOT NULL, policy_id TEXT REFERENCES policies(id), organization_id TEXT REFERENCES "
          "organizations(id), message TEXT NOT NULL, match_count INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT "
          "NULL, read_at TEXT);"
          "CREATE INDEX notifications_recipient ON notifications(recipient_kind, recipient_id, id);",
          {store::TableSpec("notifications").with_identity_key()}};
}

store::Migration subjects_migration() {
  return {10,
          "notification subjects",
          "ALTER TABLE notifications ADD COLUMN subject_resource TEXT;"
          "ALTER TABLE notifications ADD COLUMN subject_id TEXT;"
          "ALTER TABLE notifications ADD COLUMN details TEXT;"
          "CREATE INDEX notifications_subject ON notifications(recipient_kind, recipient_id, kind, subject_id);",
          {}};
}

}  // namespace

Status NotificationReaders::describe(store::Connection& connection, Json& notification) const {
  auto found = describers_.find(notification.value("kind", ""));
  if (found == describers_.end()) return ok_status();
  for (const Describer& describer : found->second) {
    if (Status described = describer(connection, notification); !described) return described;
  }
  return ok_status();
}

void register_module(app::App& app) {
  app.catalog().add_migration(notifications_migration());
  app.catalog().add_migration(subjects_migration());
  auto readers = std::make_shared<NotificationReaders>();
  app.provide(readers);
  app.catalog().add_routes([&app, readers](http::Router& router) { add_routes(router, app, *readers); });
}

}  // namespace alley::notifications
