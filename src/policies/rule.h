#pragma once
// Eligibility rules: a readable language, e.g.
//   kind == "enterprise" and sectors contains "人工智能" and employees <= 300
// type-checked against the fields of an organization, and JSON Logic
// (jsonlogic.com) for interchange. Either form converts to the other without
// changing what the rule means.

#include <string>
#include <variant>
#include <vector>

#include "core/error.h"
#include "core/json.h"

namespace alley::policies {

using Literal = std::variant<double, std::string, bool>;

struct Rule {
  enum class Kind { kAnd, kOr, kNot, kCompare, kIn, kContains };
  Kind kind = Kind::kCompare;
  std::vector<Rule> children;   // and, or, not
  std::string field;            // compare, in, contains
  std::string op;               // compare: == != < <= > >=
  Literal value;                // compare, contains
  std::vector<Literal> values;  // in

  static Rule of(Kind kind, std::vector<Rule> children = {}) {
    Rule rule;
    rule.kind = kind;
    rule.children = std::move(children);
    return rule;
  }
};

// Parses and type-checks. Invalid errors say the line, the column and what
// was expected ("line 1, column 14: expected a value after >=").
Result<Rule> parse_rule(std::string_view text);

// Whether `name` is spelled as the language spells a field (letters, digits, _).
bool is_field_name(std::string_view name);

// The canonical text of a rule (parse_rule(to_text(r)) gives r back).
std::string to_text(const Rule& rule);

Json to_jsonlogic(const Rule& rule);

// A literal as the JSON value it is.
Json literal_json(const Literal& value);

// The JSON Logic this language can express; anything else is Invalid with a reason.
Result<Rule> from_jsonlogic(const Json& logic);

}  // namespace alley::policies
