#include "policies/evaluator.h"

#include <cmath>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>

#include "registry/schemas.h"

namespace alley::policies {
namespace {

Bitmap empty_bitmap(std::size_t rows) { return Bitmap((rows + 63) / 64, 0); }

void set(Bitmap& bitmap, std::size_t row) { bitmap[row / 64] |= std::uint64_t{1} << (row % 64); }
bool test(const Bitmap& bitmap, std::size_t row) { return (bitmap[row / 64] >> (row % 64)) & 1; }

// The bits past the last row stay clear, so `not` cannot invent organizations.
void trim(Bitmap& bitmap, std::size_t rows) {
  if (rows % 64 && !bitmap.empty()) bitmap.back() &= (std::uint64_t{1} << (rows % 64)) - 1;
}

template <typename Test>
Bitmap scan(std::size_t rows, Test&& matches) {
  Bitmap bitmap = empty_bitmap(rows);
  for (std::size_t row = 0; row < rows; ++row) {
    if (matches(row)) set(bitmap, row);
  }
  return bitmap;
}

}  // namespace

OrganizationTable::OrganizationTable(const std::vector<Json>& records) : records_(records) {
  const std::size_t rows = records.size();
  for (const Json& record : records) ids_.push_back(record["id"].get<std::string>());
  for (const registry::FieldSpec& spec : registry::find_schema("organizations")->fields) {
    Column column;
    switch (spec.type) {
      case registry::FieldType::kInteger:
      case registry::FieldType::kReal: column.type = Column::Type::kNumber; break;
      case registry::FieldType::kBool: column.type = Column::Type::kBool; break;
      case registry::FieldType::kTextArray: column.type = Column::Type::kList; break;
      case registry::FieldType::kGeometry:
      case registry::FieldType::kJson: continue;
      default: column.type = Column::Type::kString; break;
    }
    column.known = empty_bitmap(rows);
    if (column.type == Column::Type::kNumber) column.numbers.assign(rows, std::numeric_limits<double>::quiet_NaN());
    if (column.type == Column::Type::kString || column.type == Column::Type::kBool) column.codes.assign(rows, -1);
    for (std::size_t row = 0; row < rows; ++row) {
      const Json& record = records[row];
      if (!record.contains(spec.name) || record[spec.name].is_null()) continue;
      const Json& value = record[spec.name];
      set(column.known, row);
      switch (column.type) {
        case Column::Type::kNumber: column.numbers[row] = value.get<double>(); break;
        case Column::Type::kBool: column.codes[row] = value.get<bool>() ? 1 : 0; break;
        case Column::Type::kString: {
          auto [entry, added] = dictionary_.emplace(value.get<std::string>(), std::int32_t(dictionary_.size()));
          column.codes[row] = entry->second;
          break;
        }
        case Column::Type::kList:
          for (const Json& item : value) {
            Bitmap& members = column.members[item.get<std::string>()];
            if (members.empty()) members = empty_bitmap(rows);
            set(members, row);
          }
          break;
      }
    }
    columns_.emplace(spec.name, std::move(column));
  }
}

const OrganizationTable::Column* OrganizationTable::column(const std::string& field) const {
  auto found = columns_.find(field);
  return found == columns_.end() ? nullptr : &found->second;
}

std::int32_t OrganizationTable::code_of(const Literal& value) const {
  if (const auto* flag = std::get_if<bool>(&value)) return *flag ? 1 : 0;
  if (const auto* text = std::get_if<std::string>(&value)) {
    auto found = dictionary_.find(*text);
    return found == dictionary_.end() ? -2 : found->second;  // -2 matches nothing, not even a missing value
  }
  return -2;
}

Bitmap OrganizationTable::compare(const Column& column, const std::string& op, const Literal& value) const {
  const std::size_t rows = size();
  if (column.type == Column::Type::kNumber) {
    const double target = std::get<double>(value);
    const double* data = column.numbers.data();
    // NaN (missing) fails every comparison, != included.
    if (op == "<") return scan(rows, [&](std::size_t r) { return data[r] < target; });
    if (op == "<=") return scan(rows, [&](std::size_t r) { return data[r] <= target; });
    if (op == ">") return scan(rows, [&](std::size_t r) { return data[r] > target; });
    if (op == ">=") return scan(rows, [&](std::size_t r) { return data[r] >= target; });
    if (op == "==") return scan(rows, [&](std::size_t r) { return data[r] == target; });
    return scan(rows, [&](std::size_t r) { return !std::isnan(data[r]) && data[r] != target; });
  }
  const std::int32_t code = code_of(value);
  const std::int32_t* data = column.codes.data();
  if (op == "==") return scan(rows, [&](std::size_t r) { return data[r] == code; });
  return scan(rows, [&](std::size_t r) { return data[r] >= 0 && data[r] != code; });
}

Bitmap OrganizationTable::evaluate(const Rule& rule) const {
  const std::size_t rows = size();
  switch (rule.kind) {
    case Rule::Kind::kAnd:
    case Rule::Kind::kOr: {
      Bitmap result = evaluate(rule.children.front());
      for (std::size_t i = 1; i < rule.children.size(); ++i) {
        const Bitmap other = evaluate(rule.children[i]);
        for (std::size_t w = 0; w < result.size(); ++w) {
          result[w] = rule.kind == Rule::Kind::kAnd ? result[w] & other[w] : result[w] | other[w];
        }
      }
      return result;
    }
    case Rule::Kind::kNot: {
      Bitmap result = evaluate(rule.children.front());
      for (std::uint64_t& word : result) word = ~word;
      trim(result, rows);
      return result;
    }
    case Rule::Kind::kContains: {
      const Column* list = column(rule.field);
      if (!list) return empty_bitmap(rows);
      auto found = list->members.find(std::get<std::string>(rule.value));
      return found == list->members.end() ? empty_bitmap(rows) : found->second;
    }
    case Rule::Kind::kIn: {
      Bitmap result = empty_bitmap(rows);
      const Column* values = column(rule.field);
      if (!values) return result;
      for (const Literal& value : rule.values) {
        const Bitmap one = compare(*values, "==", value);
        for (std::size_t w = 0; w < result.size(); ++w) result[w] |= one[w];
      }
      return result;
    }
    case Rule::Kind::kCompare: {
      const Column* values = column(rule.field);
      return values ? compare(*values, rule.op, rule.value) : empty_bitmap(rows);
    }
  }
  return empty_bitmap(rows);
}

std::vector<std::size_t> OrganizationTable::rows(const Bitmap& bitmap) const {
  std::vector<std::size_t> found;
  for (std::size_t w = 0; w < bitmap.size(); ++w) {
    for (std::uint64_t word = bitmap[w]; word; word &= word - 1) found.push_back(w * 64 + std::size_t(__builtin_ctzll(word)));
  }
  return found;
}

Json OrganizationTable::actual(const std::string& field, std::size_t row) const {
  const Json& record = records_[row];
  return record.contains(field) ? record[field] : Json();
}

Json OrganizationTable::explain(const Rule& rule, std::size_t row) const {
  Json clauses = Json::array();
  // The leaves of the rule, each with its own outcome for this organization.
  std::function<void(const Rule&)> walk = [&](const Rule& node) {
    if (node.kind == Rule::Kind::kAnd || node.kind == Rule::Kind::kOr || node.kind == Rule::Kind::kNot) {
      for (const Rule& child : node.children) walk(child);
      return;
    }
    const Column* values = column(node.field);
    const bool known = values && test(values->known, row);
    Json clause = {{"clause", to_text(node)}, {"field", node.field}};
    clause["actual"] = actual(node.field, row);
    Rule required = node;
    clause["required"] = to_text(required).substr(node.field.size() + 1);
    clause["result"] = !known ? "unknown" : test(evaluate(node), row) ? "pass" : "fail";
    clauses.push_back(std::move(clause));
  };
  walk(rule);
  return clauses;
}

}  // namespace alley::policies
