#include "policies/rule.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "records/pack_loader.h"

namespace alley::policies {
namespace {

std::string message_of(std::string_view text) {
  Result<Rule> rule = parse_rule(text);
  return rule.ok() ? "" : rule.error().message;
}

}  // namespace

TEST(Rule, ParsesTheReadableLanguage) {
  Result<Rule> rule =
      parse_rule(R"(sectors contains "集成电路" and employees <= 300 and (rd_ratio >= 0.05 or high_growth == true))");
  ASSERT_TRUE(rule.ok()) << rule.error().message;
  EXPECT_EQ(rule->kind, Rule::Kind::kAnd);
  EXPECT_EQ(rule->children.size(), 3u);
  EXPECT_EQ(to_text(rule.value()),
            R"(sectors contains "集成电路" and employees <= 300 and (rd_ratio >= 0.05 or high_growth == true))");
  EXPECT_TRUE(parse_rule(R"(tier in ["startup", "tech_sme"] and not pipeline_status == "moved_out")").ok());
}

TEST(Rule, ErrorsSayWhereAndWhatWasExpected) {
  EXPECT_EQ(message_of("employees <= "), "line 1, column 14: expected a number, found the end of the rule");
  EXPECT_EQ(message_of("employees <=\n  \"many\""), "line 2, column 3: expected a number, found “many”");
  EXPECT_NE(message_of("colour == \"red\"").find("a field of an organization"), std::string::npos);
  EXPECT_NE(message_of("sectors == \"x\"").find("contains, as sectors is a list"), std::string::npos);
  EXPECT_NE(message_of("employees contains \"x\"").find("is not a list"), std::string::npos);
  EXPECT_NE(message_of("kind > \"a\"").find("== or !="), std::string::npos);
  EXPECT_NE(message_of("(employees > 1").find("“)”"), std::string::npos);
  EXPECT_NE(message_of("kind == \"enterprise").find("closing"), std::string::npos);
  EXPECT_NE(message_of("employees > 1 employees").find("and, or or the end"), std::string::npos);
  EXPECT_NE(message_of(std::string(200, '(') + "employees > 1" + std::string(200, ')')).find("64 levels"),
            std::string::npos);
}

TEST(Rule, JsonLogicRoundTripsWithoutChangingMeaning) {
  for (const char* text :
       {R"(employees <= 300)", R"(sectors contains "人工智能" or certifications contains "高新技术企业")",
        R"(not (tier in ["startup", "tech_sme"] and founded_year >= 2020))",
        R"(high_growth == true and kind != "investor")"}) {
    Result<Rule> rule = parse_rule(text);
    ASSERT_TRUE(rule.ok()) << text;
    const Json logic = to_jsonlogic(rule.value());
    Result<Rule> back = from_jsonlogic(Json::parse(logic.dump()));
    ASSERT_TRUE(back.ok()) << logic.dump() << ": " << back.error().message;
    EXPECT_EQ(to_text(back.value()), to_text(rule.value())) << logic.dump();
    EXPECT_EQ(to_jsonlogic(back.value()), logic);
  }
}

TEST(Rule, JsonLogicGuardsComparisonsAgainstMissingValues) {
  // Without the guard, JSON Logic would read a missing headcount as null, and null <= 300 holds there.
  EXPECT_EQ(to_jsonlogic(parse_rule("employees <= 300").value()),
            Json::parse(R"({"and": [{"!==": [{"var": "employees"}, null]}, {"<=": [{"var": "employees"}, 300.0]}]})"));
  EXPECT_EQ(to_jsonlogic(parse_rule(R"(kind != "bank")").value()),
            Json::parse(R"({"and": [{"!==": [{"var": "kind"}, null]}, {"!==": [{"var": "kind"}, "bank"]}]})"));
  EXPECT_EQ(to_jsonlogic(parse_rule(R"(kind == "bank")").value()), Json::parse(R"({"===": [{"var": "kind"}, "bank"]})"))
      << "null === \"bank\" is already false";
  EXPECT_EQ(
      to_text(from_jsonlogic(
                  Json::parse(R"({"and": [{"!==": [{"var": "employees"}, null]}, {">": [{"var": "employees"}, 5]}]})"))
                  .value()),
      "employees > 5")
      << "the guard reads back as the comparison alone";
  EXPECT_FALSE(from_jsonlogic(
                   Json::parse(R"({"and": [{"!==": [{"var": "rd_ratio"}, null]}, {">": [{"var": "employees"}, 5]}]})"))
                   .ok())
      << "a test against null on another field is not a guard, and null is no value a rule can name";
}

TEST(Rule, TheFuzzersFindingsRoundTrip) {
  // Tiny and huge numbers are written out in full: the language reads no exponents.
  const Rule tiny = parse_rule(R"(kind == "enterprise" and rd_ratio>= 0.0000000005)").value();
  EXPECT_EQ(to_text(tiny), R"(kind == "enterprise" and rd_ratio >= 0.0000000005)");
  EXPECT_EQ(to_text(parse_rule(to_text(tiny)).value()), to_text(tiny));
  EXPECT_EQ(to_text(from_jsonlogic(Json::parse(R"({"<": [{"var": "revenue_10k_cny"}, 1e20]})")).value()),
            "revenue_10k_cny < 100000000000000000000");
  // An or of one operand is that operand, so not (…) prints as it reads back.
  EXPECT_EQ(
      to_text(from_jsonlogic(Json::parse(R"({"!": {"or": [{"in": [{"var": "tier"}, ["startup", "tech_sme"]]}]}})"))
                  .value()),
      R"(not tier in ["startup", "tech_sme"])");
  // A var that is not a plain field name could smuggle in a different rule as text.
  EXPECT_FALSE(from_jsonlogic(Json::parse(R"({"<": [{"var": "employees < 5 or employees"}, 3]})")).ok());
  EXPECT_FALSE(from_jsonlogic(Json::parse(R"({"<": [100, {"var": " employees"}]})")).ok());
}

TEST(Rule, AcceptsCommonJsonLogicSpellings) {
  auto text_of = [](const char* logic) {
    Result<Rule> rule = from_jsonlogic(Json::parse(logic));
    return rule.ok() ? to_text(rule.value()) : "error: " + rule.error().message;
  };
  EXPECT_EQ(text_of(R"({"<": [100, {"var": "employees"}]})"), "employees > 100");
  EXPECT_EQ(text_of(R"({"==": [{"var": "kind"}, "enterprise"]})"), R"(kind == "enterprise")");
  EXPECT_EQ(text_of(R"({"!": {"in": ["文创", {"var": "sectors"}]}})"), R"(not sectors contains "文创")");
  EXPECT_NE(text_of(R"({"+": [1, 2]})").find("not supported"), std::string::npos);
  EXPECT_NE(text_of(R"({">": [{"var": "kind"}, 3]})").find("error"), std::string::npos) << "type-checked too";
}

TEST(Rule, EveryPolicyRuleOfThePackParsesAndRoundTrips) {
  std::ifstream file(records::find_pack("silicon-alley").value() / "policies.json");
  const Json policies = Json::parse(file);
  ASSERT_GE(policies.size(), 10u);
  for (const Json& policy : policies) {
    if (!policy.contains("rule")) continue;
    Result<Rule> rule = parse_rule(policy["rule"].get<std::string>());
    ASSERT_TRUE(rule.ok()) << policy["id"] << ": " << rule.error().message;
    Result<Rule> back = from_jsonlogic(to_jsonlogic(rule.value()));
    ASSERT_TRUE(back.ok()) << policy["id"];
    EXPECT_EQ(to_text(back.value()), to_text(rule.value())) << policy["id"];
  }
}

}  // namespace alley::policies
