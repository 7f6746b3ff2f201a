#include "records/table_io.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "core/utf8.h"

namespace alley::records {
namespace {

std::string quote(const std::string& cell) {
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

// A spreadsheet runs a cell that starts like a formula. Text that does is
// written behind an apostrophe, which marks a cell as text; reading a CSV
// takes it off again.
bool starts_like_formula(std::string_view text) {
  return !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
}

std::string neutralised(std::string text) { return starts_like_formula(text) ? "'" + text : text; }

std::string cell_text(const Json& value) {
  if (value.is_string()) return neutralised(value.get<std::string>());
  if (value.is_array() && std::all_of(value.begin(), value.end(), [](const Json& v) { return v.is_string(); })) {
    std::string joined;
    for (const Json& item : value) joined += (joined.empty() ? "" : ";") + item.get<std::string>();
    return neutralised(joined);
  }
  return value.dump();
}

// Splits CSV text into rows of cells; nullopt marks an unterminated quote.
std::optional<std::vector<std::vector<std::string>>> parse_rows(std::string_view text, std::size_t& bad_line) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, cell_started = false;
  std::size_t line = 1, row_line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"' && !cell_started) {
      quoted = cell_started = true;
    } else if (c == ',') {
      row.push_back(std::move(cell));
      cell.clear();
      cell_started = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(cell));
      cell.clear();
      cell_started = false;
      if (!(row.size() == 1 && row[0].empty())) rows.push_back(std::move(row));
      row.clear();
      row_line = ++line;
    } else {
      cell += c;
      cell_started = true;
    }
  }
  if (quoted) {
    bad_line = row_line;
    return std::nullopt;
  }
  if (cell_started || !row.empty()) {
    row.push_back(std::move(cell));
    rows.push_back(std::move(row));
  }
  return rows;
}

Json typed_value(const FieldSpec& spec, const std::string& cell) {
  switch (spec.type) {
    case FieldType::kInteger: {
      std::int64_t value = 0;
      auto [end, code] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      if (code == std::errc() && end == cell.data() + cell.size()) return value;
      return cell;  // left as text so validation reports "must be a whole number"
    }
    case FieldType::kReal: {
      double value = 0;
      auto [end, code] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      if (code == std::errc() && end == cell.data() + cell.size()) return value;
      return cell;
    }
    case FieldType::kBool:
      if (cell == "true" || cell == "1") return true;
      if (cell == "false" || cell == "0") return false;
      return cell;
    case FieldType::kTextArray: {
      Json items = Json::array();
      std::size_t start = 0;
      while (start <= cell.size()) {
        const std::size_t end = std::min(cell.find(';', start), cell.size());
        if (end > start) items.push_back(cell.substr(start, end - start));
        start = end + 1;
      }
      return items;
    }
    case FieldType::kGeometry:
    case FieldType::kJson: {
      // Text that is not JSON (or nests too deep) stays text, and
      // validation says what the field must be.
      Result<Json> parsed = parse_json_text(cell, spec.name);
      return parsed ? std::move(parsed.value()) : Json(cell);
    }
    default:
      return cell;
  }
}

}  // namespace

std::string records_to_csv(const ResourceSchema& schema, const Json& records) {
  std::string csv;
  std::vector<std::string> columns;
  for (const FieldSpec& spec : schema.fields) columns.push_back(spec.name);
  for (const std::string& managed : server_managed_fields()) columns.push_back(managed);
  for (std::size_t i = 0; i < columns.size(); ++i) csv += (i ? "," : "") + columns[i];
  csv += "\r\n";
  for (const Json& record : records) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i) csv += ',';
      if (record.contains(columns[i])) csv += quote(cell_text(record[columns[i]]));
    }
    csv += "\r\n";
  }
  return csv;
}

Result<Json> csv_to_records(const ResourceSchema& schema, std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // spreadsheets often add a BOM
  if (!is_valid_utf8(text)) {
    std::size_t line = 1;
    // The first line that is not UTF-8, so the user can find it.
    std::size_t start = 0;
    for (std::size_t next = text.find('\n'); next != std::string_view::npos; next = text.find('\n', start)) {
      if (!is_valid_utf8(text.substr(start, next - start))) break;
      start = next + 1;
      ++line;
    }
    return Error::malformed("the CSV is not UTF-8 (first on line " + std::to_string(line) +
                            "); save it as \"CSV UTF-8\" (a GBK file must be converted first)");
  }
  std::size_t bad_line = 0;
  auto rows = parse_rows(text, bad_line);
  if (!rows)
    return Error::malformed("the CSV has an unterminated quoted field starting on line " + std::to_string(bad_line));
  if (rows->empty()) return Error::malformed("the CSV is empty: the first row must name the columns");
  const std::vector<std::string>& header = rows->front();
  std::vector<const FieldSpec*> specs;
  const auto& managed = server_managed_fields();
  for (const std::string& column : header) {
    const FieldSpec* spec = schema.find(column);
    const bool is_managed = std::find(managed.begin(), managed.end(), column) != managed.end();
    if (!spec && !is_managed) {
      return Error::malformed("the CSV column '" + column + "' is not a field of " + schema.singular);
    }
    specs.push_back(spec);  // nullptr: a server-managed column from an export, ignored
  }
  Json records = Json::array();
  for (std::size_t r = 1; r < rows->size(); ++r) {
    const std::vector<std::string>& row = (*rows)[r];
    if (row.size() != header.size()) {
      return Error::malformed("CSV data row " + std::to_string(r) + " has " + std::to_string(row.size()) +
                              " cells; the header has " + std::to_string(header.size()));
    }
    Json record = Json::object();
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string& cell = row[c];
      const bool marked_text =
          cell.size() > 1 && cell.front() == '\'' && starts_like_formula(std::string_view(cell).substr(1));
      if (specs[c] && !cell.empty())
        record[specs[c]->name] = typed_value(*specs[c], marked_text ? cell.substr(1) : cell);
    }
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace alley::records
