#pragma once
// Loads a district pack (docs/PACK_FORMAT.md) into an empty database, all or
// nothing, through the same validation the API applies.

#include <deque>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "records/repository.h"

namespace alley::records {

// Where packs are looked for (core/install_paths.h): $ALLEY_PACKS_DIR,
// data/packs and share/alley/packs above the binary, ./data/packs, the source tree.
std::vector<std::filesystem::path> pack_search_path();

// The folder of pack `name`; NotFound lists the packs that do exist.
Result<std::filesystem::path> find_pack(std::string_view name);

struct PackSummary {
  std::string name;
};

using Progress = std::function<void(std::string_view resource, std::size_t done, std::size_t total)>;

// The pack loaded into this database, or nullopt.
Result<std::optional<std::string>> loaded_pack(store::Connection& connection);

// The documents the loaded pack's records cite, each file name with the
// document's title as its manifest gives it (`sources`), so a reader is shown
// the title; an empty list when no pack is loaded or it names none.
Result<Json> pack_sources(store::Connection& connection);

// Loads <resource>.json for each of `resources` (the catalog's, in its
// order) that the pack has. REQUIRES: a write transaction (the whole pack
// commits or none of it does). Conflict when a pack was loaded already.
Result<PackSummary> load_pack(store::Connection& connection, const std::deque<ResourceSchema>& resources,
                              const std::filesystem::path& folder, const Progress& progress);

// Reads a JSON file; Malformed names the file and the position of a syntax error.
Result<Json> read_json_file(const std::filesystem::path& path);

}  // namespace alley::records
