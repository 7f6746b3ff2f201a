#pragma once
// The application's catalog: what each module brings, registered from the
// module's one entry point — its resources with their behaviour
// (records/resource_schema.h), its migrations with the tables they create,
// and its routes. Shared code reads the catalog and never names a resource;
// `alley copy`, backups, the pack loader, search and the OpenAPI document
// all follow what is registered.
//
// Threading: filled while the application starts, read-only afterwards.

#include <deque>
#include <functional>
#include <string_view>
#include <vector>

#include "records/resource_schema.h"
#include "store/migrations.h"

namespace alley::http {
class Router;
}

namespace alley::catalog {

// Adds a module's routes (and the OpenAPI schemas they name) to the router.
using RouteSet = std::function<void(http::Router& router)>;

class Catalog {
 public:
  Catalog() = default;
  Catalog(const Catalog&) = delete;  // resources point at one another
  Catalog& operator=(const Catalog&) = delete;

  // Registers a resource after those before it; what it refers to must be
  // registered already (or be itself), so a pack loads in this order.
  // std::logic_error for a duplicate name or an unknown reference: a module
  // registered before one it needs.
  records::ResourceSchema& add_resource(records::ResourceSchema resource);

  // nullptr when no module registered it.
  const records::ResourceSchema* find(std::string_view name) const;
  // For a module reaching a resource it depends on; std::logic_error when missing.
  records::ResourceSchema& resource(std::string_view name);
  const std::deque<records::ResourceSchema>& resources() const { return resources_; }

  // std::logic_error for a version already taken.
  void add_migration(store::Migration migration);
  const std::vector<store::Migration>& migrations() const { return migrations_; }  // in version order
  // Every table of every migration, in migration order, and those a copy moves.
  std::vector<store::TableSpec> tables() const;
  std::vector<store::TableSpec> copied_tables() const;

  void add_routes(RouteSet routes) { route_sets_.push_back(std::move(routes)); }
  const std::vector<RouteSet>& route_sets() const { return route_sets_; }

 private:
  std::deque<records::ResourceSchema> resources_;  // a deque: pointers to its elements stay valid
  std::vector<store::Migration> migrations_;
  std::vector<RouteSet> route_sets_;
};

}  // namespace alley::catalog
