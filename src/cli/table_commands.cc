#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/args.h"
#include "cli/commands.h"
#include "core/files.h"
#include "imports/import_run.h"
#include "modules/modules.h"
#include "records/geojson_export.h"
#include "records/pack_loader.h"
#include "records/table_io.h"
#include "sheets/xlsx_reader.h"

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

// A spreadsheet goes through the import every browser upload takes, which
// reports each faulty row; a JSON array (an export) is created as it is.
int import_sheet(app::App& application, const records::ResourceSchema& schema, const std::string& file) {
  std::optional<std::string> bytes = read_file(file);
  if (!bytes) return fail("cannot read " + file);
  Result<std::vector<records::TableRow>> rows =
      file.ends_with(".xlsx") ? sheets::read_first_sheet(*bytes) : records::parse_csv_table(*bytes);
  if (!rows) return fail(file + ": " + rows.error().message);
  Result<store::Database::Lease> lease = application.database().acquire();
  if (!lease) return fail(lease.error().message);
  imports::ImportOptions options;
  options.keep = true;
  options.actor = {"cli:import"};
  options.progress = [](std::size_t done, std::size_t total) {
    if (done % 100 == 0 || done == total) std::fprintf(stderr, "\r  %zu / %zu", done, total);
  };
  Result<Json> report = imports::import_rows(*lease.value(), schema, rows.value(), options);
  if (!report) return fail(file + ": " + describe(report.error()));
  std::fprintf(stderr, "\n");
  if (!report.value()["kept"].get<bool>()) {
    for (const Json& row : report.value()["rows"]) {
      for (const Json& error : row["errors"]) {
        const std::string field = error["field"].get<std::string>();
        std::fprintf(stderr, "  row %zu%s: %s\n", row["row"].get<std::size_t>(),
                     field.empty() ? "" : (", " + field).c_str(), error["message"].get<std::string>().c_str());
      }
    }
    return fail("nothing was imported: " + std::to_string(report.value()["counts"]["invalid"].get<std::size_t>()) +
                " of " + std::to_string(report.value()["counts"]["rows"].get<std::size_t>()) + " rows have faults");
  }
  std::fprintf(stderr, "alley: imported %zu %s\n", report.value()["counts"]["rows"].get<std::size_t>(),
               schema.name.c_str());
  return 0;
}

}  // namespace

int import_command(const std::vector<std::string>& words) {
  const char* usage = "alley import RESOURCE FILE.{json,csv,xlsx} [--db URL]";
  Result<Args> args = parse_args(words, {"--db"}, {});
  if (!args) return fail(args.error().message, 2);
  app::App application;
  modules::register_all(application);
  Result<const records::ResourceSchema*> schema = resource_argument(args.value(), application.catalog(), usage);
  if (!schema) return fail(schema.error().message, 2);
  if (args->positional.size() != 2) return fail(std::string("usage: ") + usage, 2);
  const std::string file = args->positional[1];
  const bool sheet = file.ends_with(".csv") || file.ends_with(".xlsx");
  if (!sheet && !file.ends_with(".json")) return fail("the file must be .json, .csv or .xlsx: " + file, 2);

  Result<Json> records = Json::array();
  if (!sheet) {
    records = records::read_json_file(file);
    if (records && !records->is_array()) records = Error::malformed(file + " must hold a JSON array of records");
    if (!records) return fail(records.error().message);
    // An export carries version and timestamps; the importing database sets its own.
    for (Json& record : records.value()) {
      for (const std::string& managed : records::server_managed_fields()) {
        if (record.is_object()) record.erase(managed);
      }
    }
  }
  if (Status opened = application.open_database(database_url(args->get("--db")), 1); !opened) {
    return fail(opened.error().message);
  }
  if (sheet) return import_sheet(application, *schema.value(), file);

  std::vector<const Json*> in_file;
  for (const Json& record : records.value()) in_file.push_back(&record);
  const std::vector<std::size_t> order = records::parents_first_order(*schema.value(), in_file);
  Result<store::Database::Lease> lease = application.database().acquire();
  if (!lease) return fail(lease.error().message);
  const std::size_t total = order.size();
  Status imported = store::in_write_transaction(*lease.value(), [&]() -> Status {
    for (std::size_t done = 0; done < total; ++done) {
      const std::size_t i = order[done];
      Result<Json> created = records::create_record(*lease.value(), *schema.value(), (*records)[i], {"cli:import"});
      if (!created) {
        Error error = created.error();
        error.message = "record " + std::to_string(i + 1) + ": " + error.message;
        return error;
      }
      if ((done + 1) % 100 == 0 || done + 1 == total) std::fprintf(stderr, "\r  %zu / %zu", done + 1, total);
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
