#include "records/record_validator.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/ids.h"
#include "core/utf8.h"

namespace alley::records {
namespace {

std::string number_text(double value) {
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

// A problem with a value of `spec`, said in both languages.
FieldError said(const FieldSpec& spec, std::string english, std::string chinese) {
  return {spec.name, std::move(english), std::move(chinese)};
}

std::optional<FieldError> range_problem(const FieldSpec& spec, double value) {
  if (spec.minimum && (spec.exclusive_minimum ? value <= *spec.minimum : value < *spec.minimum)) {
    const std::string low = number_text(*spec.minimum);
    return spec.exclusive_minimum ? said(spec, "must be greater than " + low, "须大于 " + low)
                                  : said(spec, "must be at least " + low, "不得小于 " + low);
  }
  if (spec.maximum && value > *spec.maximum) {
    const std::string high = number_text(*spec.maximum);
    return said(spec, "must be at most " + high, "不得大于 " + high);
  }
  return std::nullopt;
}

// "enterprise (企业), bank (银行)" in English; "企业、银行" in Chinese.
std::pair<std::string, std::string> choices(const FieldSpec& spec) {
  std::string english, chinese;
  for (std::size_t i = 0; i < spec.values.size(); ++i) {
    const bool labelled = i < spec.value_labels.size();
    english += (i ? ", " : "") + spec.values[i];
    chinese += (i ? "、" : "") + (labelled ? spec.value_labels[i].first : spec.values[i]);
  }
  return {english, chinese};
}

}  // namespace

std::optional<FieldError> value_problem(const FieldSpec& spec, const Json& value) {
  switch (spec.type) {
    case FieldType::kText: {
      if (!value.is_string()) return said(spec, "must be a string", "须为文字");
      const std::string& text = value.get_ref<const std::string&>();
      if (text.find('\0') != std::string::npos)
        return said(spec, "must not contain the NUL character", "不得含有 NUL 字符");
      if (spec.required && text.find_first_not_of(" \t\r\n") == std::string::npos)
        return said(spec, "must not be blank", "不能为空");
      if (utf8_length(text) > spec.max_length) {
        const std::string most = std::to_string(spec.max_length);
        return said(spec, "is too long: at most " + most + " characters", "过长：最多 " + most + " 个字");
      }
      if (spec.name == "id" && !is_valid_id(text)) {
        return said(spec, "must be 1–64 characters of a–z, 0–9, '-' or '_', starting with a letter or digit",
                    "须为 1–64 个小写字母、数字、“-”或“_”，以字母或数字开头");
      }
      return std::nullopt;
    }
    case FieldType::kInteger:
      if (!value.is_number_integer()) return said(spec, "must be a whole number", "须为整数");
      return range_problem(spec, double(value.get<std::int64_t>()));
    case FieldType::kReal:
      if (!value.is_number()) return said(spec, "must be a number", "须为数字");
      if (!std::isfinite(value.get<double>())) return said(spec, "must be a finite number", "须为有限的数字");
      return range_problem(spec, value.get<double>());
    case FieldType::kBool:
      if (!value.is_boolean()) return said(spec, "must be true or false", "须为“是”或“否”");
      return std::nullopt;
    case FieldType::kDate:
      if (!value.is_string() || !is_valid_date(value.get_ref<const std::string&>())) {
        return said(spec, "must be a date written YYYY-MM-DD", "须为日期，格式 YYYY-MM-DD");
      }
      return std::nullopt;
    case FieldType::kEnum:
      if (!value.is_string() ||
          std::find(spec.values.begin(), spec.values.end(), value.get_ref<const std::string&>()) == spec.values.end()) {
        const auto [english, chinese] = choices(spec);
        return said(spec, "must be one of: " + english, "须为以下之一：" + chinese);
      }
      return std::nullopt;
    case FieldType::kTextArray:
      if (!value.is_array()) return said(spec, "must be an array of strings", "须为一组文字");
      if (value.size() > 50) return said(spec, "has too many entries: at most 50", "项数过多：最多 50 项");
      for (const Json& item : value) {
        if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
          return said(spec, "must be an array of non-empty strings", "每一项都须为非空的文字");
        }
        if (item.get_ref<const std::string&>().find('\0') != std::string::npos) {
          return said(spec, "entries must not contain the NUL character", "各项不得含有 NUL 字符");
        }
        if (utf8_length(item.get_ref<const std::string&>()) > 100)
          return said(spec, "entries are at most 100 characters", "每项最多 100 个字");
      }
      return std::nullopt;
    case FieldType::kGeometry:
      if (!value.is_object()) return said(spec, "must be a GeoJSON geometry object", "须为 GeoJSON 几何对象");
      return std::nullopt;
    case FieldType::kJson:
      if (!value.is_object() && !value.is_array())
        return said(spec, "must be a JSON object or array", "须为 JSON 对象或数组");
      return std::nullopt;
    case FieldType::kReference:
      if (!value.is_string() || !is_valid_id(value.get_ref<const std::string&>())) {
        const std::string target = spec.referenced ? spec.referenced->title_zh : spec.references;
        return said(spec, "must be the id of a " + spec.references.substr(0, spec.references.size() - 1) + " record",
                    "须为一条" + target + "记录的编号");
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
    if (spec->written_by == Writer::kAdmin) {
      refused.push_back({key, "is set by administrators", "由管理员设置"});
    } else {
      refused.push_back({key, "is set by district staff (由区级部门认定)", "由区级部门认定"});
    }
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
      errors.push_back({key, "is set by the server and cannot be written", "由系统设置，不能填写"});
      continue;
    }
    const FieldSpec* spec = schema.find(key);
    if (!spec) {
      errors.push_back({key, "is not a field of " + schema.singular, "不是" + schema.title_zh + "的字段"});
      continue;
    }
    if (spec->kept_by_server) {
      errors.push_back({key, "is kept by the server: " + spec->locked_hint, "由系统维护，不能填写"});
      continue;
    }
    if (before) {
      const Json current = before->contains(key) ? (*before)[key] : Json();
      if (key == "id" && value != current) {
        errors.push_back({key, "cannot be changed", "不能更改"});
        continue;
      }
      if (spec->create_only && value != current) {
        errors.push_back({key, "cannot be changed here: " + spec->locked_hint, "不能在此更改，请通过相应的操作更改"});
        continue;
      }
    }
    if (value.is_null()) {
      if (spec->required) {
        errors.push_back({key, "is required", "必填"});
      } else {
        merged.erase(key);
      }
      continue;
    }
    if (auto problem = value_problem(*spec, value)) {
      errors.push_back(std::move(*problem));
      continue;
    }
    merged[key] = value;
  }
  for (const FieldSpec& spec : schema.fields) {
    const bool already_reported =
        std::any_of(errors.begin(), errors.end(), [&](const FieldError& error) { return error.field == spec.name; });
    if (spec.required && !merged.contains(spec.name) && !already_reported) {
      errors.push_back({spec.name, "is required", "必填"});
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
