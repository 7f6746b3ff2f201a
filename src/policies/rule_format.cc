// A rule as canonical text and as JSON Logic, and back from JSON Logic.

#include <charconv>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "policies/rule.h"

namespace alley::policies {
namespace {

std::string literal_text(const Literal& value) {
  if (const auto* number = std::get_if<double>(&value)) {
    // The shortest digits that read back as the same double, never in
    // exponent form, which the rule language does not read.
    char buffer[400];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, *number, std::chars_format::fixed);
    return error == std::errc() ? std::string(buffer, end) : "0";
  }
  if (const auto* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  std::string quoted = "\"";
  for (char c : std::get<std::string>(value)) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

Result<Literal> literal_from(const Json& value) {
  if (value.is_number() && std::isfinite(value.get<double>())) return Literal(value.get<double>());
  if (value.is_boolean()) return Literal(value.get<bool>());
  if (value.is_string()) return Literal(value.get<std::string>());
  return Error::invalid("JSON Logic values must be numbers, strings or booleans",
                        {{"rule_jsonlogic", "unsupported value"}});
}

// {"var": "field"}, where the field is a name the readable language can spell.
bool is_var(const Json& value) {
  return value.is_object() && value.size() == 1 && value.contains("var") && value["var"].is_string() &&
         is_field_name(value["var"].get<std::string>());
}

Json present_guard(const std::string& field) { return {{"!==", Json::array({{{"var", field}}, nullptr})}}; }

// {"and": [{"!==": [{"var": f}, null]}, {op: [{"var": f}, value]}]}, as
// to_jsonlogic writes a comparison: the field, or empty when it is not that shape.
std::string guarded_field(const Json& logic) {
  if (!logic.is_object() || logic.size() != 1 || logic.begin().key() != "and") return "";
  const Json& operands = logic.begin().value();
  if (!operands.is_array() || operands.size() != 2 || !operands[1].is_object() || operands[1].size() != 1) return "";
  const Json& guard = operands[0];
  if (!guard.is_object() || guard.size() != 1 || !guard.contains("!==")) return "";
  const Json& sides = guard["!=="];
  if (!sides.is_array() || sides.size() != 2 || !is_var(sides[0]) || !sides[1].is_null()) return "";
  const Json& compared = operands[1].begin().value();
  if (!compared.is_array() || compared.size() != 2 || !is_var(compared[0])) return "";
  const std::string field = sides[0]["var"].get<std::string>();
  return compared[0]["var"].get<std::string>() == field ? field : "";
}

Error unsupported(const std::string& why) { return Error::invalid("JSON Logic: " + why, {{"rule_jsonlogic", why}}); }

}  // namespace

Json literal_json(const Literal& value) {
  if (const auto* number = std::get_if<double>(&value)) return *number;
  if (const auto* flag = std::get_if<bool>(&value)) return *flag;
  return std::get<std::string>(value);
}

std::string to_text(const Rule& rule) {
  switch (rule.kind) {
    case Rule::Kind::kAnd:
    case Rule::Kind::kOr: {
      std::string text;
      for (const Rule& child : rule.children) {
        if (!text.empty()) text += rule.kind == Rule::Kind::kAnd ? " and " : " or ";
        const bool group = child.kind == Rule::Kind::kAnd || child.kind == Rule::Kind::kOr;
        text += group ? "(" + to_text(child) + ")" : to_text(child);
      }
      return text;
    }
    case Rule::Kind::kNot: {
      const Rule& inner = rule.children.front();
      const bool simple = inner.kind != Rule::Kind::kAnd && inner.kind != Rule::Kind::kOr;
      return "not " + (simple ? to_text(inner) : "(" + to_text(inner) + ")");
    }
    case Rule::Kind::kCompare:
      return rule.field + " " + rule.op + " " + literal_text(rule.value);
    case Rule::Kind::kContains:
      return rule.field + " contains " + literal_text(rule.value);
    case Rule::Kind::kIn: {
      std::string list;
      for (const Literal& value : rule.values) list += (list.empty() ? "" : ", ") + literal_text(value);
      return rule.field + " in [" + list + "]";
    }
  }
  return "";
}

Json to_jsonlogic(const Rule& rule) {
  switch (rule.kind) {
    case Rule::Kind::kAnd:
    case Rule::Kind::kOr: {
      Json children = Json::array();
      for (const Rule& child : rule.children) children.push_back(to_jsonlogic(child));
      return {{rule.kind == Rule::Kind::kAnd ? "and" : "or", children}};
    }
    case Rule::Kind::kNot:
      return {{"!", Json::array({to_jsonlogic(rule.children.front())})}};
    case Rule::Kind::kCompare: {
      // JSON Logic's == and != coerce types; === and !== say exactly what the rule means.
      const std::string op = rule.op == "==" ? "===" : rule.op == "!=" ? "!==" : rule.op;
      Json comparison = {{op, Json::array({{{"var", rule.field}}, literal_json(rule.value)})}};
      if (op == "===") return comparison;
      // Here a missing value matches no comparison, but JSON Logic reads a
      // missing value as null, and null <= 300 and null !== 5 are both true
      // there; the guard keeps the meaning the same in both.
      return {{"and", Json::array({present_guard(rule.field), std::move(comparison)})}};
    }
    case Rule::Kind::kContains:
      return {{"in", Json::array({literal_json(rule.value), {{"var", rule.field}}})}};
    case Rule::Kind::kIn: {
      Json values = Json::array();
      for (const Literal& value : rule.values) values.push_back(literal_json(value));
      return {{"in", Json::array({{{"var", rule.field}}, values})}};
    }
  }
  return nullptr;
}

static Result<Rule> build(const Json& logic, int depth) {
  if (depth > 64) return unsupported("at most 64 levels of nesting");
  if (!logic.is_object() || logic.size() != 1) return unsupported("each operation is an object with one operator");
  const std::string op = logic.begin().key();
  Json arguments = logic.begin().value();
  if (!arguments.is_array()) arguments = Json::array({arguments});
  if (!guarded_field(logic).empty()) return build(arguments[1], depth);  // the guard is not a level of the rule
  if (op == "and" || op == "or") {
    if (arguments.empty()) return unsupported(op + " needs at least one operand");
    if (arguments.size() == 1) return build(arguments[0], depth + 1);  // and/or of one thing is that thing
    Rule rule = Rule::of(op == "and" ? Rule::Kind::kAnd : Rule::Kind::kOr);
    for (const Json& argument : arguments) {
      Result<Rule> child = build(argument, depth + 1);
      if (!child) return child;
      rule.children.push_back(std::move(child.value()));
    }
    return rule;
  }
  if (op == "!") {
    if (arguments.size() != 1) return unsupported("! takes one operand");
    Result<Rule> inner = build(arguments[0], depth + 1);
    if (!inner) return inner;
    Rule negated = Rule::of(Rule::Kind::kNot);
    negated.children.push_back(std::move(inner.value()));
    return negated;
  }
  if (arguments.size() != 2) return unsupported(op + " takes two operands");
  if (op == "in") {
    if (is_var(arguments[0]) && arguments[1].is_array()) {
      Rule rule = Rule::of(Rule::Kind::kIn);
      rule.field = arguments[0]["var"].get<std::string>();
      for (const Json& value : arguments[1]) {
        Result<Literal> literal = literal_from(value);
        if (!literal) return literal.error();
        rule.values.push_back(literal.value());
      }
      return rule;
    }
    if (is_var(arguments[1]) && arguments[0].is_string()) {
      Rule rule = Rule::of(Rule::Kind::kContains);
      rule.field = arguments[1]["var"].get<std::string>();
      rule.value = arguments[0].get<std::string>();
      return rule;
    }
    return unsupported("in is supported as {var} in [list] or \"text\" in {var}");
  }
  static const std::map<std::string, std::string> kOperators = {
      {"==", "=="}, {"===", "=="}, {"!=", "!="}, {"!==", "!="}, {"<", "<"}, {"<=", "<="}, {">", ">"}, {">=", ">="}};
  static const std::map<std::string, std::string> kMirrored = {{"<", ">"}, {"<=", ">="}, {">", "<"}, {">=", "<="}};
  auto found = kOperators.find(op);
  if (found == kOperators.end()) return unsupported("the operator " + op + " is not supported");
  Rule rule = Rule::of(Rule::Kind::kCompare);
  rule.op = found->second;
  Json value = arguments[1];
  if (is_var(arguments[0])) {
    rule.field = arguments[0]["var"].get<std::string>();
  } else if (is_var(arguments[1])) {  // 5 < {var}: the same as {var} > 5
    rule.field = arguments[1]["var"].get<std::string>();
    value = arguments[0];
    if (auto mirrored = kMirrored.find(rule.op); mirrored != kMirrored.end()) rule.op = mirrored->second;
  } else {
    return unsupported("a comparison needs a {\"var\": field} on one side");
  }
  Result<Literal> literal = literal_from(value);
  if (!literal) return literal.error();
  rule.value = literal.value();
  return rule;
}

Result<Rule> from_jsonlogic(const Json& logic) {
  Result<Rule> rule = build(logic, 0);
  if (!rule) return rule;
  // Type-checked by the same rules as the readable form; the rule returned is
  // the one read back from text, so both forms say exactly the same.
  Result<Rule> checked = parse_rule(to_text(rule.value()));
  if (!checked) return unsupported(checked.error().message);
  return checked;
}

}  // namespace alley::policies
