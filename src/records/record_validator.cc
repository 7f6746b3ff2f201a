#include "records/record_validator.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/ids.h"
#include "core/utf8.h"

namespace alley::records {
namespace {

std::string join(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& value : values) text += (text.empty() ? "" : ", ") + value;
  return text;
}

std::string number_text(double value) {
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

std::optional<std::string> range_problem(const FieldSpec& spec, double value) {
  if (spec.minimum && (spec.exclusive_minimum ? value <= *spec.minimum : value < *spec.minimum)) {
    return std::string("must be ") + (spec.exclusive_minimum ? "greater than " : "at least ") +
           number_text(*spec.minimum);
  }
  if (spec.maximum && value > *spec.maximum) return "must be at most " + number_text(*spec.maximum);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> value_problem(const FieldSpec& spec, const Json& value) {
  switch (spec.type) {
    case FieldType::kText: {
      if (!value.is_string()) return "must be a string";
      const std::string& text = value.get_ref<const std::string&>();
      if (text.find('\0') != std::string::npos) return "must not contain the NUL character";
      if (spec.required && text.find_first_not_of(" \t\r\n") == std::string::npos) return "must not be blank";
      if (utf8_length(text) > spec.max_length) {
        return "is too long: at most " + std::to_string(spec.max_length) + " characters";
      }
      if (spec.name == "id" && !is_valid_id(text)) {
        return "must be 1–64 characters of a–z, 0–9, '-' or '_', starting with a letter or digit";
      }
      return std::nullopt;
    }
    case FieldType::kInteger:
      if (!value.is_number_integer()) return "must be a whole number";
      return range_problem(spec, double(value.get<std::int64_t>()));
    case FieldType::kReal:
      if (!value.is_number()) return "must be a number";
      if (!std::isfinite(value.get<double>())) return "must be a finite number";
      return range_problem(spec, value.get<double>());
    case FieldType::kBool:
      if (!value.is_boolean()) return "must be true or false";
      return std::nullopt;
    case FieldType::kDate:
      if (!value.is_string() || !is_valid_date(value.get_ref<const std::string&>())) {
        return "must be a date written YYYY-MM-DD";
      }
      return std::nullopt;
    case FieldType::kEnum:
      if (!value.is_string() ||
          std::find(spec.values.begin(), spec.values.end(), value.get_ref<const std::string&>()) == spec.values.end()) {
        return "must be one of: " + join(spec.values);
      }
      return std::nullopt;
    case FieldType::kTextArray:
      if (!value.is_array()) return "must be an array of strings";
      if (value.size() > 50) return "has too many entries: at most 50";
      for (const Json& item : value) {
        if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
          return "must be an array of non-empty strings";
        }
        if (item.get_ref<const std::string&>().find('\0') != std::string::npos) {
          return "entries must not contain the NUL character";
        }
        if (utf8_length(item.get_ref<const std::string&>()) > 100) return "entries are at most 100 characters";
      }
      return std::nullopt;
    case FieldType::kGeometry:
      if (!value.is_object()) return "must be a GeoJSON geometry object";
      return std::nullopt;
    case FieldType::kJson:
      if (!value.is_object() && !value.is_array()) return "must be a JSON object or array";
      return std::nullopt;
    case FieldType::kReference:
      if (!value.is_string() || !is_valid_id(value.get_ref<const std::string&>())) {
        return "must be the id of a " + spec.references.substr(0, spec.references.size() - 1) + " record";
      }
      return std::nullopt;
  }
  return std::nullopt;
}

namespace {

// The fields `input` sets or changes that `writer` may not write.
std::vector<FieldError> fields_above(const ResourceSchema& schema, const Json& input, const Json* before,
                                     Writer writer) {
  std::vector<FieldError> refused;
  for (const auto& [key, value] : input.items()) {
    const FieldSpec* spec = schema.find(key);
    if (!spec || spec->written_by <= writer) continue;
    const Json current = before && before->contains(key) ? (*before)[key] : Json();
    if (value == current) continue;
    refused.push_back({key, spec->written_by == Writer::kAdmin ? "is set by administrators"
                                                               : "is set by district staff (由区级部门认定)"});
  }
  return refused;
}

}  // namespace

Result<Json> validate_write(const ResourceSchema& schema, const Json& input, const Json* before, Writer writer) {
  if (!input.is_object()) return Error::invalid("the request body must be a JSON object");
  if (std::vector<FieldError> refused = fields_above(schema, input, before, writer); !refused.empty()) {
    std::string names;
    for (const FieldError& field : refused) names += (names.empty() ? "" : ", ") + field.field;
    return Error{ErrorCode::kForbidden, "you may not set " + names + ": the district records these (由区级部门认定)",
                 std::move(refused)};
  }
  std::vector<FieldError> errors;
  Json merged = Json::object();
  if (before) {
    for (const auto& [key, value] : before->items()) {
      if (schema.find(key)) merged[key] = value;
    }
  }
  const auto& managed = server_managed_fields();
  for (const auto& [key, value] : input.items()) {
    if (std::find(managed.begin(), managed.end(), key) != managed.end()) {
      errors.push_back({key, "is set by the server and cannot be written"});
      continue;
    }
    const FieldSpec* spec = schema.find(key);
    if (!spec) {
      errors.push_back({key, "is not a field of " + schema.singular});
      continue;
    }
    if (before) {
      const Json current = before->contains(key) ? (*before)[key] : Json();
      if (key == "id" && value != current) {
        errors.push_back({key, "cannot be changed"});
        continue;
      }
      if (spec->create_only && value != current) {
        errors.push_back({key, "cannot be changed here: " + spec->locked_hint});
        continue;
      }
    }
    if (value.is_null()) {
      if (spec->required) {
        errors.push_back({key, "is required"});
      } else {
        merged.erase(key);
      }
      continue;
    }
    if (auto problem = value_problem(*spec, value)) {
      errors.push_back({key, *problem});
      continue;
    }
    merged[key] = value;
  }
  for (const FieldSpec& spec : schema.fields) {
    const bool already_reported =
        std::any_of(errors.begin(), errors.end(), [&](const FieldError& error) { return error.field == spec.name; });
    if (spec.required && !merged.contains(spec.name) && !already_reported) {
      errors.push_back({spec.name, "is required"});
    }
  }
  if (errors.empty() && schema.rule) schema.rule(merged, before, errors);
  if (!errors.empty()) {
    std::string summary = "the " + schema.singular + " has " + std::to_string(errors.size()) +
                          (errors.size() == 1 ? " problem" : " problems");
    return Error::invalid(std::move(summary), std::move(errors));
  }
  return merged;
}

}  // namespace alley::records
