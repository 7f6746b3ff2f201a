#pragma once
// The application context: what lives as long as the process — the catalog
// the modules registered into, the clock, the database, and the long-lived
// state modules keep between requests (a resident index) — passed to what
// needs it instead of being reached through globals. Tests build one with a
// ManualClock to move time.
//
// Threading: modules register and the database is opened while the process
// starts, on one thread; afterwards every member may be read from any thread
// (services guard their own state).

#include <memory>
#include <string>
#include <typeindex>
#include <unordered_map>

#include "catalog/catalog.h"
#include "core/clock.h"
#include "store/database.h"

namespace alley::app {

class App {
 public:
  explicit App(std::shared_ptr<const Clock> clock = system_clock());
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  catalog::Catalog& catalog() { return catalog_; }
  const catalog::Catalog& catalog() const { return catalog_; }
  const Clock& clock() const { return *clock_; }

  // Opens `url` with the application's clock, applies every registered
  // migration and brings the search index in line with the records.
  // Unavailable (saying what failed) when the database cannot be prepared.
  Status open_database(const std::string& url, std::size_t connections = 4);
  // Brings the full-text index in line with the records (after a copy, or
  // for a database from before the index existed). REQUIRES: open_database.
  Status rebuild_search_index_if_needed();

  // REQUIRES: open_database succeeded.
  store::Database& database() const { return *database_; }
  const std::shared_ptr<store::Database>& shared_database() const { return database_; }

  // Long-lived state a module keeps, one per type: provided while the module
  // registers, found by the module's routes and hooks afterwards.
  template <class Service>
  void provide(std::shared_ptr<Service> service) {
    services_[std::type_index(typeid(Service))] = std::move(service);
  }
  // nullptr when no module provided one.
  template <class Service>
  Service* find_service() const {
    auto found = services_.find(std::type_index(typeid(Service)));
    return found == services_.end() ? nullptr : static_cast<Service*>(found->second.get());
  }

 private:
  std::shared_ptr<const Clock> clock_;
  catalog::Catalog catalog_;
  std::shared_ptr<store::Database> database_;
  std::unordered_map<std::type_index, std::shared_ptr<void>> services_;
};

}  // namespace alley::app
