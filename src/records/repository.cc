#include "records/repository.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/ids.h"
#include "records/claims.h"
#include "records/record_validator.h"

namespace alley::records {
namespace {

using store::SqlValue;

std::vector<std::string> stored_columns(const ResourceSchema& schema) {
  std::vector<std::string> columns;
  for (const FieldSpec& spec : schema.fields) columns.push_back(spec.name);
  for (const std::string& managed : server_managed_fields()) columns.push_back(managed);
  return columns;
}

std::string column_list(const ResourceSchema& schema) {
  std::string list;
  for (const std::string& column : stored_columns(schema)) list += (list.empty() ? "" : ", ") + column;
  return list;
}

}  // namespace

SqlValue column_value(const FieldSpec& spec, const Json& value) {
  if (value.is_null()) return std::monostate{};
  switch (spec.type) {
    case FieldType::kInteger:
      return value.get<std::int64_t>();
    case FieldType::kReal:
      return value.get<double>();
    case FieldType::kBool:
      return std::int64_t{value.get<bool>() ? 1 : 0};
    case FieldType::kTextArray:
    case FieldType::kGeometry:
    case FieldType::kJson:
      return value.dump();
    default:
      return value.get<std::string>();
  }
}

namespace {

Json from_sql(FieldType type, const SqlValue& value) {
  if (store::is_null(value)) return nullptr;
  switch (type) {
    case FieldType::kInteger:
      return store::as_integer(value).value_or(0);
    case FieldType::kReal:
      return store::as_real(value).value_or(0.0);
    case FieldType::kBool:
      return store::as_integer(value).value_or(0) != 0;
    case FieldType::kTextArray:
    case FieldType::kGeometry:
    case FieldType::kJson:
      return Json::parse(store::as_text(value), nullptr, false);
    default:
      return store::as_text(value);
  }
}

// The record with its fields in schema order, as reads return them.
Json in_schema_order(const ResourceSchema& schema, const Json& record) {
  Json ordered = Json::object();
  for (const FieldSpec& spec : schema.fields) {
    if (record.contains(spec.name)) ordered[spec.name] = record[spec.name];
  }
  for (const std::string& managed : server_managed_fields()) {
    if (record.contains(managed)) ordered[managed] = record[managed];
  }
  return ordered;
}

// Null fields are left out: absent means "not known".
Json row_to_record(const ResourceSchema& schema, const store::Row& row) {
  Json record = Json::object();
  std::size_t i = 0;
  for (const FieldSpec& spec : schema.fields) {
    Json value = from_sql(spec.type, row[i++]);
    if (!value.is_null()) record[spec.name] = std::move(value);
  }
  record["version"] = store::as_integer(row[i++]).value_or(1);
  record["created_at"] = store::as_text(row[i++]);
  record["updated_at"] = store::as_text(row[i++]);
  return record;
}

// Reads a record including deleted ones; nullopt when absent.
Result<std::optional<std::pair<Json, bool>>> read_any(store::Connection& connection, const ResourceSchema& schema,
                                                      std::string_view id) {
  Result<store::QueryResult> found = connection.query(
      "SELECT " + column_list(schema) + ", deleted_at FROM " + schema.name + " WHERE id = ?", {std::string(id)});
  if (!found) return found.error();
  if (found->rows.empty()) return std::optional<std::pair<Json, bool>>();
  const store::Row& row = found->rows.front();
  const bool deleted = !store::is_null(row.values.back());
  return std::optional<std::pair<Json, bool>>(std::pair{row_to_record(schema, row), deleted});
}

Status check_references(store::Connection& connection, const ResourceSchema& schema, const Json& merged,
                        const Json* before) {
  std::vector<FieldError> errors;
  for (const FieldSpec& spec : schema.fields) {
    // Lists of ids (lead departments of a task): each must be a live record.
    if (spec.type == FieldType::kTextArray && !spec.references.empty() && merged.contains(spec.name)) {
      if (before && before->contains(spec.name) && (*before)[spec.name] == merged[spec.name]) continue;
      const ResourceSchema* referenced = spec.referenced;
      if (!referenced)
        return Error::internal(schema.name + "." + spec.name + " refers to a resource no catalog registered");
      for (const Json& item : merged[spec.name]) {
        Result<std::optional<std::pair<Json, bool>>> found = read_any(connection, *referenced, item.get<std::string>());
        if (!found) return found.error();
        if (!found.value() || found.value()->second) {
          errors.push_back({spec.name, "no " + referenced->singular + " has the id '" + item.get<std::string>() + "'",
                            "所选" + referenced->title_zh + "不存在或已删除"});
        }
      }
      continue;
    }
    if (spec.type != FieldType::kReference || !merged.contains(spec.name)) continue;
    const std::string target = merged[spec.name].get<std::string>();
    if (before && before->value(spec.name, "") == target) continue;  // unchanged: was valid when written
    const ResourceSchema* referenced = spec.referenced;
    if (!referenced)
      return Error::internal(schema.name + "." + spec.name + " refers to a resource no catalog registered");
    if (spec.references == schema.name && merged.value("id", "") == target) {
      errors.push_back({spec.name, "cannot refer to the record itself", "不能选择记录本身"});
      continue;
    }
    Result<std::optional<std::pair<Json, bool>>> found = read_any(connection, *referenced, target);
    if (!found) return found.error();
    if (!found.value()) {
      errors.push_back({spec.name, "no " + referenced->singular + " has the id '" + target + "'",
                        "所选" + referenced->title_zh + "不存在"});
    } else if (found.value()->second) {
      errors.push_back({spec.name, "the " + referenced->singular + " '" + target + "' was deleted",
                        "所选" + referenced->title_zh + "已被删除"});
    } else if (spec.references == schema.name) {
      // Walk up a self-reference (area parents) to refuse cycles.
      std::string cursor = target;
      for (int depth = 0; depth < 64; ++depth) {
        Result<std::optional<std::pair<Json, bool>>> up = read_any(connection, schema, cursor);
        if (!up) return up.error();
        if (!up.value() || !up.value()->first.contains(spec.name)) break;
        cursor = up.value()->first[spec.name].get<std::string>();
        if (cursor == merged.value("id", "")) {
          errors.push_back({spec.name, "would make the record its own ancestor", "不能选择本记录的下级作为上级"});
          break;
        }
      }
    }
  }
  if (!errors.empty()) {
    return Error::invalid("the " + schema.singular + " refers to records that do not exist", std::move(errors));
  }
  return ok_status();
}

Status check_unique_fields(store::Connection& connection, const ResourceSchema& schema, const Json& merged) {
  for (const FieldSpec& spec : schema.fields) {
    if (!spec.unique || !merged.contains(spec.name)) continue;
    Result<store::QueryResult> clash = connection.query(
        "SELECT id, name FROM " + schema.name + " WHERE " + spec.name + " = ? AND deleted_at IS NULL AND id <> ?",
        {column_value(spec, merged[spec.name]), merged.value("id", "")});
    if (!clash) return clash.error();
    if (clash->rows.empty()) continue;
    Error error{ErrorCode::kConflict, "another " + schema.singular + " already has this " + spec.name, {}};
    error.fields.push_back({spec.name, "already used by " + store::as_text(clash->rows[0][1]) + " (" +
                                           store::as_text(clash->rows[0][0]) + ")"});
    return error;
  }
  return ok_status();
}

Error version_mismatch(const ResourceSchema& schema, std::string_view id, std::int64_t expected, std::int64_t actual) {
  return Error(ErrorCode::kPreconditionFailed, "the " + schema.singular + " '" + std::string(id) +
                                                   "' was changed after you read it (you have version " +
                                                   std::to_string(expected) + ", it is now at " +
                                                   std::to_string(actual) + "); reload it and apply your change again")
      .in_chinese("此" + schema.title_zh + "记录在您打开后已被修改，请刷新后重新修改");
}

std::string where_clause(std::vector<std::string> conditions) {
  std::string sql = " WHERE deleted_at IS NULL";
  for (const std::string& condition : conditions) sql += " AND " + condition;
  return sql;
}

Error bad_parameter(std::string parameter, std::string message) {
  Error error{ErrorCode::kMalformed, "the query parameter '" + parameter + "' is not valid: " + message, {}};
  error.fields.push_back({std::move(parameter), std::move(message)});
  return error;
}

std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  auto [end, code] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (code != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<std::string> comma_separated(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t comma; (comma = text.find(',', start)) != std::string::npos; start = comma + 1)
    parts.push_back(text.substr(start, comma - start));
  parts.push_back(text.substr(start));
  return parts;
}

std::string like_pattern(std::string_view text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

Status add_filter(const ResourceSchema& schema, store::Dialect dialect, const std::string& parameter,
                  const std::string& value, std::vector<std::string>& conditions, std::vector<SqlValue>& params) {
  if (parameter == "q") {
    conditions.push_back("(LOWER(name) LIKE LOWER(?) ESCAPE '\\' OR LOWER(name_en) LIKE LOWER(?) ESCAPE '\\')");
    params.push_back(like_pattern(value));
    params.push_back(like_pattern(value));
    return ok_status();
  }
  std::string field_name = parameter;
  std::string comparison = "=";
  if (parameter.ends_with("_min") || parameter.ends_with("_max")) {
    const FieldSpec* ranged = schema.find(parameter.substr(0, parameter.size() - 4));
    // Sortable dates and text range too: dates and UTC times, as the server writes them, order as their text does.
    const bool textual = ranged && (ranged->type == FieldType::kText || ranged->type == FieldType::kDate);
    if (ranged &&
        (ranged->type == FieldType::kInteger || ranged->type == FieldType::kReal || (textual && ranged->sortable))) {
      field_name = ranged->name;
      comparison = parameter.ends_with("_min") ? ">=" : "<=";
    }
  }
  const FieldSpec* spec = schema.find(field_name);
  const bool is_range = comparison != "=";
  if (!spec || (!spec->filterable && !is_range && spec->name != "id")) {
    std::string filterable = "q";
    for (const FieldSpec& candidate : schema.fields) {
      if (candidate.filterable) filterable += ", " + candidate.name;
    }
    return bad_parameter(parameter, "not a filter of " + schema.name + "; filters are " + filterable +
                                        ", and <field>_min / <field>_max for numbers and sortable text");
  }
  switch (spec->type) {
    case FieldType::kInteger:
    case FieldType::kReal: {
      auto number = parse_number(value);
      if (!number) return bad_parameter(parameter, "must be a number");
      conditions.push_back(spec->name + " " + comparison + " ?");
      params.push_back(*number);
      return ok_status();
    }
    case FieldType::kBool:
      if (value != "true" && value != "false") return bad_parameter(parameter, "must be true or false");
      conditions.push_back("COALESCE(" + spec->name + ", 0) = ?");
      params.push_back(std::int64_t{value == "true" ? 1 : 0});
      return ok_status();
    case FieldType::kEnum: {
      // a,b,c: any of them (a case in any of its open states).
      std::vector<std::string> wanted = comma_separated(value);
      std::string placeholders;
      for (const std::string& one : wanted) {
        if (std::find(spec->values.begin(), spec->values.end(), one) == spec->values.end()) {
          std::string allowed;
          for (const std::string& v : spec->values) allowed += (allowed.empty() ? "" : ", ") + v;
          return bad_parameter(parameter, "must be one of: " + allowed + " (or several, separated by commas)");
        }
        placeholders += placeholders.empty() ? "?" : ", ?";
        params.push_back(one);
      }
      conditions.push_back(spec->name + " IN (" + placeholders + ")");
      return ok_status();
    }
    case FieldType::kTextArray:
      conditions.push_back(dialect == store::Dialect::kSqlite
                               ? "EXISTS (SELECT 1 FROM json_each(" + spec->name + ") WHERE json_each.value = ?)"
                               : "CAST(" + spec->name + " AS jsonb) @> jsonb_build_array(CAST(? AS text))");
      params.push_back(value);
      return ok_status();
    case FieldType::kGeometry:
    case FieldType::kJson:
      return bad_parameter(parameter, "this field cannot be filtered");
    default:
      break;
  }
  conditions.push_back(spec->name + " " + comparison + " ?");
  params.push_back(value);
  return ok_status();
}

}  // namespace

Status append_audit(store::Connection& connection, const Actor& actor, std::string_view action,
                    std::string_view resource, std::string_view record_id, const Json* before, const Json* after) {
  Result<std::int64_t> written = connection.execute(
      "INSERT INTO audit_log (at, actor, action, resource, record_id, before_json, after_json) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {connection.clock().now_iso8601(), actor.name, std::string(action), std::string(resource), std::string(record_id),
       before ? SqlValue(before->dump()) : SqlValue(), after ? SqlValue(after->dump()) : SqlValue()});
  if (!written) return written.error();
  return ok_status();
}

Result<Page> list_records(store::Connection& connection, const ResourceSchema& schema, const ListQuery& query) {
  std::vector<std::string> conditions;
  std::vector<SqlValue> params;
  for (const auto& [parameter, value] : query.filters) {
    if (Status added = add_filter(schema, connection.dialect(), parameter, value, conditions, params); !added) {
      return added.error();
    }
  }
  std::string order = "id";
  if (!query.sort.empty()) {
    const bool descending = query.sort.front() == '-';
    const std::string name = descending ? query.sort.substr(1) : query.sort;
    const FieldSpec* spec = schema.find(name);
    const bool timestamp = name == "created_at" || name == "updated_at";
    if (!timestamp && (!spec || !spec->sortable)) {
      std::string sortable = "created_at, updated_at";
      for (const FieldSpec& candidate : schema.fields) {
        if (candidate.sortable) sortable += ", " + candidate.name;
      }
      return bad_parameter("sort", "cannot sort by '" + name + "'; sort by " + sortable + " (prefix - to reverse)");
    }
    // Unknown values last in both directions, the same on every backend.
    order = "(" + name + " IS NULL), " + name + (descending ? " DESC" : "") + ", id";
  }
  const std::string where = where_clause(conditions);
  Result<store::QueryResult> counted = connection.query("SELECT COUNT(*) FROM " + schema.name + where, params);
  if (!counted) return counted.error();
  std::vector<SqlValue> page_params = params;
  page_params.push_back(std::int64_t(query.limit));
  page_params.push_back(std::int64_t(query.offset));
  Result<store::QueryResult> rows = connection.query(
      "SELECT " + column_list(schema) + " FROM " + schema.name + where + " ORDER BY " + order + " LIMIT ? OFFSET ?",
      page_params);
  if (!rows) return rows.error();
  Page page;
  page.total = store::as_integer(counted->rows.at(0)[0]).value_or(0);
  page.items = Json::array();
  for (const store::Row& row : rows->rows) page.items.push_back(row_to_record(schema, row));
  if (query.offset + rows->rows.size() < std::size_t(page.total) && !rows->rows.empty()) {
    page.next_offset = query.offset + rows->rows.size();
  }
  return page;
}

Result<std::vector<Json>> list_all_records(store::Connection& connection, const ResourceSchema& schema) {
  // By key, not by offset: each page starts where the last ended, so reading
  // everything costs one pass however many records there are.
  constexpr std::int64_t kBatch = 1000;
  std::vector<Json> records;
  std::string after;
  while (true) {
    Result<store::QueryResult> rows = connection.query("SELECT " + column_list(schema) + " FROM " + schema.name +
                                                           " WHERE deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?",
                                                       {after, kBatch});
    if (!rows) return rows.error();
    for (const store::Row& row : rows->rows) records.push_back(row_to_record(schema, row));
    if (std::int64_t(rows->rows.size()) < kBatch) return records;
    after = records.back()["id"].get<std::string>();
  }
}

Result<Json> get_record(store::Connection& connection, const ResourceSchema& schema, std::string_view id) {
  if (!is_valid_id(id))
    return Error::not_found("no " + schema.singular + " has this id").in_chinese("没有此" + schema.title_zh + "记录");
  Result<std::optional<std::pair<Json, bool>>> found = read_any(connection, schema, id);
  if (!found) return found.error();
  if (!found.value())
    return Error::not_found("no " + schema.singular + " has the id '" + std::string(id) + "'")
        .in_chinese("没有此" + schema.title_zh + "记录");
  if (found.value()->second) {
    return Error(ErrorCode::kGone, "the " + schema.singular + " '" + std::string(id) + "' was deleted")
        .in_chinese("此" + schema.title_zh + "记录已删除");
  }
  return std::move(found.value()->first);
}

Result<Json> create_record(store::Connection& connection, const ResourceSchema& schema, const Json& input,
                           const Actor& actor) {
  Json direct = input;
  if (schema.complete_on_create && direct.is_object()) schema.complete_on_create(direct, actor);
  const Json claimed = take_claims(schema, direct, nullptr, actor);
  Result<Json> validated = validate_write(schema, direct, nullptr, actor.standing);
  if (!validated) return validated.error();
  Json record = std::move(validated.value());
  if (!record.contains("id")) record["id"] = new_id(schema.id_prefix);
  if (!record.contains("synthetic")) record["synthetic"] = false;  // every record says whether it is invented
  const std::string id = record["id"].get<std::string>();
  Result<std::optional<std::pair<Json, bool>>> existing = read_any(connection, schema, id);
  if (!existing) return existing.error();
  if (existing.value()) {
    Error error{ErrorCode::kConflict, "a " + schema.singular + " with the id '" + id + "' already exists", {}};
    if (existing.value()->second) error.message += " (deleted; ids are never reused)";
    error.fields.push_back({"id", "is already taken"});
    return error;
  }
  if (Status references = check_references(connection, schema, record, nullptr); !references) {
    return references.error();
  }
  if (Status unique = check_unique_fields(connection, schema, record); !unique) return unique.error();

  const std::string now = connection.clock().now_iso8601();
  std::string placeholders;
  std::vector<SqlValue> params;
  for (const FieldSpec& spec : schema.fields) {
    placeholders += "?, ";
    params.push_back(record.contains(spec.name) ? column_value(spec, record[spec.name]) : SqlValue());
  }
  params.push_back(std::int64_t{1});
  params.push_back(now);
  params.push_back(now);
  Result<std::int64_t> inserted = connection.execute(
      "INSERT INTO " + schema.name + " (" + column_list(schema) + ") VALUES (" + placeholders + "?, ?, ?)", params);
  if (!inserted) return inserted.error();
  record["version"] = 1;
  record["created_at"] = now;
  record["updated_at"] = now;
  record = in_schema_order(schema, record);
  if (Status audited = append_audit(connection, actor, "create", schema.name, id, nullptr, &record); !audited) {
    return audited.error();
  }
  if (Status followed = run_write_hooks(connection, schema, actor, nullptr, &record); !followed)
    return followed.error();
  if (!claimed.empty()) {
    if (Status kept = record_claims(connection, schema, id, claimed, actor); !kept) return kept.error();
  }
  // A hook may have moved the new record on (a case routed to its first
  // unit): the answer is the record as stored, not as given.
  if (!schema.after_write.empty()) return get_record(connection, schema, id);
  return record;
}

Result<Json> update_record(store::Connection& connection, const ResourceSchema& schema, std::string_view id,
                           const Json& patch, std::int64_t expected_version, const Actor& actor) {
  Result<Json> current = get_record(connection, schema, id);
  if (!current) return current.error();
  const std::int64_t version = current.value()["version"].get<std::int64_t>();
  if (version != expected_version) return version_mismatch(schema, id, expected_version, version);
  Json direct = patch;
  const Json claimed = take_claims(schema, direct, &current.value(), actor);
  if (!claimed.empty()) {
    if (Status kept = record_claims(connection, schema, id, claimed, actor); !kept) return kept.error();
    if (direct.empty()) return current;  // only claimed: the record itself is unchanged
  }
  Result<Json> validated = validate_write(schema, direct, &current.value(), actor.standing);
  if (!validated) return validated.error();
  Json record = std::move(validated.value());
  if (Status references = check_references(connection, schema, record, &current.value()); !references) {
    return references.error();
  }
  if (Status unique = check_unique_fields(connection, schema, record); !unique) return unique.error();

  const std::string now = connection.clock().now_iso8601();
  std::string assignments;
  std::vector<SqlValue> params;
  for (const FieldSpec& spec : schema.fields) {
    if (spec.name == "id") continue;
    assignments += spec.name + " = ?, ";
    params.push_back(record.contains(spec.name) ? column_value(spec, record[spec.name]) : SqlValue());
  }
  params.push_back(now);
  params.push_back(std::string(id));
  params.push_back(expected_version);
  // The version in WHERE makes the check hold even between app servers.
  Result<std::int64_t> changed = connection.execute("UPDATE " + schema.name + " SET " + assignments +
                                                        "version = version + 1, updated_at = ? "
                                                        "WHERE id = ? AND version = ? AND deleted_at IS NULL",
                                                    params);
  if (!changed) return changed.error();
  if (changed.value() != 1) return version_mismatch(schema, id, expected_version, version + 1);
  record["version"] = version + 1;
  record["created_at"] = current.value()["created_at"];
  record["updated_at"] = now;
  record = in_schema_order(schema, record);
  if (Status audited = append_audit(connection, actor, "update", schema.name, id, &current.value(), &record);
      !audited) {
    return audited.error();
  }
  if (Status followed = run_write_hooks(connection, schema, actor, &current.value(), &record); !followed)
    return followed.error();
  return record;
}

Status delete_record(store::Connection& connection, const ResourceSchema& schema, std::string_view id,
                     std::optional<std::int64_t> expected_version, const Actor& actor) {
  Result<Json> current = get_record(connection, schema, id);
  if (!current) return current.error();
  const std::int64_t version = current.value()["version"].get<std::int64_t>();
  if (expected_version && *expected_version != version) {
    return version_mismatch(schema, id, *expected_version, version);
  }
  std::string dependants;
  for (const Referrer& referrer : schema.referrers) {
    // A list of ids (a task's lead departments) is stored as JSON text.
    const std::string& column = referrer.field->name;
    const bool sqlite = connection.dialect() == store::Dialect::kSqlite;
    const std::string condition = referrer.field->type != FieldType::kTextArray ? column + " = ?"
                                  : sqlite
                                      ? "EXISTS (SELECT 1 FROM json_each(" + column + ") WHERE json_each.value = ?)"
                                      : "CAST(" + column + " AS jsonb) @> jsonb_build_array(CAST(? AS text))";
    Result<store::QueryResult> count = connection.query(
        "SELECT COUNT(*) FROM " + referrer.resource->name + " WHERE " + condition + " AND deleted_at IS NULL",
        {std::string(id)});
    if (!count) return count.error();
    const std::int64_t n = store::as_integer(count->rows[0][0]).value_or(0);
    if (n > 0) dependants += (dependants.empty() ? "" : ", ") + std::to_string(n) + " " + referrer.resource->name;
  }
  if (!dependants.empty()) {
    return Error::conflict("the " + schema.singular + " '" + std::string(id) + "' is still referred to by " +
                           dependants + "; change or delete those first");
  }
  Result<std::int64_t> changed = connection.execute(
      "UPDATE " + schema.name +
          " SET deleted_at = ?, version = version + 1, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
      {connection.clock().now_iso8601(), connection.clock().now_iso8601(), std::string(id)});
  if (!changed) return changed.error();
  if (Status audited = append_audit(connection, actor, "delete", schema.name, id, &current.value(), nullptr);
      !audited) {
    return audited;
  }
  return run_write_hooks(connection, schema, actor, &current.value(), nullptr);
}

Result<Json> write_server_fields(store::Connection& connection, const ResourceSchema& schema, const Json& current,
                                 const Json& changes, std::optional<std::int64_t> expected_version,
                                 std::string_view audit_action, const Actor& actor) {
  const std::string id = current["id"].get<std::string>();
  const std::int64_t version = current["version"].get<std::int64_t>();
  if (expected_version && *expected_version != version) return version_mismatch(schema, id, *expected_version, version);
  const std::string now = connection.clock().now_iso8601();
  std::string assignments;
  std::vector<store::SqlValue> params;
  Json after = current;
  for (const auto& [name, value] : changes.items()) {
    const FieldSpec* spec = schema.find(name);
    if (!spec) return Error::internal("a server change to " + schema.singular + " sets " + name + ", not a field");
    assignments += name + " = ?, ";
    params.push_back(column_value(*spec, value));
    if (value.is_null()) {
      after.erase(name);  // as a read leaves out an empty column
    } else {
      after[name] = value;
    }
  }
  params.insert(params.end(), {now, id, version});
  Result<std::int64_t> changed = connection.execute("UPDATE " + schema.name + " SET " + assignments +
                                                        "version = version + 1, updated_at = ? WHERE id = ? AND "
                                                        "version = ? AND deleted_at IS NULL",
                                                    params);
  if (!changed) return changed.error();
  if (changed.value() != 1)
    return Error{ErrorCode::kPreconditionFailed, "the " + schema.singular + " changed meanwhile; retry"};
  after["version"] = version + 1;
  after["updated_at"] = now;
  if (Status audited = append_audit(connection, actor, audit_action, schema.name, id, &current, &after); !audited)
    return audited.error();
  return after;
}

Status run_write_hooks(store::Connection& connection, const ResourceSchema& schema, const Actor& actor,
                       const Json* before, const Json* after) {
  for (const WriteHook& hook : schema.after_write) {
    if (Status done = hook(connection, actor, before, after); !done) return done;
  }
  return ok_status();
}

}  // namespace alley::records
