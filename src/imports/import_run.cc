#include "imports/import_run.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "records/repository.h"

namespace alley::imports {
namespace {

constexpr std::size_t kRowsShown = 200;

std::string label_of(const records::FieldSpec* spec, const std::string& lang) {
  if (!spec) return "";
  if (lang == "en" && !spec->label_en.empty()) return spec->label_en;
  return spec->label.empty() ? spec->name : spec->label;
}

// A reference given by the name of the record it names (as a person fills
// a sheet) becomes that record's id; an id stays as it is.
Result<std::string> referenced_id(store::Connection& connection, const records::FieldSpec& spec,
                                  const std::string& given) {
  const records::ResourceSchema& target = *spec.referenced;
  if (records::get_record(connection, target, given)) return given;
  Result<store::QueryResult> found = connection.query(
      "SELECT id FROM " + target.name + " WHERE deleted_at IS NULL AND (name = ? OR name_en = ?) ORDER BY id LIMIT 2",
      {given, given});
  if (!found) return found.error();
  if (found->rows.size() == 1) return std::get<std::string>(found->rows[0][0]);
  if (found->rows.empty()) {
    return Error::invalid("", {{spec.name, "no " + target.singular + " has the name or id '" + given + "'",
                                "没有名称或编号为“" + given + "”的" + target.title_zh}});
  }
  return Error::invalid("", {{spec.name, "more than one " + target.singular + " is named '" + given + "'; give its id",
                              "名为“" + given + "”的" + target.title_zh + "不止一个，请填写编号"}});
}

void resolve_references(store::Connection& connection, const records::ResourceSchema& schema, Json& record,
                        std::vector<FieldError>& errors) {
  for (const records::FieldSpec& spec : schema.fields) {
    if (!spec.referenced || !record.contains(spec.name)) continue;
    Json& value = record[spec.name];
    auto resolve = [&](Json& entry) {
      if (!entry.is_string()) return;
      Result<std::string> id = referenced_id(connection, spec, entry.get<std::string>());
      if (id) {
        entry = id.value();
      } else if (!id.error().fields.empty()) {
        errors.push_back(id.error().fields.front());
      } else {
        errors.push_back({spec.name, id.error().message});
      }
    };
    if (value.is_array()) {
      for (Json& entry : value) resolve(entry);
    } else {
      resolve(value);
    }
  }
}

Json error_list(const records::ResourceSchema& schema, const std::vector<FieldError>& errors, const std::string& lang) {
  Json list = Json::array();
  for (const FieldError& error : errors) {
    Json item = {
        {"field", error.field}, {"label", label_of(schema.find(error.field), lang)}, {"message", error.message}};
    if (!error.message_zh.empty()) item["message_zh"] = error.message_zh;
    list.push_back(std::move(item));
  }
  return list;
}

std::vector<FieldError> faults_of(const Error& error) {
  if (!error.fields.empty()) return error.fields;
  return {{"", error.message}};
}

// Each row in a savepoint of its own: a refused row leaves nothing, and on
// PostgreSQL a failed statement does not end the transaction for the rows after it.
Result<std::optional<std::string>> create_row(store::Connection& connection, const records::ResourceSchema& schema,
                                              Json record, const ImportOptions& options,
                                              std::vector<FieldError>& errors) {
  if (Result<std::int64_t> saved = connection.execute("SAVEPOINT import_row"); !saved) return saved.error();
  resolve_references(connection, schema, record, errors);
  if (errors.empty() && options.admit) {
    if (Status admitted = options.admit(connection, record); !admitted) errors = faults_of(admitted.error());
  }
  std::optional<std::string> id;
  if (errors.empty()) {
    Result<Json> created = records::create_record(connection, schema, record, options.actor);
    if (created) {
      id = created.value()["id"].get<std::string>();
    } else if (created.error().code == ErrorCode::kUnavailable || created.error().code == ErrorCode::kInternal) {
      return created.error();  // the database failed, not the row
    } else {
      errors = faults_of(created.error());
    }
  }
  const char* end = errors.empty() ? "RELEASE SAVEPOINT import_row" : "ROLLBACK TO SAVEPOINT import_row";
  if (Result<std::int64_t> ended = connection.execute(end); !ended) return ended.error();
  return id;
}

}  // namespace

Result<Json> import_rows(store::Connection& connection, const records::ResourceSchema& schema,
                         const std::vector<records::TableRow>& rows, const ImportOptions& options) {
  Result<std::vector<records::SheetRecord>> read = records::table_to_records(schema, rows);
  if (!read) return read.error();
  if (read->empty()) return Error::invalid("the sheet has a header row but no records under it");

  Json columns = Json::array();
  for (const std::string& title : rows.front().cells) {
    const records::FieldSpec* spec = records::field_for_column(schema, title);
    columns.push_back(
        {{"title", title}, {"field", spec ? Json(spec->name) : Json()}, {"label", label_of(spec, options.lang)}});
  }

  std::vector<const Json*> in_file;
  for (const records::SheetRecord& row : read.value()) in_file.push_back(&row.record);
  const std::vector<std::size_t> order = records::parents_first_order(schema, in_file);

  if (Status begun = connection.begin_write(); !begun) return begun.error();
  std::vector<std::pair<std::size_t, Json>> reported;  // by index in the file
  std::size_t invalid = 0, done = 0;
  for (const std::size_t i : order) {
    records::SheetRecord& row = (*read)[i];
    std::vector<FieldError> errors = row.errors;
    std::optional<std::string> id;
    if (errors.empty()) {
      Result<std::optional<std::string>> created = create_row(connection, schema, row.record, options, errors);
      if (!created) {
        (void)connection.rollback();
        return created.error();
      }
      id = created.value();
    }
    if (!errors.empty()) ++invalid;
    Json item = {{"row", row.row}, {"errors", error_list(schema, errors, options.lang)}};
    if (id) item["id"] = *id;
    if (i < kRowsShown) {
      Json cells = Json::object();
      const std::vector<std::string>& text = rows[i + 1].cells;
      for (std::size_t c = 0; c < text.size() && c < columns.size(); ++c) {
        if (!columns[c]["field"].is_null() && !text[c].empty()) cells[columns[c]["field"].get<std::string>()] = text[c];
      }
      item["cells"] = std::move(cells);
    }
    if (!errors.empty() || i < kRowsShown) reported.emplace_back(i, std::move(item));
    if (options.progress) options.progress(++done, read->size());
  }
  std::sort(reported.begin(), reported.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  Json report_rows = Json::array();
  for (auto& [index, item] : reported) report_rows.push_back(std::move(item));
  const bool keep = options.keep && invalid == 0;
  if (Status ended = keep ? connection.commit() : connection.rollback(); !ended) return ended.error();
  if (!keep) {
    for (Json& item : report_rows) item.erase("id");  // nothing was kept
  }
  return Json{{"resource", schema.name},
              {"kept", keep},
              {"columns", std::move(columns)},
              {"counts", {{"rows", read->size()}, {"valid", read->size() - invalid}, {"invalid", invalid}}},
              {"rows", std::move(report_rows)}};
}

}  // namespace alley::imports
