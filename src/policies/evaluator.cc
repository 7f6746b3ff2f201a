#include "policies/evaluator.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <thread>

#include "registry/resources.h"

namespace alley::policies {
namespace {

using Op = CompiledRule::Op;
using Type = OrganizationColumn::Type;

std::size_t words_for(std::size_t rows) { return (rows + 63) / 64; }
void set(Bitmap& bitmap, std::size_t row) { bitmap[row / 64] |= std::uint64_t{1} << (row % 64); }
void clear(Bitmap& bitmap, std::size_t row) { bitmap[row / 64] &= ~(std::uint64_t{1} << (row % 64)); }
bool test(const Bitmap& bitmap, std::size_t row) { return (bitmap[row / 64] >> (row % 64)) & 1; }

// Eight 0/1 bytes to eight bits, byte i to bit i: the multiplier moves each
// byte's low bit to bit 56 + i, where no two products overlap or carry.
std::uint64_t bits_of(const std::uint8_t* flags) {
  std::uint64_t word = 0;
  for (unsigned byte = 0; byte < 8; ++byte) {
    std::uint64_t eight;
    std::memcpy(&eight, flags + 8 * byte, 8);
    word |= ((eight * 0x0102040810204080ULL) >> 56) << (8 * byte);
  }
  return word;
}

// 64 rows at a time: the tests write one byte each, a loop without branches
// that the compiler vectorises, and the bytes are packed into a word after.
template <typename Test>
Bitmap scan(std::size_t rows, Test&& matches) {
  Bitmap bitmap(words_for(rows), 0);
  const std::size_t full = rows / 64;
  alignas(16) std::uint8_t flags[64];
  for (std::size_t w = 0; w < full; ++w) {
    const std::size_t base = w * 64;
    for (unsigned i = 0; i < 64; ++i) flags[i] = matches(base + i);
    bitmap[w] = bits_of(flags);
  }
  for (std::size_t row = full * 64; row < rows; ++row) {
    if (matches(row)) set(bitmap, row);
  }
  return bitmap;
}

Type column_type(records::FieldType type) {
  switch (type) {
    case records::FieldType::kInteger:
    case records::FieldType::kReal:
      return Type::kNumber;
    case records::FieldType::kBool:
      return Type::kBool;
    case records::FieldType::kTextArray:
      return Type::kList;
    default:
      return Type::kString;
  }
}

std::int32_t intern(OrganizationColumn& column, const std::string& word) {
  auto [entry, added] = column.dictionary.emplace(word, std::int32_t(column.words.size()));
  if (added) column.words.push_back(word);
  return entry->second;
}

bool compare_number(Op op, double actual, double required) {
  switch (op) {
    case Op::kLess:
      return actual < required;
    case Op::kLessEqual:
      return actual <= required;
    case Op::kGreater:
      return actual > required;
    case Op::kGreaterEqual:
      return actual >= required;
    case Op::kNumberEqual:
      return actual == required;
    default:
      return !std::isnan(actual) && actual != required;  // NaN (missing) fails every comparison, != included
  }
}

}  // namespace

OrganizationTable::OrganizationTable(const std::vector<Json>& records) {
  for (const records::FieldSpec& spec : registry::organization_schema().fields) {
    if (spec.type == records::FieldType::kGeometry || spec.type == records::FieldType::kJson) continue;
    OrganizationColumn column;
    column.type = column_type(spec.type);
    column.integer = spec.type == records::FieldType::kInteger;
    columns_.emplace(spec.name, std::move(column));
  }
  for (const Json& record : records) put(record);
}

std::size_t OrganizationTable::put(const Json& record) {
  const std::string id = record.value("id", "");
  auto [found, added] = row_of_id_.emplace(id, ids_.size());
  const std::size_t row = found->second;
  if (added) {
    ids_.push_back(id);
    const std::size_t words = words_for(ids_.size());
    for (auto& [name, column] : columns_) {
      column.known.resize(words, 0);
      for (auto& [value, rows] : column.members) rows.resize(words, 0);
      if (column.type == Type::kNumber) column.numbers.push_back(std::numeric_limits<double>::quiet_NaN());
      if (column.type == Type::kString || column.type == Type::kBool) column.codes.push_back(-1);
    }
  }
  set_row(row, record);
  return row;
}

void OrganizationTable::set_row(std::size_t row, const Json& record) {
  for (auto& [name, column] : columns_) {
    const auto value = record.find(name);
    const bool present = value != record.end() && !value->is_null();
    present ? set(column.known, row) : clear(column.known, row);
    switch (column.type) {
      case Type::kNumber:
        column.numbers[row] = present ? value->get<double>() : std::numeric_limits<double>::quiet_NaN();
        break;
      case Type::kBool:
        column.codes[row] = present ? (value->get<bool>() ? 1 : 0) : -1;
        break;
      case Type::kString:
        column.codes[row] = present ? intern(column, value->get<std::string>()) : -1;
        break;
      case Type::kList:
        for (auto& [word, rows] : column.members) clear(rows, row);
        if (!present) break;
        for (const Json& item : *value) {
          Bitmap& rows = column.members[item.get<std::string>()];
          rows.resize(words_for(size()), 0);
          set(rows, row);
        }
        break;
    }
  }
}

const OrganizationColumn* OrganizationTable::column(const std::string& field) const {
  auto found = columns_.find(field);
  return found == columns_.end() ? nullptr : &found->second;
}

CompiledRule OrganizationTable::compile(const Rule& rule) {
  CompiledRule compiled;
  switch (rule.kind) {
    case Rule::Kind::kAnd:
    case Rule::Kind::kOr:
    case Rule::Kind::kNot:
      compiled.op = rule.kind == Rule::Kind::kAnd ? Op::kAnd : rule.kind == Rule::Kind::kOr ? Op::kOr : Op::kNot;
      for (const Rule& child : rule.children) compiled.children.push_back(compile(child));
      return compiled;
    default:
      break;
  }
  auto found = columns_.find(rule.field);
  if (found == columns_.end()) return compiled;
  OrganizationColumn& column = found->second;
  compiled.column = &column;
  // A literal of the wrong type (the parser rejects them; a rule built by hand
  // may not) leaves the step at kNothing.
  auto code_of = [&](const Literal& value) -> std::optional<std::int32_t> {
    if (column.type == Type::kBool) {
      if (const auto* flag = std::get_if<bool>(&value)) return *flag ? 1 : 0;
    } else if (column.type == Type::kString) {
      // Interned even when no organization has it yet, so a later put() of that value matches.
      if (const auto* text = std::get_if<std::string>(&value)) return intern(column, *text);
    }
    return std::nullopt;
  };
  switch (rule.kind) {
    case Rule::Kind::kContains:
      if (const auto* text = std::get_if<std::string>(&rule.value); text && column.type == Type::kList) {
        Bitmap& rows = column.members[*text];
        rows.resize(words_for(size()), 0);
        compiled.members = &rows;
        compiled.op = Op::kContains;
      }
      return compiled;
    case Rule::Kind::kIn:
      for (const Literal& value : rule.values) {
        if (const auto* number = std::get_if<double>(&value); number && column.type == Type::kNumber) {
          compiled.numbers.push_back(*number);
        } else if (auto code = code_of(value)) {
          compiled.codes.push_back(*code);
        } else {
          return compiled;
        }
      }
      compiled.op = column.type == Type::kNumber ? Op::kNumberIn : Op::kCodeIn;
      return compiled;
    case Rule::Kind::kCompare: {
      if (column.type == Type::kNumber) {
        const auto* number = std::get_if<double>(&rule.value);
        if (!number) return compiled;
        compiled.number = *number;
        compiled.op = rule.op == "<"    ? Op::kLess
                      : rule.op == "<=" ? Op::kLessEqual
                      : rule.op == ">"  ? Op::kGreater
                      : rule.op == ">=" ? Op::kGreaterEqual
                      : rule.op == "==" ? Op::kNumberEqual
                                        : Op::kNumberNotEqual;
        return compiled;
      }
      auto code = code_of(rule.value);
      if (!code || (rule.op != "==" && rule.op != "!=")) return compiled;
      compiled.code = *code;
      compiled.op = rule.op == "==" ? Op::kCodeEqual : Op::kCodeNotEqual;
      return compiled;
    }
    default:
      return compiled;
  }
}

Bitmap OrganizationTable::evaluate(const CompiledRule& rule) const {
  const std::size_t rows = size();
  switch (rule.op) {
    case Op::kAnd:
    case Op::kOr: {
      Bitmap result = evaluate(rule.children.front());
      for (std::size_t i = 1; i < rule.children.size(); ++i) {
        const Bitmap other = evaluate(rule.children[i]);
        if (rule.op == Op::kAnd) {
          for (std::size_t w = 0; w < result.size(); ++w) result[w] &= other[w];
        } else {
          for (std::size_t w = 0; w < result.size(); ++w) result[w] |= other[w];
        }
      }
      return result;
    }
    case Op::kNot: {
      Bitmap result = evaluate(rule.children.front());
      for (std::uint64_t& word : result) word = ~word;
      // The bits past the last row stay clear, so `not` cannot invent organizations.
      if (rows % 64 && !result.empty()) result.back() &= (std::uint64_t{1} << (rows % 64)) - 1;
      return result;
    }
    case Op::kLess:
      return scan(rows, [data = rule.column->numbers.data(), t = rule.number](std::size_t r) { return data[r] < t; });
    case Op::kLessEqual:
      return scan(rows, [data = rule.column->numbers.data(), t = rule.number](std::size_t r) { return data[r] <= t; });
    case Op::kGreater:
      return scan(rows, [data = rule.column->numbers.data(), t = rule.number](std::size_t r) { return data[r] > t; });
    case Op::kGreaterEqual:
      return scan(rows, [data = rule.column->numbers.data(), t = rule.number](std::size_t r) { return data[r] >= t; });
    case Op::kNumberEqual:
      return scan(rows, [data = rule.column->numbers.data(), t = rule.number](std::size_t r) { return data[r] == t; });
    case Op::kNumberNotEqual:
      return scan(rows, [data = rule.column->numbers.data(), t = rule.number](std::size_t r) {
        return data[r] == data[r] && data[r] != t;
      });
    case Op::kNumberIn:
      return scan(rows, [data = rule.column->numbers.data(), &values = rule.numbers](std::size_t r) {
        bool any = false;
        for (double value : values) any |= data[r] == value;
        return any;
      });
    case Op::kCodeEqual:
      return scan(rows, [data = rule.column->codes.data(), c = rule.code](std::size_t r) { return data[r] == c; });
    case Op::kCodeNotEqual:
      return scan(rows, [data = rule.column->codes.data(), c = rule.code](std::size_t r) {
        return data[r] >= 0 && data[r] != c;
      });
    case Op::kCodeIn:
      return scan(rows, [data = rule.column->codes.data(), &codes = rule.codes](std::size_t r) {
        bool any = false;
        for (std::int32_t code : codes) any |= data[r] == code;
        return any;
      });
    case Op::kContains:
      return *rule.members;
    case Op::kNothing:
      break;
  }
  return Bitmap(words_for(rows), 0);
}

std::vector<Bitmap> OrganizationTable::evaluate_all(const std::vector<CompiledRule>& rules, unsigned threads) const {
  std::vector<Bitmap> matrix(rules.size());
  threads = std::max(1u, std::min<unsigned>(threads, unsigned(rules.size())));
  // Rule i goes to thread i % threads: neighbouring rules are often alike in
  // cost, so striding keeps the threads evenly loaded.
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (std::size_t i = t; i < rules.size(); i += threads) matrix[i] = evaluate(rules[i]);
    });
  }
  for (std::size_t i = 0; i < rules.size(); i += threads) matrix[i] = evaluate(rules[i]);
  for (std::thread& worker : workers) worker.join();
  return matrix;
}

bool OrganizationTable::holds(const CompiledRule& rule, std::size_t row) const {
  switch (rule.op) {
    case Op::kAnd:
      return std::all_of(rule.children.begin(), rule.children.end(),
                         [&](const CompiledRule& c) { return holds(c, row); });
    case Op::kOr:
      return std::any_of(rule.children.begin(), rule.children.end(),
                         [&](const CompiledRule& c) { return holds(c, row); });
    case Op::kNot:
      return !holds(rule.children.front(), row);
    case Op::kNumberIn:
      return std::find(rule.numbers.begin(), rule.numbers.end(), rule.column->numbers[row]) != rule.numbers.end();
    case Op::kCodeEqual:
      return rule.column->codes[row] == rule.code;
    case Op::kCodeNotEqual:
      return rule.column->codes[row] >= 0 && rule.column->codes[row] != rule.code;
    case Op::kCodeIn:
      return std::find(rule.codes.begin(), rule.codes.end(), rule.column->codes[row]) != rule.codes.end();
    case Op::kContains:
      return test(*rule.members, row);
    case Op::kNothing:
      return false;
    default:
      return compare_number(rule.op, rule.column->numbers[row], rule.number);
  }
}

std::vector<std::size_t> OrganizationTable::rows(const Bitmap& bitmap) const {
  std::vector<std::size_t> found;
  for (std::size_t w = 0; w < bitmap.size(); ++w) {
    for (std::uint64_t word = bitmap[w]; word; word &= word - 1)
      found.push_back(w * 64 + std::size_t(__builtin_ctzll(word)));
  }
  return found;
}

Json OrganizationTable::actual(const OrganizationColumn& column, std::size_t row) const {
  if (!test(column.known, row)) return nullptr;
  switch (column.type) {
    case Type::kNumber:
      return column.integer ? Json(std::int64_t(column.numbers[row])) : Json(column.numbers[row]);
    case Type::kBool:
      return column.codes[row] == 1;
    case Type::kString:
      return column.words[std::size_t(column.codes[row])];
    case Type::kList: {
      std::vector<std::string> items;
      for (const auto& [word, rows] : column.members) {
        if (test(rows, row)) items.push_back(word);
      }
      std::sort(items.begin(), items.end());
      return items;
    }
  }
  return nullptr;
}

Json OrganizationTable::explain(const Rule& rule, std::size_t row) {
  const records::ResourceSchema& schema = registry::organization_schema();
  Json clauses = Json::array();
  // The leaves of the rule, each with its own outcome for this organization;
  // a leaf under an odd number of `not`s is stated, and judged, negated.
  std::function<void(const Rule&, bool)> walk = [&](const Rule& node, bool negated) {
    if (node.kind == Rule::Kind::kAnd || node.kind == Rule::Kind::kOr || node.kind == Rule::Kind::kNot) {
      for (const Rule& child : node.children) walk(child, negated != (node.kind == Rule::Kind::kNot));
      return;
    }
    const records::FieldSpec* spec = schema.find(node.field);
    const OrganizationColumn* values = column(node.field);
    const bool known = values && test(values->known, row);
    const std::string text = to_text(node);
    Json clause = {{"clause", negated ? "not " + text : text},
                   {"field", node.field},
                   {"label", spec && !spec->label.empty() ? spec->label : node.field}};
    clause["op"] = node.kind == Rule::Kind::kIn ? "in" : node.kind == Rule::Kind::kContains ? "contains" : node.op;
    if (node.kind == Rule::Kind::kIn) {
      clause["value"] = Json::array();
      for (const Literal& value : node.values) clause["value"].push_back(literal_json(value));
    } else {
      clause["value"] = literal_json(node.value);
    }
    clause["negated"] = negated;
    clause["actual"] = values ? actual(*values, row) : Json();
    clause["required"] = (negated ? "not " : "") + text.substr(node.field.size() + 1);
    clause["result"] = !known ? "unknown" : holds(compile(node), row) != negated ? "pass" : "fail";
    clauses.push_back(std::move(clause));
  };
  walk(rule, false);
  return clauses;
}

}  // namespace alley::policies
