#pragma once
// Records from a sheet, all or none: each data row is read as a record of
// the resource (records/table_io.h), its references found by id or by the
// name of the record they name, and created as a form's record would be, in
// one write transaction. A trial run makes the same checks, reports what
// would be created and what each row lacks, and keeps nothing.

#include <functional>
#include <vector>

#include "core/json.h"
#include "records/resource_schema.h"
#include "records/table_io.h"
#include "store/database.h"

namespace alley::imports {

// What may create the row's record beyond the resource's own rules (the
// importing user's data scope), given the record as read; it may complete
// the record as a form's create would be completed.
using RowAdmission = std::function<Status(store::Connection& connection, Json& record)>;

struct ImportOptions {
  bool keep = false;  // false: a trial run
  records::Actor actor;
  RowAdmission admit{};
  std::string lang = "zh-Hans";  // for the column labels in the report: en, else Chinese
  std::function<void(std::size_t done, std::size_t total)> progress{};
};

// The report: {resource, kept, rows: [{row, cells, errors: [{field, label,
// message}], id}], counts: {rows, valid, invalid}, columns: [{field,
// label}]}. `cells` is the text of the row as the sheet has it, for the
// first 200 rows; `id` is the record's, once created. `kept` is true only
// when every row was created and the run was not a trial. Malformed for a
// header no field answers to; the rows' own faults are in the report.
Result<Json> import_rows(store::Connection& connection, const records::ResourceSchema& schema,
                         const std::vector<records::TableRow>& rows, const ImportOptions& options);

}  // namespace alley::imports
