// The columnar evaluator against a plain record-by-record reading of the same
// rules, over the demo population and every policy of the pack.

#include "policies/evaluator.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "records/pack_loader.h"
#include "records/repository.h"
#include "registry/demo_population.h"
#include "registry/resources.h"
#include "support/store_fixture.h"

namespace alley::policies {
namespace {

// The rule read directly off one record: the meaning the evaluator must keep.
bool holds(const Rule& rule, const Json& record) {
  switch (rule.kind) {
    case Rule::Kind::kAnd:
      return std::all_of(rule.children.begin(), rule.children.end(), [&](const Rule& c) { return holds(c, record); });
    case Rule::Kind::kOr:
      return std::any_of(rule.children.begin(), rule.children.end(), [&](const Rule& c) { return holds(c, record); });
    case Rule::Kind::kNot:
      return !holds(rule.children.front(), record);
    case Rule::Kind::kContains: {
      if (!record.contains(rule.field)) return false;
      const Json& list = record[rule.field];
      return std::find(list.begin(), list.end(), literal_json(rule.value)) != list.end();
    }
    case Rule::Kind::kIn:
      return record.contains(rule.field) && std::any_of(rule.values.begin(), rule.values.end(), [&](const Literal& v) {
               return record[rule.field] == literal_json(v);
             });
    case Rule::Kind::kCompare: {
      if (!record.contains(rule.field)) return false;
      const Json& actual = record[rule.field];
      const Json required = literal_json(rule.value);
      if (rule.op == "==") return actual == required;
      if (rule.op == "!=") return actual != required;
      const double a = actual.get<double>(), b = required.get<double>();
      return rule.op == "<" ? a < b : rule.op == "<=" ? a <= b : rule.op == ">" ? a > b : a >= b;
    }
  }
  return false;
}

class EvaluatorTest : public testing::StoreTest {};

TEST_F(EvaluatorTest, AgreesWithTheRecordByRecordReadingForEveryPackPolicy) {
  ASSERT_TRUE(store::in_write_transaction(connection(), [&]() -> Status {
                auto pack = records::load_pack(connection(), registry_schemas(),
                                               records::find_pack("silicon-alley").value(), nullptr);
                if (!pack) return pack.error();
                auto demo = registry::add_demo_population(connection(), app().catalog());
                return demo ? ok_status() : Status(demo.error());
              }).ok());
  const std::vector<Json> organizations =
      records::list_all_records(connection(), *find_schema("organizations")).value();
  const std::vector<Json> policies = records::list_all_records(connection(), *find_schema("policies")).value();
  OrganizationTable table(organizations);
  std::size_t checked = 0, matched = 0;
  std::vector<std::string> extra_rules = {
      "not employees > 50", "kind != \"enterprise\"", "rd_ratio < 0.05 or not high_growth == true",
      "tier in [\"startup\", \"leading\"] and not certifications contains \"高新技术企业\""};
  std::vector<Rule> rules;
  for (const Json& policy : policies) {
    if (policy.contains("rule")) rules.push_back(parse_rule(policy["rule"].get<std::string>()).value());
  }
  for (const std::string& text : extra_rules) rules.push_back(parse_rule(text).value());
  std::vector<CompiledRule> compiled;
  for (const Rule& rule : rules) compiled.push_back(table.compile(rule));
  const std::vector<Bitmap> matrix = table.evaluate_all(compiled, 2);
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const Rule& rule = rules[i];
    std::vector<std::size_t> expected, row_by_row;
    for (std::size_t row = 0; row < organizations.size(); ++row) {
      if (holds(rule, organizations[row])) expected.push_back(row);
      if (table.holds(compiled[i], row)) row_by_row.push_back(row);
    }
    EXPECT_EQ(table.rows(table.evaluate(compiled[i])), expected) << to_text(rule);
    EXPECT_EQ(table.rows(matrix[i]), expected) << "the threaded matrix, " << to_text(rule);
    EXPECT_EQ(row_by_row, expected) << "one row at a time, " << to_text(rule);
    ++checked;
    matched += expected.size();
  }
  EXPECT_GE(checked, 20u);
  EXPECT_GT(matched, 0u) << "the rules must reach somebody for the comparison to mean something";
}

TEST(Evaluator, AChangedOrAddedOrganizationIsReadByRulesCompiledBefore) {
  OrganizationTable table(
      std::vector<Json>{Json{{"id", "a"}, {"kind", "enterprise"}, {"employees", 500}, {"sectors", {"文创"}}},
                        Json{{"id", "b"}, {"kind", "bank"}}});
  const CompiledRule small_ai =
      table.compile(parse_rule(R"(employees <= 300 and sectors contains "人工智能")").value());
  const CompiledRule investor = table.compile(parse_rule(R"(kind in ["investor", "bank"])").value());
  const CompiledRule not_fintech = table.compile(parse_rule(R"(not sectors contains "金融科技")").value());
  EXPECT_TRUE(table.rows(table.evaluate(small_ai)).empty());

  EXPECT_EQ(table.put(Json{{"id", "a"}, {"kind", "investor"}, {"employees", 120}, {"sectors", {"人工智能"}}}), 0u);
  EXPECT_TRUE(table.holds(small_ai, 0)) << "new values, and a sector no organization had when the rule was compiled";
  EXPECT_TRUE(table.holds(investor, 0));
  EXPECT_EQ(table.rows(table.evaluate(investor)), (std::vector<std::size_t>{0, 1}));

  EXPECT_EQ(table.put(Json{{"id", "c"}, {"sectors", {"金融科技"}}}), 2u);
  EXPECT_EQ(table.size(), 3u);
  EXPECT_EQ(table.rows(table.evaluate(not_fintech)), (std::vector<std::size_t>{0, 1}));
  EXPECT_FALSE(table.holds(small_ai, 2)) << "a missing headcount meets no bound";

  // Past a word of 64 rows the bitmaps grow, and `not` still invents nobody.
  for (int i = 0; i < 70; ++i) table.put(Json{{"id", "n" + std::to_string(i)}, {"employees", i}});
  EXPECT_EQ(table.rows(table.evaluate(table.compile(parse_rule("employees < 10").value()))).size(), 10u);
  EXPECT_EQ(table.rows(table.evaluate(not_fintech)).size(), 72u);
}

TEST(Evaluator, ClauseLabelsAreTheNamesTheWebAppShows) {
  // The web app's catalogue is where people read field names; an explanation must use the same words.
  std::ifstream file(std::string(ALLEY_SOURCE_DIR) + "/web/public/i18n/messages.zh-Hans.json");
  const Json catalogue = Json::parse(file);
  std::size_t labelled = 0;
  for (const records::FieldSpec& spec : registry::organization_schema().fields) {
    if (spec.label.empty()) continue;
    EXPECT_EQ(catalogue["fields"].value(spec.name, ""), spec.label) << spec.name;
    ++labelled;
  }
  EXPECT_GE(labelled, 10u);
}

TEST(Evaluator, ExplainsEachClauseAndSaysWhatIsUnknown) {
  OrganizationTable table(
      std::vector<Json>{Json{{"id", "a"}, {"kind", "enterprise"}, {"employees", 120}, {"sectors", {"人工智能"}}}});
  const Rule rule = parse_rule(R"(employees <= 300 and sectors contains "集成电路" and rd_ratio >= 0.05)").value();
  const Json clauses = table.explain(rule, 0);
  ASSERT_EQ(clauses.size(), 3u);
  EXPECT_EQ(clauses[0]["result"], "pass");
  EXPECT_EQ(clauses[0]["actual"], 120);
  EXPECT_EQ(clauses[0]["required"], "<= 300");
  EXPECT_EQ(clauses[1]["result"], "fail");
  EXPECT_EQ(clauses[2]["result"], "unknown");
  EXPECT_EQ(clauses[2]["label"], "研发投入占比");
  EXPECT_TRUE(clauses[2]["actual"].is_null());
  EXPECT_TRUE(table.rows(table.evaluate(rule)).empty());
  EXPECT_EQ(clauses[0]["op"], "<=");
  EXPECT_EQ(clauses[0]["value"], 300);
  EXPECT_EQ(clauses[0]["negated"], false);

  // Under `not`, a clause is stated and judged negated.
  const Json negated = table.explain(parse_rule(R"(not (sectors contains "人工智能" or employees > 500))").value(), 0);
  ASSERT_EQ(negated.size(), 2u);
  EXPECT_EQ(negated[0]["clause"], R"(not sectors contains "人工智能")");
  EXPECT_EQ(negated[0]["negated"], true);
  EXPECT_EQ(negated[0]["result"], "fail") << "it does contain 人工智能";
  EXPECT_EQ(negated[1]["result"], "pass") << "120 is not above 500";
  EXPECT_EQ(table.rows(table.evaluate(parse_rule("not rd_ratio >= 0.05").value())).size(), 1u)
      << "not of an unknown value holds, as in the record-by-record reading";
}

}  // namespace
}  // namespace alley::policies
