#include "app/app.h"

#include <cstdio>

#include "records/claims.h"
#include "records/search_documents.h"
#include "records/shared_tables.h"
#include "search/chinese_script.h"
#include "store/migrations.h"

namespace alley::app {

App::App(std::shared_ptr<const Clock> clock)
    : clock_(std::move(clock)), opencc_dir_(search::ChineseScript::default_data_dir()) {
  catalog_.add_migration(records::search_migration());
  catalog_.add_migration(records::claims_migration());
}

Status App::open_database(const std::string& url, std::size_t connections) {
  if (!script_) {
    Result<std::shared_ptr<const search::ChineseScript>> script = search::ChineseScript::load(opencc_dir_);
    if (!script) return script.error();
    script_ = std::move(script.value());
    // Every module has registered by now, so every searchable resource is here.
    for (const records::ResourceSchema& schema : catalog_.resources()) {
      if (!schema.is_searchable()) continue;
      catalog_.resource(schema.name).after_write.push_back(records::search_index_hook(schema, *script_));
    }
  }
  Result<std::shared_ptr<store::Database>> database = store::Database::open(url, connections, clock_);
  if (!database) return database.error();
  {
    Result<store::Database::Lease> lease = database.value()->acquire();
    if (!lease) return lease.error();
    if (Status migrated = store::migrate(*lease.value(), catalog_.migrations()); !migrated) {
      return Error::unavailable("cannot prepare the database " + url + ": " + migrated.error().message);
    }
  }  // with one connection, the index below needs it back
  database_ = std::move(database.value());
  return rebuild_search_index_if_needed();
}

Status App::rebuild_search_index_if_needed() {
  Result<store::Database::Lease> lease = database_->acquire();
  if (!lease) return lease.error();
  std::int64_t written = 0;
  Status indexed = store::in_write_transaction(*lease.value(), [&]() -> Status {
    Result<std::int64_t> count = records::ensure_search_index(*lease.value(), *script_, catalog_.resources());
    if (!count) return count.error();
    written = count.value();
    return ok_status();
  });
  if (!indexed) return Error::unavailable("cannot build the search index: " + indexed.error().message);
  if (written > 0)
    std::fprintf(stderr, "alley: rebuilt the search index (%lld records)\n", static_cast<long long>(written));
  return ok_status();
}

}  // namespace alley::app
