#pragma once
// Generic storage of every resource's records, driven by their ResourceSchema.
// Every write checks the record (record_validator.h), checks its references
// against live records, bumps its version and appends to the audit log.
//
// REQUIRES for every write function: the caller holds a write transaction on
// `connection` (store::in_write_transaction), so that a write and its audit
// entry commit together and several writes can form one unit (a pack load).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/json.h"
#include "records/resource_schema.h"
#include "store/database.h"

namespace alley::records {

struct ListQuery {
  // field=value pairs from the query string; also <field>_min / <field>_max
  // for sortable numbers, and q for a substring of name or name_en.
  std::vector<std::pair<std::string, std::string>> filters;
  std::string sort;  // "name", "-employees"; empty: by id
  std::size_t limit = 50;
  std::size_t offset = 0;
  bool paged = false;  // limit or cursor was asked for (lists that default to everything serve one page)
};

struct Page {
  Json items;  // array of records
  std::int64_t total = 0;
  std::optional<std::size_t> next_offset;
};

constexpr std::size_t kMaxPageSize = 500;

// Filter or sort problems come back as a Malformed error naming the parameter.
Result<Page> list_records(store::Connection& connection, const ResourceSchema& schema, const ListQuery& query);

// Every live record, page by page: for work over a whole resource.
Result<std::vector<Json>> list_all_records(store::Connection& connection, const ResourceSchema& schema);

// NotFound for an unknown id, Gone for a deleted record.
Result<Json> get_record(store::Connection& connection, const ResourceSchema& schema, std::string_view id);

Result<Json> create_record(store::Connection& connection, const ResourceSchema& schema, const Json& input,
                           const Actor& actor);

// `expected_version` comes from If-Match; a mismatch is PreconditionFailed.
Result<Json> update_record(store::Connection& connection, const ResourceSchema& schema, std::string_view id,
                           const Json& patch, std::int64_t expected_version, const Actor& actor);

// Soft delete. Refused (Conflict) while live records still refer to it,
// through a reference or a list of references.
Status delete_record(store::Connection& connection, const ResourceSchema& schema, std::string_view id,
                     std::optional<std::int64_t> expected_version, const Actor& actor);

// Sets fields the server decides — a lifecycle's status, a workflow's state,
// who holds a case — which no writer may set through update_record: checks
// `expected_version` (and the version `current` was read at), bumps it and
// audits the change as `audit_action`. Returns the record after. The
// caller runs the write hooks once its own rows are written.
Result<Json> write_server_fields(store::Connection& connection, const ResourceSchema& schema, const Json& current,
                                 const Json& changes, std::optional<std::int64_t> expected_version,
                                 std::string_view audit_action, const Actor& actor);

// Runs the resource's after-write hooks (resource_schema.h) in order; the
// first failure is returned. For writes that change a record outside
// update_record (a lifecycle step). REQUIRES: a write transaction.
Status run_write_hooks(store::Connection& connection, const ResourceSchema& schema, const Actor& actor,
                       const Json* before, const Json* after);

// A field's value as its column holds it (lists and geometry as JSON text).
store::SqlValue column_value(const FieldSpec& spec, const Json& value);

// Appends an entry to the audit log. `before`/`after` may be null.
Status append_audit(store::Connection& connection, const Actor& actor, std::string_view action,
                    std::string_view resource, std::string_view record_id, const Json* before, const Json* after);

}  // namespace alley::records
