#pragma once
// Data scopes a module gives its resources (ResourceSchema::staff_guard):
// which records department and sub-district staff may change. A record
// answers to a department through a field of its own, or through the record
// one of its fields refers to (a space through its place).

#include <string>

#include "records/resource_schema.h"

namespace alley::records {

// Staff change records whose `field` names their department; creating one
// without it makes their department responsible; handing a record to
// another department is the administrators'.
RecordGuard guard_by_department(std::string field);

// The same for a list of departments (an event's organisers): staff change
// records whose list names their department, creating one without the list
// makes their department its only entry, and a change that leaves their
// department out (handing the record to others) is the administrators'.
RecordGuard guard_by_departments(std::string list_field);

// Staff change records whose `reference` (a field naming a record of
// `table`) points at a record whose `department_column` names their
// department — both before and after the write, so a record cannot be moved
// out of their reach or into another's.
RecordGuard guard_through(std::string reference, std::string table, std::string department_column);

// Every member of staff may change every record.
RecordGuard any_staff();

// Where a record lies, for scopes by geography: its own lon/lat fields
// (`through` empty), or those of the record of `table` its field `through` names.
struct PositionOf {
  std::string through;
  std::string table;
};

// The records that say where a department answers for: a table with a
// department field and a GeoJSON polygon field (a sub-district's areas).
struct Territories {
  std::string table;
  std::string department_field;
  std::string geometry_field;
};

// Whether the point lies inside one of the territories `department_id` answers for.
Result<bool> in_territory(store::Connection& connection, const Territories& territories,
                          const std::string& department_id, double lon, double lat);

// Staff change the records that lie inside their department's territories,
// both before and after the write (a record cannot be moved out of their
// reach or into another's); a record with no position is not theirs.
RecordGuard guard_by_geography(PositionOf where, Territories territories);

// Passes when either guard does; otherwise says what `first` said.
RecordGuard either(RecordGuard first, RecordGuard second);

// Forbidden: "only staff of the responsible department (<owner>) may change this record".
Error not_your_department(const std::string& owner);

}  // namespace alley::records
