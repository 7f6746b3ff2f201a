#pragma once
// A registry resource described as data: its fields, their types and rules.
// One generic validator, repository, set of HTTP routes and OpenAPI section
// serve every resource from this description, so adding a resource means
// adding a schema (schemas.cc) and a migration — nothing else.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/json.h"

namespace alley::registry {

enum class FieldType {
  kText,
  kInteger,
  kReal,
  kBool,
  kDate,       // "YYYY-MM-DD"
  kEnum,       // one of `values`
  kTextArray,  // stored as JSON text; with `references`, each entry is the id of a live record
  kGeometry,   // GeoJSON geometry of one of `values`, stored as JSON text
  kReference,  // id of a live record of `references`
  kJson,       // any JSON object or array, stored as JSON text (a rule's JSON Logic)
};

// Who writes: the standing of a writer, lowest first. An organization's own
// user is an owner; department and sub-district staff are staff; the CLI, a
// pack and the demo act as admin.
enum class Writer { kOwner, kStaff, kAdmin };

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::kText;
  std::string description;
  std::string label;  // the field's name in Chinese, as the web app shows it; for explanations people read
  bool required = false;
  bool filterable = false;
  bool sortable = false;
  bool unique = false;       // no two live records share a value
  bool is_public = true;     // false: district staff (and an organization itself) only
  bool create_only = false;  // may be given on create; changed afterwards only by its own endpoint
  Writer written_by = Writer::kOwner;  // the lowest standing that may set or change it (a district designation: staff)
  std::string locked_hint;   // for create_only fields: where to change it instead
  std::vector<std::string> values;
  std::string references;
  std::optional<double> minimum;
  std::optional<double> maximum;
  bool exclusive_minimum = false;
  std::size_t max_length = 4000;

  // Fluent setters keep schemas.cc readable.
  FieldSpec& is_required() { required = true; return *this; }
  FieldSpec& labelled(std::string chinese) { label = std::move(chinese); return *this; }
  FieldSpec& filter() { filterable = true; return *this; }
  FieldSpec& sort() { sortable = true; return *this; }
  FieldSpec& one_per_record() { unique = true; return *this; }
  FieldSpec& not_public() { is_public = false; return *this; }
  FieldSpec& set_by_staff() {
    written_by = Writer::kStaff;
    return *this;
  }
  FieldSpec& only_on_create(std::string hint) {
    create_only = true;
    locked_hint = std::move(hint);
    return *this;
  }
  FieldSpec& range(std::optional<double> low, std::optional<double> high) { minimum = low; maximum = high; return *this; }
  FieldSpec& above(double low) { minimum = low; exclusive_minimum = true; return *this; }
  FieldSpec& longest(std::size_t length) { max_length = length; return *this; }
};

FieldSpec field(std::string name, FieldType type, std::string description);
FieldSpec enum_field(std::string name, std::vector<std::string> values, std::string description);
FieldSpec reference_field(std::string name, std::string resource, std::string description);
FieldSpec reference_array_field(std::string name, std::string resource, std::string description);

// Cross-field rules beyond what FieldSpec expresses. `merged` is the record as
// it would be after the write; `before` is null on create. Append problems to
// `errors`; the function may also normalise `merged` (e.g. convert datums).
using RecordRule = void (*)(Json& merged, const Json* before, std::vector<FieldError>& errors);

struct ResourceSchema {
  std::string name;       // plural, the path segment and the table: "organizations"
  std::string singular;   // "organization"
  std::string id_prefix;  // for server-minted ids: "org"
  std::string title_zh;   // 组织机构
  std::vector<FieldSpec> fields;  // every client-visible field except version and timestamps
  RecordRule rule = nullptr;
  bool has_point = false;     // lon/lat columns: served as GeoJSON points
  bool has_geometry = false;  // geometry column: served as GeoJSON features

  const FieldSpec* find(std::string_view field_name) const;
  bool has_private_fields() const;
};

// Fields the server sets: present in every record it returns, never accepted.
const std::vector<std::string>& server_managed_fields();

}  // namespace alley::registry
