#pragma once
// The application context: what lives as long as the process — the catalog
// the modules registered into, the clock, the database, the Chinese script
// converters (OpenCC's data folder is chosen at run time), and the long-lived
// state modules keep between requests (a resident index) — passed to what
// needs it instead of being reached through globals. Tests build one with a
// ManualClock to move time.
//
// Threading: modules register and the database is opened while the process
// starts, on one thread; afterwards every member may be read from any thread
// (services guard their own state).

#include <functional>
#include <memory>
#include <string>
#include <typeindex>
#include <unordered_map>
#include <vector>

#include "catalog/catalog.h"
#include "core/clock.h"
#include "store/database.h"

namespace alley::search {
class ChineseScript;
}

namespace alley::app {

class App {
 public:
  explicit App(std::shared_ptr<const Clock> clock = system_clock());
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  catalog::Catalog& catalog() { return catalog_; }
  const catalog::Catalog& catalog() const { return catalog_; }
  const Clock& clock() const { return *clock_; }

  // Where OpenCC's configurations are read from; by default ALLEY_OPENCC_DIR,
  // else where the build found them. REQUIRES: before open_database.
  void use_opencc_data(std::string folder) { opencc_dir_ = std::move(folder); }

  // Loads the script converters, opens `url` with the application's clock,
  // applies every registered migration, keeps the search index current on
  // every write of a searchable resource and brings it in line with the
  // records. Unavailable (saying what failed) when any of it cannot be done.
  Status open_database(const std::string& url, std::size_t connections = 4);
  // Brings the full-text index in line with the records (after a copy, or
  // for a database from before the index existed). REQUIRES: open_database.
  Status rebuild_search_index_if_needed();

  // REQUIRES: open_database succeeded.
  store::Database& database() const { return *database_; }
  const std::shared_ptr<store::Database>& shared_database() const { return database_; }
  // REQUIRES: open_database succeeded.
  const search::ChineseScript& chinese_script() const { return *script_; }

  // Work a module has done in the background while the server runs (due
  // scheduled jobs), each item called again and again by one thread
  // (app/background_worker.h); a failure is reported and tried next time.
  struct BackgroundWork {
    std::string name;
    std::function<Status(App&)> run;
  };
  void add_background_work(BackgroundWork work) { background_work_.push_back(std::move(work)); }
  const std::vector<BackgroundWork>& background_work() const { return background_work_; }

  // What `alley init --demo` adds, module by module in registration order,
  // each step in a write transaction of its own: synthetic records, marked
  // so. A step answers the line init prints, or Conflict when its population
  // is there already (init says so and goes on).
  struct DemoStep {
    std::string name;
    std::function<Result<std::string>(store::Connection&, App&)> run;
  };
  void add_demo_step(DemoStep step) { demo_steps_.push_back(std::move(step)); }
  const std::vector<DemoStep>& demo_steps() const { return demo_steps_; }

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
  std::string opencc_dir_;
  std::shared_ptr<const search::ChineseScript> script_;
  std::shared_ptr<store::Database> database_;
  std::unordered_map<std::type_index, std::shared_ptr<void>> services_;
  std::vector<BackgroundWork> background_work_;
  std::vector<DemoStep> demo_steps_;
};

}  // namespace alley::app
