#include "records/pack_loader.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/files.h"
#include "core/ids.h"
#include "core/install_paths.h"
#include "core/json_text.h"

namespace alley::records {
namespace fs = std::filesystem;

std::vector<fs::path> pack_search_path() {
  return install_search_path("ALLEY_PACKS_DIR", fs::path("data") / "packs", "packs", ALLEY_SOURCE_PACKS_DIR);
}

Result<fs::path> find_pack(std::string_view name) {
  if (!is_valid_id(name)) return Error::not_found("'" + std::string(name) + "' is not a pack name");
  std::vector<std::string> available;
  for (const fs::path& folder : pack_search_path()) {
    std::error_code error;
    if (fs::exists(folder / name / "pack.json", error)) return folder / name;
    for (const auto& entry : fs::directory_iterator(folder, error)) {
      if (fs::exists(entry.path() / "pack.json")) {
        const std::string found = entry.path().filename().string();
        if (std::find(available.begin(), available.end(), found) == available.end()) available.push_back(found);
      }
    }
  }
  std::string list;
  for (const std::string& pack : available) list += (list.empty() ? "" : ", ") + pack;
  return Error::not_found("unknown pack '" + std::string(name) + "' (available: " + (list.empty() ? "none" : list) +
                          ")");
}

Result<Json> read_json_file(const fs::path& path) {
  std::optional<std::string> text = read_file(path);
  if (!text) return Error::not_found("cannot read " + path.string());
  return parse_json_text(*text, path.string());
}

Result<std::optional<std::string>> loaded_pack(store::Connection& connection) {
  Result<store::QueryResult> row = connection.query("SELECT value FROM pack_info WHERE key = 'pack'");
  if (!row) return row.error();
  if (row->rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(store::as_text(row->rows[0][0]));
}

Result<Json> pack_sources(store::Connection& connection) {
  Result<store::QueryResult> row = connection.query("SELECT value FROM pack_info WHERE key = 'pack_manifest'");
  if (!row) return row.error();
  Json items = Json::array();
  if (row->rows.empty()) return items;
  const Json manifest = Json::parse(store::as_text(row->rows[0][0]), nullptr, false);
  if (!manifest.is_object() || !manifest.contains("sources") || !manifest["sources"].is_object()) return items;
  for (const auto& [file, title] : manifest["sources"].items()) {
    if (title.is_string()) items.push_back({{"file", file}, {"title", title}});
  }
  return items;
}

Result<PackSummary> load_pack(store::Connection& connection, const std::deque<ResourceSchema>& resources,
                              const std::filesystem::path& folder, const Progress& progress) {
  Result<Json> manifest = read_json_file(folder / "pack.json");
  if (!manifest) return manifest.error();
  if (!manifest->is_object() || !manifest->contains("name") || !(*manifest)["name"].is_string()) {
    return Error::invalid((folder / "pack.json").string() + " must be an object with a name");
  }
  PackSummary summary;
  summary.name = (*manifest)["name"].get<std::string>();
  Result<std::optional<std::string>> existing = loaded_pack(connection);
  if (!existing) return existing.error();
  if (existing.value()) {
    return Error::conflict("this database already holds the pack '" + *existing.value() + "'");
  }
  const Actor actor{"pack:" + summary.name};
  for (const ResourceSchema& schema : resources) {
    const fs::path file = folder / (schema.name + ".json");
    if (!fs::exists(file)) continue;
    Result<Json> records = read_json_file(file);
    if (!records) return records.error();
    if (!records->is_array()) return Error::invalid(file.string() + " must hold a JSON array of records");
    for (std::size_t i = 0; i < records->size(); ++i) {
      Result<Json> created = create_record(connection, schema, (*records)[i], actor);
      if (!created) {
        Error error = created.error();
        error.message = file.filename().string() + " record " + std::to_string(i + 1) + " (" +
                        (*records)[i].value("id", "no id") + "): " + error.message;
        return error;
      }
      if (progress) progress(schema.name, i + 1, records->size());
    }
  }
  for (const auto& [key, value] :
       {std::pair<std::string, std::string>{"pack", summary.name}, {"pack_manifest", manifest->dump()}}) {
    Result<std::int64_t> saved = connection.execute("INSERT INTO pack_info (key, value) VALUES (?, ?)", {key, value});
    if (!saved) return saved.error();
  }
  return summary;
}

}  // namespace alley::records
