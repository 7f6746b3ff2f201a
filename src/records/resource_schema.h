#pragma once
// A resource described as data: its fields, their types and rules, and the
// behaviour its module gives it — who may read and change which records,
// what full-text search indexes, what follows a write. One generic
// validator, repository, set of HTTP routes and OpenAPI section serve every
// resource from this description; a module registers its resources into the
// application's catalog (catalog/catalog.h), and no shared file names one.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "access/access_level.h"
#include "core/error.h"
#include "core/json.h"

namespace alley::store {
class Connection;
}

namespace alley::records {

struct ResourceSchema;
struct Lifecycle;
using access::Writer;

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

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::kText;
  std::string description;
  std::string label;             // the field's name in Chinese, as the web app shows it; for explanations people read
  std::string label_en;          // the same in English
  bool tested_by_rules = false;  // an attribute eligibility rules and the policy calculator look at
  bool required = false;
  bool filterable = false;
  bool sortable = false;
  bool unique = false;                 // no two live records share a value
  bool is_public = true;               // false: district staff (and an organization itself) only
  bool create_only = false;            // may be given on create; changed afterwards only by its own endpoint
  bool kept_by_server = false;         // never written by a request: its module keeps it (a case's unit, deadlines)
  Writer written_by = Writer::kOwner;  // the lowest standing that may set or change it (a district designation: staff)
  bool claimable = false;              // below written_by, a write is a claim staff verify (records/claims.h)
  std::string locked_hint;             // for create_only fields: where to change it instead
  std::vector<std::string> values;
  // Each value's label for people, in Chinese and English, in the order of `values`.
  std::vector<std::pair<std::string, std::string>> value_labels;
  std::string references;
  const ResourceSchema* referenced = nullptr;  // the resource `references` names, set by the catalog
  std::optional<double> minimum;
  std::optional<double> maximum;
  bool exclusive_minimum = false;
  std::size_t max_length = 4000;
  bool is_moment = false;  // text holding an ISO 8601 moment (when a case was received), shown in the district's time

  // Fluent setters keep schemas.cc readable.
  FieldSpec& is_required() {
    required = true;
    return *this;
  }
  FieldSpec& labelled(std::string chinese, std::string english) {
    label = std::move(chinese);
    label_en = std::move(english);
    return *this;
  }
  FieldSpec& values_labelled(std::vector<std::pair<std::string, std::string>> labels) {
    value_labels = std::move(labels);
    return *this;
  }
  FieldSpec& for_rules() {
    tested_by_rules = true;
    return *this;
  }
  FieldSpec& filter() {
    filterable = true;
    return *this;
  }
  FieldSpec& sort() {
    sortable = true;
    return *this;
  }
  FieldSpec& one_per_record() {
    unique = true;
    return *this;
  }
  FieldSpec& not_public() {
    is_public = false;
    return *this;
  }
  FieldSpec& set_by_staff() {
    written_by = Writer::kStaff;
    return *this;
  }
  // A fact that decides policies or KPIs: staff set it; what the record's
  // owner writes is kept as a claim until staff verify it.
  FieldSpec& claimed_by_owner() {
    written_by = Writer::kStaff;
    claimable = true;
    return *this;
  }
  FieldSpec& only_on_create(std::string hint) {
    create_only = true;
    locked_hint = std::move(hint);
    return *this;
  }
  // Written only by the module (`hint` says by what), as a case's unit is by its workflow's actions.
  FieldSpec& kept_by(std::string hint) {
    kept_by_server = true;
    locked_hint = std::move(hint);
    return *this;
  }
  FieldSpec& range(std::optional<double> low, std::optional<double> high) {
    minimum = low;
    maximum = high;
    return *this;
  }
  FieldSpec& above(double low) {
    minimum = low;
    exclusive_minimum = true;
    return *this;
  }
  FieldSpec& moment() {
    is_moment = true;
    return *this;
  }
  FieldSpec& longest(std::size_t length) {
    max_length = length;
    return *this;
  }
};

FieldSpec field(std::string name, FieldType type, std::string description);
FieldSpec enum_field(std::string name, std::vector<std::string> values, std::string description);
FieldSpec reference_field(std::string name, std::string resource, std::string description);
FieldSpec reference_array_field(std::string name, std::string resource, std::string description);

// Cross-field rules beyond what FieldSpec expresses. `merged` is the record as
// it would be after the write; `before` is null on create. Append problems to
// `errors`; the function may also normalise `merged` (e.g. convert datums).
using RecordRule = std::function<void(Json& merged, const Json* before, std::vector<FieldError>& errors)>;

// Which records a signed-in non-administrator may change (its data scope).
// `current` is the record before the write (nullopt on create), `body` the
// request body, which the guard may complete (staff creating a record
// without a responsible department become responsible for it). Forbidden,
// with the reason, otherwise.
using RecordGuard = std::function<Status(const access::User& user, store::Connection& connection,
                                         const std::optional<Json>& current, Json* body)>;

// Who is writing: a user name, "pack:<name>", "cli", or "anonymous".
struct Actor {
  std::string name;
  std::string user_id;               // empty for the CLI, a pack, the demo
  Writer standing = Writer::kAdmin;  // whose fields it may write
};

// Fills in what the author of a new record may leave out (a demand's source)
// before it is checked; what the author gave stands.
using CreateDefaults = std::function<void(Json& input, const Actor& actor)>;

// Work that follows a write in the same transaction, so it is done exactly
// when the write is. `before` is null on create, `after` null on delete. A
// failure rolls the write back.
using WriteHook =
    std::function<Status(store::Connection& connection, const Actor& actor, const Json* before, const Json* after)>;

// Work that follows staff's decision on a claim (records/claims.h), in its
// transaction: the organization told. `decision` is {field, value,
// verified, note?}.
using ClaimHook = std::function<Status(store::Connection& connection, const Actor& actor, std::string_view record_id,
                                       const Json& decision)>;

// Adds to the text full-text search finds a record by (the name of the
// building a space is in).
using SearchContext = std::function<Status(store::Connection& connection, const Json& record, std::string& body)>;

// A record that refers to another through one of its fields.
struct Referrer {
  const ResourceSchema* resource;
  const FieldSpec* field;  // a reference or a list of references
};

struct ResourceSchema {
  std::string name;               // plural, the path segment and the table: "organizations"
  std::string singular;           // "organization"
  std::string id_prefix;          // for server-minted ids: "org"
  std::string title_zh;           // 组织机构
  std::vector<FieldSpec> fields;  // every client-visible field except version and timestamps
  RecordRule rule{};
  bool has_point = false;     // lon/lat columns: served as GeoJSON points
  bool has_geometry = false;  // geometry column: served as GeoJSON features

  // Behaviour, set by the module that owns the resource. Deleting is always
  // the administrators'.
  access::Access read_access = access::Access::kPublic;
  access::Access write_access = access::Access::kAdmin;
  RecordGuard staff_guard{};  // null: staff change nothing here, administrators maintain it
  // The field naming the organization a record belongs to ("id" for an
  // organization itself, "org_id" for a demand it filed); empty: no user
  // owns a record. The organization's enterprise users are the record's
  // owners: they see its private fields and may change what an owner may,
  // and where the field is not the id, create records for their own
  // organization (the field filled with it).
  std::string owner_field{};
  // Readers who are not staff see only the records they own (a demand):
  // lists hold only those, and another's is answered as not found.
  bool private_to_owner = false;
  // Text fields (and lists of text) full-text search reads besides the name;
  // empty: the resource is not searched.
  std::vector<std::string> search_fields{};
  SearchContext search_context{};
  CreateDefaults complete_on_create{};
  std::vector<WriteHook> after_write{};  // in registration order; other modules may add theirs
  std::vector<ClaimHook> after_claim_decision{};
  std::shared_ptr<const Lifecycle> lifecycle{};  // a status that moves by steps (records/lifecycle.h), or none
  // Files may be attached to its records (the attachments module's routes),
  // by those who may change the record, read by those who see its private fields.
  bool accepts_attachments = false;

  // Set by the catalog: the fields of other resources that refer to this one.
  std::vector<Referrer> referrers{};

  const FieldSpec* find(std::string_view field_name) const;
  // Whether the user is one of the record's owners (see owner_field).
  bool owned_by(const access::User& user, const Json& record) const;
  bool has_private_fields() const;
  bool has_claimable_fields() const;
  bool is_searchable() const { return !search_fields.empty(); }
};

// Fields the server sets: present in every record it returns, never accepted.
const std::vector<std::string>& server_managed_fields();

}  // namespace alley::records
