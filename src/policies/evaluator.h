#pragma once
// Evaluates eligibility rules over every organization at once. The
// organizations are held column by column (numbers, interned strings, list
// membership as bitmaps), and a rule compiles to bitmap operations: a
// comparison fills a bitmap 64 organizations per machine word in one pass over
// a column, and and / or / not combine whole words. A missing value never
// matches a comparison.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/json.h"
#include "policies/rule.h"

namespace alley::policies {

using Bitmap = std::vector<std::uint64_t>;

struct OrganizationColumn {
  enum class Type { kNumber, kString, kBool, kList } type = Type::kNumber;
  bool integer = false;             // numbers shown without a fraction
  std::vector<double> numbers;      // NaN: missing
  std::vector<std::int32_t> codes;  // interned strings, booleans as 0/1; -1: missing
  std::unordered_map<std::string, std::int32_t> dictionary;
  std::vector<std::string> words;                   // code → string
  std::unordered_map<std::string, Bitmap> members;  // list value → rows that have it
  Bitmap known;                                     // rows with a value
};

// A rule bound to one table: fields resolved to columns, strings to codes and
// operators decoded once, so evaluating it is only scans and word operations.
// Valid for as long as the table it was compiled against.
struct CompiledRule {
  enum class Op {
    kAnd,
    kOr,
    kNot,
    kLess,
    kLessEqual,
    kGreater,
    kGreaterEqual,
    kNumberEqual,
    kNumberNotEqual,
    kNumberIn,
    kCodeEqual,
    kCodeNotEqual,
    kCodeIn,
    kContains,
    kNothing,  // a field or value this table cannot hold: matches no organization
  };
  Op op = Op::kNothing;
  const OrganizationColumn* column = nullptr;
  const Bitmap* members = nullptr;  // contains
  double number = 0;
  std::int32_t code = -2;
  std::vector<double> numbers;      // number in [...]
  std::vector<std::int32_t> codes;  // text in [...]
  std::vector<CompiledRule> children;
};

class OrganizationTable {
 public:
  // `records`: organizations as the registry returns them.
  explicit OrganizationTable(const std::vector<Json>& records);

  std::size_t size() const { return ids_.size(); }
  const std::string& id(std::size_t row) const { return ids_[row]; }

  // Adds an organization, or replaces the values of one already held (by id);
  // returns its row. Rules compiled earlier stay valid.
  std::size_t put(const Json& record);

  // The row holding organization `id`, or nullopt.
  std::optional<std::size_t> row_of(const std::string& id) const {
    auto found = row_of_id_.find(id);
    return found == row_of_id_.end() ? std::nullopt : std::optional<std::size_t>(found->second);
  }

  CompiledRule compile(const Rule& rule);

  // Rows the rule holds for.
  Bitmap evaluate(const CompiledRule& rule) const;
  Bitmap evaluate(const Rule& rule) { return evaluate(compile(rule)); }

  // The whole organization × rule matrix, one bitmap per rule, the rules
  // shared out over `threads` threads.
  std::vector<Bitmap> evaluate_all(const std::vector<CompiledRule>& rules, unsigned threads) const;

  // Whether the rule holds for one row, read straight off the columns: what a
  // change to one organization needs, without a pass over the others.
  bool holds(const CompiledRule& rule, std::size_t row) const;

  // Rows in a bitmap, in table order.
  std::vector<std::size_t> rows(const Bitmap& bitmap) const;

  // Clause by clause for one row: [{clause, field, label, result:
  // pass|fail|unknown, actual, required}].
  Json explain(const Rule& rule, std::size_t row);

 private:
  const OrganizationColumn* column(const std::string& field) const;
  void set_row(std::size_t row, const Json& record);
  Json actual(const OrganizationColumn& column, std::size_t row) const;

  std::vector<std::string> ids_;
  std::unordered_map<std::string, std::size_t> row_of_id_;
  std::unordered_map<std::string, OrganizationColumn> columns_;
};

}  // namespace alley::policies
