#include "records/table_io.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>

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

// Splits CSV text into numbered rows of cells (a row that holds nothing is
// left out but counted, as a spreadsheet numbers it); nullopt marks an
// unterminated quote, whose row `bad_line` names.
std::optional<std::vector<TableRow>> parse_rows(std::string_view text, std::size_t& bad_line) {
  std::vector<TableRow> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, cell_started = false;
  std::size_t line = 1, row_line = 1, row_number = 1;
  auto end_row = [&] {
    row.push_back(std::move(cell));
    cell.clear();
    cell_started = false;
    if (!(row.size() == 1 && row[0].empty())) rows.push_back({row_number, std::move(row)});
    row.clear();
    ++row_number;
  };
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
      end_row();
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
  if (cell_started || !row.empty()) end_row();
  return rows;
}

// A spreadsheet keeps a date as the count of days since 1899-12-30 (its
// 1900 system); LibreOffice writes dates into XLSX that way.
std::optional<std::string> date_of_day_number(const std::string& cell) {
  double days = 0;
  auto [end, code] = std::from_chars(cell.data(), cell.data() + cell.size(), days);
  if (code != std::errc() || end != cell.data() + cell.size() || days < 1 || days > 2958465) return std::nullopt;
  const std::chrono::sys_days day =
      std::chrono::sys_days(std::chrono::year(1899) / 12 / 30) + std::chrono::days(std::int64_t(days));
  const std::chrono::year_month_day date(day);
  char text[11];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(date.year()), unsigned(date.month()), unsigned(date.day()));
  return std::string(text);
}

bool same_words(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

// A list in one cell: "a;b", or with the full-width ；or 、 a Chinese writer uses.
Json cell_list(const std::string& cell) {
  Json items = Json::array();
  std::string item;
  auto flush = [&] {
    const std::size_t first = item.find_first_not_of(' ');
    if (first != std::string::npos) items.push_back(item.substr(first, item.find_last_not_of(' ') - first + 1));
    item.clear();
  };
  for (std::size_t i = 0; i < cell.size();) {
    if (cell[i] == ';') {
      flush();
      ++i;
    } else if (cell.compare(i, 3, "\uFF1B") == 0 || cell.compare(i, 3, "\u3001") == 0) {
      flush();
      i += 3;
    } else {
      item += cell[i++];
    }
  }
  flush();
  return items;
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
      for (const char* yes : {"true", "1", "是"}) {
        if (same_words(cell, yes)) return true;
      }
      for (const char* no : {"false", "0", "否"}) {
        if (same_words(cell, no)) return false;
      }
      return cell;
    case FieldType::kDate:
      return date_of_day_number(cell).value_or(cell);
    case FieldType::kEnum:
      for (std::size_t i = 0; i < spec.value_labels.size() && i < spec.values.size(); ++i) {
        if (cell == spec.value_labels[i].first || same_words(cell, spec.value_labels[i].second)) return spec.values[i];
      }
      return cell;
    case FieldType::kTextArray:
      return cell_list(cell);
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

bool is_server_managed(std::string_view column) {
  const auto& managed = server_managed_fields();
  return std::find(managed.begin(), managed.end(), column) != managed.end();
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
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

Result<std::vector<TableRow>> parse_csv_table(std::string_view text) {
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
  return std::move(*rows);
}

const FieldSpec* field_for_column(const ResourceSchema& schema, std::string_view title) {
  title = trimmed(title);
  if (title.ends_with("*")) title = trimmed(title.substr(0, title.size() - 1));
  if (const FieldSpec* spec = schema.find(title)) return spec;
  for (const FieldSpec& spec : schema.fields) {
    if ((!spec.label.empty() && title == spec.label) || (!spec.label_en.empty() && same_words(title, spec.label_en)))
      return &spec;
  }
  return nullptr;
}

Result<std::vector<SheetRecord>> table_to_records(const ResourceSchema& schema, const std::vector<TableRow>& rows) {
  if (rows.empty()) return Error::malformed("the sheet is empty: its first row must name the columns");
  const std::vector<std::string>& header = rows.front().cells;
  std::vector<const FieldSpec*> specs;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string_view column = trimmed(header[c]);
    const FieldSpec* spec = field_for_column(schema, column);
    if (!spec && !is_server_managed(column) && !column.empty()) {
      std::string known;
      for (const FieldSpec& field : schema.fields) known += (known.empty() ? "" : ", ") + field.label;
      return Error::malformed("the column '" + std::string(column) + "' is not a field of " + schema.singular +
                              "; the columns may be titled " + known + " (or by field name)");
    }
    if (spec && std::find(specs.begin(), specs.end(), spec) != specs.end()) {
      return Error::malformed("two columns name the field " + spec->name + " (" + spec->label + ")");
    }
    specs.push_back(spec);  // nullptr: a server-managed column from an export, or an untitled one: ignored
  }
  std::vector<SheetRecord> records;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const TableRow& row = rows[r];
    SheetRecord read;
    read.row = row.number;
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      const std::string& cell = row.cells[c];
      if (c >= specs.size()) {
        if (!trimmed(cell).empty())
          read.errors.push_back({"",
                                 "the row has a value in column " + std::to_string(c + 1) +
                                     ", which has no title; the header has " + std::to_string(header.size()),
                                 "第 " + std::to_string(c + 1) + " 列有内容，但该列没有标题"});
        continue;
      }
      const bool marked_text =
          cell.size() > 1 && cell.front() == '\'' && starts_like_formula(std::string_view(cell).substr(1));
      if (specs[c] && !cell.empty())
        read.record[specs[c]->name] = typed_value(*specs[c], marked_text ? cell.substr(1) : cell);
    }
    records.push_back(std::move(read));
  }
  return records;
}

std::vector<std::size_t> parents_first_order(const ResourceSchema& schema, const std::vector<const Json*>& records) {
  std::vector<const FieldSpec*> selves;
  for (const auto& spec : schema.fields) {
    if (spec.type == FieldType::kReference && spec.references == schema.name) selves.push_back(&spec);
  }
  std::vector<std::size_t> order;
  // A parent is named by its id, or in a sheet by its name.
  auto keys_of = [](const Json& record) {
    std::vector<std::string> keys;
    for (const char* key : {"id", "name"}) {
      if (record.is_object() && record.contains(key) && record[key].is_string())
        keys.push_back(record[key].get<std::string>());
    }
    return keys;
  };
  std::set<std::string> placed, in_file;
  for (const Json* record : records) {
    for (std::string& key : keys_of(*record)) in_file.insert(std::move(key));
  }
  if (selves.empty()) {
    order.resize(records.size());
    std::iota(order.begin(), order.end(), 0);
    return order;
  }
  std::vector<bool> done(records.size(), false);
  for (bool progress = true; progress;) {
    progress = false;
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (done[i]) continue;
      const Json& record = *records[i];
      bool waiting = false;
      for (const FieldSpec* self : selves) {
        const Json* parent = record.is_object() && record.contains(self->name) ? &record[self->name] : nullptr;
        waiting = waiting || (parent && parent->is_string() && in_file.count(parent->get<std::string>()) &&
                              !placed.count(parent->get<std::string>()));
      }
      if (waiting) continue;
      order.push_back(i);
      for (std::string& key : keys_of(record)) placed.insert(std::move(key));
      done[i] = progress = true;
    }
  }
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!done[i]) order.push_back(i);
  }
  return order;
}

Result<Json> csv_to_records(const ResourceSchema& schema, std::string_view text) {
  Result<std::vector<TableRow>> rows = parse_csv_table(text);
  if (!rows) return rows.error();
  if (rows->empty()) return Error::malformed("the CSV is empty: the first row must name the columns");
  Result<std::vector<SheetRecord>> read = table_to_records(schema, rows.value());
  if (!read) return read.error();
  Json records = Json::array();
  for (SheetRecord& row : read.value()) {
    if (!row.errors.empty())
      return Error::malformed("CSV row " + std::to_string(row.row) + ": " + row.errors[0].message);
    records.push_back(std::move(row.record));
  }
  return records;
}

}  // namespace alley::records
