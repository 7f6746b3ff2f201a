#pragma once
// Evaluates eligibility rules over every organization at once. The
// organizations are held column by column (numbers, interned strings, list
// membership as bitmaps), and a rule compiles to bitmap operations: a
// comparison fills a bitmap in one pass over a column, and / or / not combine
// 64 organizations per machine word. A missing value never matches.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/json.h"
#include "policies/rule.h"

namespace alley::policies {

using Bitmap = std::vector<std::uint64_t>;

class OrganizationTable {
 public:
  // `records`: organizations as the registry returns them.
  explicit OrganizationTable(const std::vector<Json>& records);

  std::size_t size() const { return ids_.size(); }
  const std::string& id(std::size_t row) const { return ids_[row]; }
  // Rows the rule holds for.
  Bitmap evaluate(const Rule& rule) const;

  // Rows in a bitmap, in table order.
  std::vector<std::size_t> rows(const Bitmap& bitmap) const;

  // Clause by clause for one row: [{clause, result: pass|fail|unknown, actual, required}].
  Json explain(const Rule& rule, std::size_t row) const;

 private:
  struct Column {
    enum class Type { kNumber, kString, kBool, kList } type = Type::kNumber;
    std::vector<double> numbers;       // NaN: missing
    std::vector<std::int32_t> codes;   // interned strings; -1: missing; booleans as 0/1
    std::unordered_map<std::string, Bitmap> members;  // list value → rows that have it
    Bitmap known;                      // rows with a value
  };

  const Column* column(const std::string& field) const;
  Bitmap compare(const Column& column, const std::string& op, const Literal& value) const;
  std::int32_t code_of(const Literal& value) const;
  Json actual(const std::string& field, std::size_t row) const;

  std::vector<std::string> ids_;
  std::vector<Json> records_;
  std::unordered_map<std::string, Column> columns_;
  std::unordered_map<std::string, std::int32_t> dictionary_;
};

}  // namespace alley::policies
