#include "attachments/module.h"

#include "app/app.h"

namespace alley::attachments {
namespace {

store::Migration attachments_migration() {
  return {13,
          "attachments",
          "CREATE TABLE attachments (id TEXT PRIMARY KEY, resource TEXT NOT NULL, record_id TEXT NOT NULL, file_name "
          "TEXT NOT NULL, content_type TEXT NOT NULL, size_bytes BIGINT NOT NULL, sha256 TEXT NOT NULL, uploaded_at "
          "TEXT NOT NULL, uploaded_by TEXT NOT NULL, content TEXT NOT NULL, deleted_at TEXT, deleted_by TEXT);"
          "CREATE INDEX attachments_record ON attachments(resource, record_id);",
          {store::TableSpec("attachments")}};
}

}  // namespace

void register_module(app::App& app) {
  app.catalog().add_migration(attachments_migration());
  app.catalog().add_routes([&app](http::Router& router) { add_routes(router, app); });
}

}  // namespace alley::attachments
