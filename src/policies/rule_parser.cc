#include <algorithm>
#include <cctype>
#include <charconv>
#include <nlohmann/json.hpp>

#include "policies/rule.h"
#include "registry/resources.h"

namespace alley::policies {
namespace {

bool starts_name(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool continues_name(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

enum class FieldKind { kNumber, kString, kBool, kList, kUnknown };

// What a rule may test: the organization's own fields, typed by its schema.
FieldKind kind_of(const std::string& field) {
  const records::FieldSpec* spec = registry::organization_schema().find(field);
  if (!spec) return FieldKind::kUnknown;
  switch (spec->type) {
    case records::FieldType::kInteger:
    case records::FieldType::kReal:
      return FieldKind::kNumber;
    case records::FieldType::kBool:
      return FieldKind::kBool;
    case records::FieldType::kTextArray:
      return FieldKind::kList;
    case records::FieldType::kGeometry:
    case records::FieldType::kJson:
      return FieldKind::kUnknown;
    default:
      return FieldKind::kString;
  }
}

struct Token {
  enum Type { kWord, kNumber, kString, kSymbol, kEnd } type;
  std::string text;
  double number = 0;
  int line = 1, column = 1;
};

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) { advance(); }

  Result<Rule> parse() {
    Result<Rule> rule = or_expression();
    if (!rule) return rule;
    if (token_.type != Token::kEnd) return fail("and, or or the end of the rule");
    return rule;
  }

 private:
  Error fail(const std::string& expected) {
    const std::string found = token_.type == Token::kEnd ? "the end of the rule" : "“" + token_.text + "”";
    const std::string message = "line " + std::to_string(token_.line) + ", column " + std::to_string(token_.column) +
                                ": expected " + expected + ", found " + found;
    return Error::invalid(message, {{"rule", message}});
  }

  void advance() {
    while (position_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[position_]))) step();
    token_ = Token{Token::kEnd, "", 0, line_, column_};
    if (position_ >= text_.size()) return;
    const char c = text_[position_];
    if (starts_name(c)) {
      while (position_ < text_.size() && continues_name(text_[position_])) {
        token_.text += text_[position_];
        step();
      }
      token_.type = Token::kWord;
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '-' && position_ + 1 < text_.size() &&
                std::isdigit(static_cast<unsigned char>(text_[position_ + 1])))) {
      std::size_t end = position_ + 1;
      while (end < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[end])) || text_[end] == '.')) ++end;
      token_.text = std::string(text_.substr(position_, end - position_));
      auto [stop, error] = std::from_chars(token_.text.data(), token_.text.data() + token_.text.size(), token_.number);
      token_.type =
          error == std::errc() && stop == token_.text.data() + token_.text.size() ? Token::kNumber : Token::kSymbol;
      while (position_ < end) step();
    } else if (c == '"') {
      step();
      while (position_ < text_.size() && text_[position_] != '"') {
        if (text_[position_] == '\\' && position_ + 1 < text_.size()) step();
        token_.text += text_[position_];
        step();
      }
      if (position_ >= text_.size()) {
        token_.type = Token::kSymbol;
        token_.text = "\"" + token_.text;
        unterminated_ = true;
        return;
      }
      step();
      token_.type = Token::kString;
    } else {
      static const char* kTwo[] = {"==", "!=", "<=", ">="};
      token_.type = Token::kSymbol;
      for (const char* symbol : kTwo) {
        if (text_.substr(position_, 2) == symbol) {
          token_.text = symbol;
          step();
          step();
          return;
        }
      }
      token_.text = std::string(1, c);
      step();
    }
  }

  void step() {
    if (text_[position_] == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(text_[position_]) & 0xC0) != 0x80) {
      ++column_;
    }
    ++position_;
  }

  bool word(const char* expected) { return token_.type == Token::kWord && token_.text == expected; }
  bool symbol(const char* expected) { return token_.type == Token::kSymbol && token_.text == expected; }

  // `operand (keyword operand)*`, flattened into one and/or node.
  Result<Rule> joined(Rule::Kind kind, const char* keyword, Result<Rule> (Parser::*operand)()) {
    Result<Rule> first = (this->*operand)();
    if (!first || !word(keyword)) return first;
    Rule joined = Rule::of(kind);
    joined.children.push_back(std::move(first.value()));
    while (word(keyword)) {
      advance();
      Result<Rule> next = (this->*operand)();
      if (!next) return next;
      joined.children.push_back(std::move(next.value()));
    }
    return joined;
  }

  Result<Rule> or_expression() { return joined(Rule::Kind::kOr, "or", &Parser::and_expression); }
  Result<Rule> and_expression() { return joined(Rule::Kind::kAnd, "and", &Parser::not_expression); }

  Result<Rule> not_expression() {
    // Deep nesting would only exhaust the stack; no real rule needs it.
    if (++depth_ > 64) return fail("at most 64 levels of not and “(”");
    struct Leave {
      int& depth;
      ~Leave() { --depth; }
    } leave{depth_};
    if (word("not")) {
      advance();
      Result<Rule> inner = not_expression();
      if (!inner) return inner;
      Rule negated = Rule::of(Rule::Kind::kNot);
      negated.children.push_back(std::move(inner.value()));
      return negated;
    }
    if (symbol("(")) {
      advance();
      Result<Rule> inner = or_expression();
      if (!inner) return inner;
      if (!symbol(")")) return fail("“)”");
      advance();
      return inner;
    }
    return comparison();
  }

  Result<Literal> literal(FieldKind kind) {
    if (unterminated_) return fail("a closing \" for the text");
    if ((kind == FieldKind::kString || kind == FieldKind::kList) && token_.type == Token::kString) {
      Literal value = token_.text;
      advance();
      return value;
    }
    if (kind == FieldKind::kNumber && token_.type == Token::kNumber) {
      Literal value = token_.number;
      advance();
      return value;
    }
    if (kind == FieldKind::kBool && (word("true") || word("false"))) {
      Literal value = token_.text == "true";
      advance();
      return value;
    }
    return fail(kind == FieldKind::kNumber ? "a number"
                : kind == FieldKind::kBool ? "true or false"
                                           : "a \"text\" in quotes");
  }

  Result<Rule> comparison() {
    if (token_.type != Token::kWord) return fail("a field name, not or “(”");
    Rule rule;
    rule.field = token_.text;
    const FieldKind kind = kind_of(rule.field);
    if (kind == FieldKind::kUnknown) return fail("a field of an organization (e.g. sectors, employees, rd_ratio)");
    advance();
    if (word("contains")) {
      if (kind != FieldKind::kList)
        return fail("an operator for a single value (==, !=, in …), as " + rule.field + " is not a list");
      advance();
      Result<Literal> value = literal(FieldKind::kString);
      if (!value) return value.error();
      rule.kind = Rule::Kind::kContains;
      rule.value = value.value();
      return rule;
    }
    if (word("in")) {
      if (kind == FieldKind::kList) return fail("contains, as " + rule.field + " is a list");
      advance();
      if (!symbol("[")) return fail("“[” to start a list");
      advance();
      rule.kind = Rule::Kind::kIn;
      while (true) {
        Result<Literal> value = literal(kind);
        if (!value) return value.error();
        rule.values.push_back(value.value());
        if (symbol("]")) break;
        if (!symbol(",")) return fail("“,” or “]”");
        advance();
      }
      advance();
      return rule;
    }
    static const std::vector<std::string> kOperators = {"==", "!=", "<", "<=", ">", ">="};
    if (token_.type != Token::kSymbol ||
        std::find(kOperators.begin(), kOperators.end(), token_.text) == kOperators.end()) {
      return fail(kind == FieldKind::kList ? "contains" : "an operator (== != < <= > >= in)");
    }
    if (kind == FieldKind::kList) return fail("contains, as " + rule.field + " is a list");
    rule.op = token_.text;
    if (kind != FieldKind::kNumber && rule.op != "==" && rule.op != "!=") {
      return fail("== or !=, as " + rule.field + " is not a number");
    }
    advance();
    Result<Literal> value = literal(kind);
    if (!value) return value.error();
    rule.kind = Rule::Kind::kCompare;
    rule.value = value.value();
    return rule;
  }

  std::string_view text_;
  std::size_t position_ = 0;
  int line_ = 1, column_ = 1;
  bool unterminated_ = false;
  int depth_ = 0;
  Token token_;
};

}  // namespace

bool is_field_name(std::string_view name) {
  return !name.empty() && starts_name(name[0]) && std::all_of(name.begin(), name.end(), continues_name);
}

Result<Rule> parse_rule(std::string_view text) {
  if (text.size() > 10000) return Error::invalid("the rule is longer than 10,000 characters", {{"rule", "too long"}});
  return Parser(text).parse();
}

}  // namespace alley::policies
