#pragma once
// A deterministic synthetic population for demonstrations: about 600
// enterprises, spaces with rents and vacancies in the pack's buildings, and a
// few talents. Every record is marked synthetic and its name says 示例, so no
// invention passes for fact. The same pack always yields the same records.

#include "catalog/catalog.h"
#include "records/repository.h"

namespace alley::registry {

struct DemoSummary {
  std::size_t organizations = 0;
  std::size_t spaces = 0;
  std::size_t talents = 0;
  std::size_t pipeline_changes = 0;
};

// REQUIRES: a write transaction, and a pack loaded (spaces go into its places).
// Conflict when the demo population is there already.
// The records are written through `catalog`'s resources, with their hooks.
Result<DemoSummary> add_demo_population(store::Connection& connection, const catalog::Catalog& catalog,
                                        std::size_t organization_count = 600);

// The USCC check character makes synthetic codes valid; the organization-code
// part starts with "MA" so they read as recent registrations.
std::string synthetic_uscc(std::uint64_t seed);

}  // namespace alley::registry
