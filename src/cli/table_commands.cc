#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli/args.h"
#include "cli/commands.h"
#include "core/files.h"
#include "modules/modules.h"
#include "records/geojson_export.h"
#include "records/pack_loader.h"
#include "records/table_io.h"

namespace alley::cli {
namespace {

std::string resource_names(const catalog::Catalog& catalog) {
  std::string names;
  for (const auto& schema : catalog.resources()) names += (names.empty() ? "" : ", ") + schema.name;
  return names;
}

Result<const records::ResourceSchema*> resource_argument(const Args& args, const catalog::Catalog& catalog,
                                                         const char* usage) {
  if (args.positional.empty()) return Error::invalid(std::string("usage: ") + usage);
  const records::ResourceSchema* schema = catalog.find(args.positional[0]);
  if (!schema) {
    return Error::invalid("unknown resource '" + args.positional[0] + "'; choose one of " + resource_names(catalog));
  }
  return schema;
}

Result<Json> all_records(store::Connection& connection, const records::ResourceSchema& schema) {
  Json records = Json::array();
  records::ListQuery query;
  query.limit = records::kMaxPageSize;
  while (true) {
    Result<records::Page> page = records::list_records(connection, schema, query);
    if (!page) return page.error();
    for (Json& record : page->items) records.push_back(std::move(record));
    if (!page->next_offset) return records;
    query.offset = *page->next_offset;
  }
}

// Records that refer to records of their own kind (areas and their parents)
// are put parents first, so a file in any order imports.
Json parents_first(const records::ResourceSchema& schema, const Json& records) {
  std::vector<const records::FieldSpec*> selves;
  for (const auto& spec : schema.fields) {
    if (spec.type == records::FieldType::kReference && spec.references == schema.name) selves.push_back(&spec);
  }
  if (selves.empty()) return records;
  Json ordered = Json::array();
  std::set<std::string> placed, in_file;
  for (const Json& record : records) {
    if (record.is_object() && record.contains("id") && record["id"].is_string())
      in_file.insert(record["id"].get<std::string>());
  }
  std::vector<bool> done(records.size(), false);
  for (bool progress = true; progress;) {
    progress = false;
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (done[i]) continue;
      const Json& record = records[i];
      bool waiting = false;
      for (const records::FieldSpec* self : selves) {
        waiting = waiting || (record.is_object() && record.contains(self->name) && record[self->name].is_string() &&
                              in_file.count(record[self->name].get<std::string>()) &&
                              !placed.count(record[self->name].get<std::string>()));
      }
      if (waiting) continue;
      ordered.push_back(record);
      if (record.is_object() && record.contains("id") && record["id"].is_string())
        placed.insert(record["id"].get<std::string>());
      done[i] = progress = true;
    }
  }
  // A cycle stays in file order; validation then reports it.
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!done[i]) ordered.push_back(records[i]);
  }
  return ordered;
}

}  // namespace

int import_command(const std::vector<std::string>& words) {
  const char* usage = "alley import RESOURCE FILE.{json,csv} [--db URL]";
  Result<Args> args = parse_args(words, {"--db"}, {});
  if (!args) return fail(args.error().message, 2);
  app::App application;
  modules::register_all(application);
  Result<const records::ResourceSchema*> schema = resource_argument(args.value(), application.catalog(), usage);
  if (!schema) return fail(schema.error().message, 2);
  if (args->positional.size() != 2) return fail(std::string("usage: ") + usage, 2);
  const std::string file = args->positional[1];

  Result<Json> records = Error::internal("unread");
  if (file.ends_with(".csv")) {
    std::optional<std::string> text = read_file(file);
    if (!text) return fail("cannot read " + file);
    records = records::csv_to_records(*schema.value(), *text);
  } else {
    records = records::read_json_file(file);
    if (records && !records->is_array()) records = Error::malformed(file + " must hold a JSON array of records");
    // An export carries version and timestamps; the importing database sets its own.
    if (records) {
      for (Json& record : records.value()) {
        for (const std::string& managed : records::server_managed_fields()) {
          if (record.is_object()) record.erase(managed);
        }
      }
    }
  }
  if (!records) return fail(records.error().message);
  records = parents_first(*schema.value(), records.value());

  if (Status opened = application.open_database(database_url(args->get("--db")), 1); !opened) {
    return fail(opened.error().message);
  }
  Result<store::Database::Lease> lease = application.database().acquire();
  if (!lease) return fail(lease.error().message);
  const std::size_t total = records->size();
  Status imported = store::in_write_transaction(*lease.value(), [&]() -> Status {
    for (std::size_t i = 0; i < total; ++i) {
      Result<Json> created = records::create_record(*lease.value(), *schema.value(), (*records)[i], {"cli:import"});
      if (!created) {
        Error error = created.error();
        error.message = "row " + std::to_string(i + 1) + ": " + error.message;
        return error;
      }
      if ((i + 1) % 100 == 0 || i + 1 == total) std::fprintf(stderr, "\r  %zu / %zu", i + 1, total);
    }
    return ok_status();
  });
  if (total) std::fprintf(stderr, "\n");
  if (!imported) return fail("nothing was imported: " + describe(imported.error()));
  std::fprintf(stderr, "alley: imported %zu %s\n", total, schema.value()->name.c_str());
  return 0;
}

int export_command(const std::vector<std::string>& words) {
  const char* usage =
      "alley export RESOURCE [--format json|csv|geojson] [--datum WGS84|GCJ-02|BD-09] [--out FILE] [--db URL]";
  Result<Args> args = parse_args(words, {"--db", "--format", "--out", "--datum"}, {});
  if (!args) return fail(args.error().message, 2);
  app::App application;
  modules::register_all(application);
  Result<const records::ResourceSchema*> schema = resource_argument(args.value(), application.catalog(), usage);
  if (!schema) return fail(schema.error().message, 2);
  if (args->positional.size() != 1) return fail(std::string("usage: ") + usage, 2);
  const std::string format = args->get("--format", "json");
  if (format != "json" && format != "csv" && format != "geojson")
    return fail("--format must be json, csv or geojson", 2);
  if (format == "geojson" && !schema.value()->has_point && !schema.value()->has_geometry) {
    return fail(schema.value()->name + " have no positions; export them as json or csv", 2);
  }
  auto datum = geo::parse_datum(args->get("--datum", "WGS84"));
  if (!datum) return fail("--datum must be WGS84, GCJ-02 or BD-09", 2);

  if (Status opened = application.open_database(database_url(args->get("--db")), 1); !opened) {
    return fail(opened.error().message);
  }
  Result<store::Database::Lease> lease = application.database().acquire();
  if (!lease) return fail(lease.error().message);

  std::string output;
  std::size_t count = 0;
  if (format == "geojson") {
    Result<records::FeaturePage> page = records::feature_collection(*lease.value(), *schema.value(), {}, *datum);
    if (!page) return fail(page.error().message);
    count = page->collection["features"].size();
    output = page->collection.dump(1);
  } else {
    Result<Json> records = all_records(*lease.value(), *schema.value());
    if (!records) return fail(records.error().message);
    count = records->size();
    output = format == "csv" ? records::records_to_csv(*schema.value(), records.value()) : records->dump(1);
  }
  if (!output.empty() && output.back() != '\n') output += '\n';
  const std::string out = args->get("--out");
  if (out.empty() || out == "-") {
    std::fwrite(output.data(), 1, output.size(), stdout);
  } else {
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    if (!file || !(file << output) || !file.flush()) return fail("cannot write " + out);
  }
  std::fprintf(stderr, "alley: exported %zu %s\n", count, schema.value()->name.c_str());
  return 0;
}

}  // namespace alley::cli
