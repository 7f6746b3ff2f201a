#pragma once
// Registry records as CSV, the format spreadsheets read and write. The header
// row names schema fields; arrays are written as "a;b", geometry as JSON text,
// an empty cell means "not known". Text that a spreadsheet would run as a
// formula (=, +, -, @, tab, CR first) is written behind an apostrophe, and
// read back without it.

#include <string>
#include <string_view>

#include "records/resource_schema.h"

namespace alley::records {

std::string records_to_csv(const ResourceSchema& schema, const Json& records);

// RFC 4180 (quoted fields, doubled quotes, CRLF or LF). Malformed names the
// line of a broken row or an unknown column; values are typed by the schema
// so that validate_write sees numbers as numbers.
Result<Json> csv_to_records(const ResourceSchema& schema, std::string_view text);

}  // namespace alley::records
