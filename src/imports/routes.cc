// The routes of importing, for every resource: POST
// /api/v1/<resource>/imports takes an XLSX or CSV file as the body and
// imports all of its rows or none (dry_run=true only checks them), and
// GET /api/v1/<resource>/import-template.{xlsx,csv} gives the sheet to fill.
// Both are for those who create the resource's records, and staff at least:
// each row is created as that user's form would create it.

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "http/handler_support.h"
#include "http/problem.h"
#include "http/query_string.h"
#include "http/record_permissions.h"
#include "http/router.h"
#include "imports/import_run.h"
#include "imports/module.h"
#include "imports/templates.h"
#include "search/chinese_script.h"
#include "sheets/workbook_file.h"
#include "sheets/xlsx_reader.h"

namespace alley::imports {

using namespace http;  // the handler vocabulary: requests, responses, problems, routes
namespace {

// A workbook of 10,000 rows of a wide resource stays well under this.
constexpr std::size_t kMaxImportBytes = 16u << 20;

access::Access importers_of(const records::ResourceSchema& schema) {
  return schema.write_access == access::Access::kAdmin ? access::Access::kAdmin : access::Access::kStaff;
}

bool is_traditional(const RequestContext& context) { return context.lang.starts_with("zh-Hant"); }

search::TraditionalUsage usage_of(const RequestContext& context) {
  return context.lang == "zh-Hant-HK" ? search::TraditionalUsage::kHongKong : search::TraditionalUsage::kTaiwan;
}

// The file's rows: a ZIP archive is read as a workbook, anything else as CSV text.
Result<std::vector<records::TableRow>> rows_of(const HttpRequest& request) {
  if (request.body.empty()) return Error::malformed("send the XLSX or CSV file as the request body; it was empty");
  if (request.body.starts_with("PK\x03\x04")) return sheets::read_first_sheet(request.body);
  return records::parse_csv_table(request.body);
}

void fold_to_simplified(const search::ChineseScript& script, search::TraditionalUsage usage,
                        std::vector<records::TableRow>& rows) {
  for (records::TableRow& row : rows) {
    for (std::string& cell : row.cells) cell = script.to_simplified(cell, usage);
  }
}

Result<bool> dry_run_of(const HttpRequest& request) {
  auto pairs = parse_query(request.query);
  if (!pairs) return Error::malformed("the query string has a broken %-escape or is not UTF-8");
  bool dry_run = false;
  for (const auto& [key, value] : *pairs) {
    if (key == "dry_run" && (value == "true" || value == "false")) {
      dry_run = value == "true";
    } else if (key != "lang" && key != "file_name") {
      return Error{ErrorCode::kMalformed,
                   "the query takes dry_run=true (check, keep nothing) or dry_run=false, and file_name",
                   {{key, key == "dry_run" ? "must be true or false" : "unknown"}}};
    }
  }
  return dry_run;
}

HttpResponse refused_import(const Json& report) {
  const std::size_t invalid = report["counts"]["invalid"].get<std::size_t>();
  Json body = report;
  body["type"] = "about:blank";
  body["title"] = "Unprocessable Content";
  body["status"] = 422;
  body["detail"] = std::to_string(invalid) + (invalid == 1 ? " row" : " rows") +
                   " cannot be imported as they are, so nothing was imported; the rows say why";
  return json_response(422, body, "application/problem+json");
}

void add_resource_routes(Router& router, app::App& app, const records::ResourceSchema& schema) {
  store::Database* db = &app.database();
  const search::ChineseScript* script = &app.chinese_script();
  const std::string base = "/api/v1/" + schema.name;
  router.add(
      "POST", base + "/imports",
      [db, script, &schema](RequestContext& context, const HttpRequest& request, const PathParams&) {
        Result<bool> dry_run = dry_run_of(request);
        if (!dry_run) return problem_response(dry_run.error());
        Result<std::vector<records::TableRow>> rows = rows_of(request);
        if (!rows) return problem_response(rows.error());
        if (is_traditional(context)) fold_to_simplified(*script, usage_of(context), rows.value());
        Result<store::Database::Lease> lease = db->acquire();
        if (!lease) return problem_response(lease.error());
        ImportOptions options;
        options.keep = !dry_run.value();
        options.actor = writer_of(context);
        options.lang = context.lang;
        options.admit = [&](store::Connection& connection, Json& record) {
          return check_record_permission(context, schema, connection, std::nullopt, &record);
        };
        Result<Json> report = import_rows(*lease.value(), schema, rows.value(), options);
        if (!report) return problem_response(report.error());
        if (!dry_run.value() && !report.value()["kept"].get<bool>()) return refused_import(report.value());
        return json_response(dry_run.value() ? 200 : 201, report.value());
      },
      {"import_" + schema.name,
       "Import " + schema.name +
           " from a spreadsheet, all rows or none: the body is an .xlsx workbook (its first "
           "sheet) or a UTF-8 CSV whose first row titles the columns by field name or label; references may be given "
           "by name. 422 with the rows' faults when any row cannot be created",
       schema.name,
       "",
       "import_report",
       "application/json",
       {{"dry_run", "boolean", "true: check every row and report, keeping nothing"},
        {"file_name", "string", "the file's name, for the report"}},
       {200, 201, 400, 401, 403, 413, 422},
       false,
       importers_of(schema),
       kMaxImportBytes});

  for (const char* format : {"xlsx", "csv"}) {
    const bool workbook = std::string_view(format) == "xlsx";
    router.add("GET", base + "/import-template." + format,
               [script, &schema, workbook](RequestContext& context, const HttpRequest&, const PathParams&) {
                 const bool english = context.lang == "en";
                 const bool traditional = is_traditional(context);
                 const search::TraditionalUsage usage = usage_of(context);
                 Localise localise = [&](const std::string& text) {
                   return traditional ? script->to_traditional(text, usage) : text;
                 };
                 const std::vector<TemplateColumn> columns =
                     template_columns(schema, writer_of(context).standing, english, localise);
                 const std::string file_title = english ? schema.name : localise(schema.title_zh);
                 const std::string file_name =
                     file_title + (english ? " import template." : localise("导入模板.")) + (workbook ? "xlsx" : "csv");
                 if (!workbook) return file_response(template_csv(columns), "text/csv; charset=utf-8", file_name);
                 Result<std::string> bytes = template_workbook(schema, columns, english, localise);
                 if (!bytes) return problem_response(bytes.error());
                 return file_response(std::move(bytes.value()), sheets::kXlsxType, file_name);
               },
               {std::string("import_template_") + schema.name + "_" + format,
                std::string("The ") + (workbook ? "workbook" : "CSV") + " to fill for importing " + schema.name +
                    ": one titled column per field you may set (* marks those that must be filled)" +
                    (workbook ? ", a guide sheet with each column's format and choices" : ""),
                schema.name,
                "",
                "",
                workbook ? sheets::kXlsxType : "text/csv; charset=utf-8",
                {},
                {200, 401, 403},
                false,
                importers_of(schema)});
  }
}

}  // namespace

void add_routes(Router& router, app::App& app) {
  for (const records::ResourceSchema& schema : app.catalog().resources()) add_resource_routes(router, app, schema);
  router.add_schemas([](Json& schemas) {
    const Json error = {
        {"type", "object"},
        {"properties",
         {{"field", {{"type", "string"}}},
          {"label", {{"type", "string"}, {"description", "the field's label in the request's language"}}},
          {"message", {{"type", "string"}}}}}};
    schemas["import_report"] = {
        {"type", "object"},
        {"required", {"resource", "kept", "columns", "counts", "rows"}},
        {"properties",
         {{"resource", {{"type", "string"}}},
          {"kept", {{"type", "boolean"}, {"description", "true when every row was created and kept"}}},
          {"columns",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"properties",
               {{"title", {{"type", "string"}}},
                {"field", {{"type", {"string", "null"}}, {"description", "null: a column the server sets, ignored"}}},
                {"label", {{"type", "string"}}}}}}}}},
          {"counts",
           {{"type", "object"},
            {"properties",
             {{"rows", {{"type", "integer"}}}, {"valid", {{"type", "integer"}}}, {"invalid", {{"type", "integer"}}}}}}},
          {"rows",
           {{"type", "array"},
            {"description", "the first 200 rows with their cells, and every row with a fault"},
            {"items",
             {{"type", "object"},
              {"properties",
               {{"row", {{"type", "integer"}, {"description", "the row's number as the spreadsheet shows it"}}},
                {"cells", {{"type", "object"}, {"description", "field → the cell's text"}}},
                {"errors", {{"type", "array"}, {"items", error}}},
                {"id", {{"type", "string"}, {"description", "the created record's id, when kept"}}}}}}}}}}}};
  });
}

}  // namespace alley::imports
