#include "catalog/catalog.h"

#include <algorithm>
#include <stdexcept>

#include "records/lifecycle.h"

namespace alley::catalog {

records::ResourceSchema& Catalog::add_resource(records::ResourceSchema resource) {
  if (find(resource.name)) throw std::logic_error("two modules register the resource " + resource.name);
  records::ResourceSchema& added = resources_.emplace_back(std::move(resource));
  // A record's first status is the first step of its history, before any other hook sees it.
  if (added.lifecycle)
    added.after_write.insert(added.after_write.begin(), records::first_lifecycle_step(added.lifecycle));
  for (records::FieldSpec& field : added.fields) {
    if (field.references.empty()) continue;
    records::ResourceSchema* target = field.references == added.name ? &added : &this->resource(field.references);
    field.referenced = target;
    target->referrers.push_back({&added, &field});
  }
  return added;
}

const records::ResourceSchema* Catalog::find(std::string_view name) const {
  for (const records::ResourceSchema& resource : resources_) {
    if (resource.name == name) return &resource;
  }
  return nullptr;
}

records::ResourceSchema& Catalog::resource(std::string_view name) {
  for (records::ResourceSchema& resource : resources_) {
    if (resource.name == name) return resource;
  }
  throw std::logic_error("no module registered the resource " + std::string(name) +
                         "; register the module that owns it first");
}

void Catalog::add_migration(store::Migration migration) {
  auto at = std::lower_bound(migrations_.begin(), migrations_.end(), migration.version,
                             [](const store::Migration& existing, int version) { return existing.version < version; });
  if (at != migrations_.end() && at->version == migration.version) {
    throw std::logic_error("migrations " + at->name + " and " + migration.name + " both take version " +
                           std::to_string(migration.version));
  }
  migrations_.insert(at, std::move(migration));
}

std::vector<store::TableSpec> Catalog::tables() const {
  std::vector<store::TableSpec> tables;
  for (const store::Migration& migration : migrations_)
    tables.insert(tables.end(), migration.tables.begin(), migration.tables.end());
  return tables;
}

std::vector<store::TableSpec> Catalog::copied_tables() const {
  std::vector<store::TableSpec> tables = this->tables();
  std::erase_if(tables, [](const store::TableSpec& table) { return !table.not_copied_because.empty(); });
  return tables;
}

}  // namespace alley::catalog
