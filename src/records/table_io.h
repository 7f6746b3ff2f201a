#pragma once
// Registry records as CSV, the format spreadsheets read and write. The header
// row names schema fields; arrays are written as "a;b", geometry as JSON text,
// an empty cell means "not known". Text that a spreadsheet would run as a
// formula (=, +, -, @, tab, CR first) is written behind an apostrophe, and
// read back without it.

#include <string>
#include <string_view>
#include <vector>

#include "records/resource_schema.h"

namespace alley::records {

std::string records_to_csv(const ResourceSchema& schema, const Json& records);

// A row of a sheet as its cells' text, with its number as a spreadsheet
// shows it (the header is row 1 of a CSV).
struct TableRow {
  std::size_t number = 0;
  std::vector<std::string> cells;
};

// RFC 4180 rows of UTF-8 text (a BOM is skipped); rows with no text are left out.
Result<std::vector<TableRow>> parse_csv_table(std::string_view text);

// A data row read as a record of the schema, or what makes it unreadable.
struct SheetRecord {
  std::size_t row = 0;
  Json record = Json::object();
  std::vector<FieldError> errors;
};

// The first row names the columns: a field's name, or its label in Chinese
// or English (a trailing " *" that marks a required column is ignored);
// columns the server sets are skipped. Malformed names a column no field
// answers to. Cells are typed by the schema as csv_to_records does; a date
// given as a spreadsheet's day number becomes YYYY-MM-DD.
Result<std::vector<SheetRecord>> table_to_records(const ResourceSchema& schema, const std::vector<TableRow>& rows);

// The order to create `records` in so that one referring to another of its
// kind (an area and its parent, by id or by name) comes after it: indices into `records`, in
// file order otherwise; a cycle stays in file order, for validation to report.
std::vector<std::size_t> parents_first_order(const ResourceSchema& schema, const std::vector<const Json*>& records);

// The field a column's title names, by the rules above; nullptr for none.
const FieldSpec* field_for_column(const ResourceSchema& schema, std::string_view title);

// RFC 4180 (quoted fields, doubled quotes, CRLF or LF). Malformed names the
// line of a broken row or an unknown column; values are typed by the schema
// so that validate_write sees numbers as numbers.
Result<Json> csv_to_records(const ResourceSchema& schema, std::string_view text);

}  // namespace alley::records
