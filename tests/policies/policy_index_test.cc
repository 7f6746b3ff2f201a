#include "policies/policy_index.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "modules/modules.h"
#include "records/pack_loader.h"
#include "records/repository.h"
#include "support/store_fixture.h"

namespace alley::policies {
namespace {

class PolicyIndexTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(load_district_pack().ok());
    index_ = app().find_service<PolicyIndex>();
    ASSERT_NE(index_, nullptr);
  }

  // The policy's matches as rebuilding from the database finds them.
  std::vector<std::string> rebuilt(store::Connection& connection, const std::string& policy_id) {
    const Json policy = records::get_record(connection, *find_schema("policies"), policy_id).value();
    std::vector<Json> organizations = records::list_all_records(connection, *find_schema("organizations")).value();
    OrganizationTable table(organizations);
    std::vector<std::string> ids;
    for (std::size_t row : table.rows(table.evaluate(parse_rule(policy["rule"].get<std::string>()).value()))) {
      ids.push_back(table.id(row));
    }
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  std::vector<std::string> resident(const std::string& policy_id) {
    EXPECT_TRUE(index_->refresh(connection()).ok());
    std::vector<std::string> ids;
    const std::optional<Result<PolicyMatches>> found = index_->matches(policy_id);
    EXPECT_TRUE(found && found->ok()) << policy_id;
    if (!found || !found->ok()) return ids;
    for (const MatchedOrganization& organization : found->value().organizations) ids.push_back(organization.id);
    return ids;
  }

  static Status write(store::Connection& connection, const std::function<Result<Json>()>& work) {
    Status done = store::in_write_transaction(connection, [&]() -> Status {
      Result<Json> written = work();
      return written ? ok_status() : Status(written.error());
    });
    EXPECT_TRUE(done.ok()) << done.error().message;
    return done;
  }

  PolicyIndex* index_ = nullptr;
};

TEST_F(PolicyIndexTest, AnswersAsRebuildingWouldForEveryPolicy) {
  ASSERT_TRUE(index_->refresh(connection()).ok());
  std::size_t with_rules = 0;
  for (const IndexedPolicy& policy : index_->policies()) {
    if (!policy.rule) continue;
    ++with_rules;
    const std::string id = policy.record["id"].get<std::string>();
    EXPECT_EQ(resident(id), rebuilt(connection(), id)) << id;
  }
  EXPECT_GT(with_rules, 3u);
  EXPECT_FALSE(index_->matches("no-such-policy"));
}

TEST_F(PolicyIndexTest, NoticesWhatAnotherServerWritesToTheSameDatabase) {
  ASSERT_TRUE(index_->refresh(connection()).ok());
  app::App other;  // a second app server on the same database
  modules::register_all(other);
  ASSERT_TRUE(other.open_database(url(), 1).ok());
  auto lease = other.database().acquire();
  store::Connection& theirs = *lease.value();
  const Json policy = {{"id", "small-firms"},
                       {"name", "小微企业支持"},
                       {"source", "test"},
                       {"rule", "employees <= 3 and kind == \"enterprise\""}};
  ASSERT_TRUE(write(theirs, [&] {
                return records::create_record(theirs, *other.catalog().find("policies"), policy, {"test"});
              }).ok());
  const std::vector<std::string> before = resident("small-firms");
  EXPECT_EQ(before, rebuilt(connection(), "small-firms"));
  const Json tiny = {
      {"id", "tiny-firm"}, {"name", "微型企业"}, {"source", "test"}, {"kind", "enterprise"}, {"employees", 2}};
  ASSERT_TRUE(write(theirs, [&] {
                return records::create_record(theirs, *other.catalog().find("organizations"), tiny, {"test"});
              }).ok());
  std::vector<std::string> after = resident("small-firms");
  EXPECT_NE(std::find(after.begin(), after.end(), "tiny-firm"), after.end());
  EXPECT_EQ(after, rebuilt(connection(), "small-firms"));
  // Deleted: no longer a match; a changed rule: matched anew.
  ASSERT_TRUE(store::in_write_transaction(theirs, [&] {
                return records::delete_record(theirs, *other.catalog().find("organizations"), "tiny-firm", std::nullopt,
                                              {"test"});
              }).ok());
  after = resident("small-firms");
  EXPECT_EQ(std::find(after.begin(), after.end(), "tiny-firm"), after.end());
  ASSERT_TRUE(write(theirs, [&] {
                return records::update_record(theirs, *other.catalog().find("policies"), "small-firms",
                                              {{"rule", "kind == \"enterprise\""}}, 1, {"test"});
              }).ok());
  EXPECT_EQ(resident("small-firms"), rebuilt(connection(), "small-firms"));
  EXPECT_GT(resident("small-firms").size(), before.size());
}

TEST_F(PolicyIndexTest, DeliveryOverTheIndexMatchesDeliveryOverTheDatabase) {
  // Two policies with the same rule, one written while the index is level
  // (delivery evaluates the columns in memory) and one after an
  // organization changed unseen (delivery reads the database): both
  // announce the same organizations.
  ASSERT_TRUE(index_->refresh(connection()).ok());
  auto create_policy = [&](const std::string& id) {
    return write(connection(), [&] {
      return records::create_record(connection(), *find_schema("policies"),
                                    {{"id", id}, {"name", id}, {"source", "test"}, {"rule", "kind == \"enterprise\""}},
                                    {"test"});
    });
  };
  ASSERT_TRUE(create_policy("level").ok());
  ASSERT_TRUE(
      write(connection(), [&] {
        return records::create_record(
            connection(), *find_schema("organizations"),
            {{"id", "big-firm"}, {"name", "大企业"}, {"source", "test"}, {"kind", "enterprise"}, {"employees", 500}},
            {"test"});
      }).ok());
  ASSERT_TRUE(create_policy("behind").ok());
  auto announced = [&](const std::string& policy) {
    auto rows = connection().query(
        "SELECT organization_id FROM policy_matches WHERE policy_id = ? AND organization_id <> 'big-firm' "
        "ORDER BY organization_id",
        {policy});
    std::vector<std::string> ids;
    for (const store::Row& row : rows->rows) ids.push_back(store::as_text(row[0]));
    return ids;
  };
  EXPECT_FALSE(announced("level").empty());
  EXPECT_EQ(announced("level"), announced("behind"));
  auto big = connection().query(
      "SELECT COUNT(*) FROM policy_matches WHERE organization_id = 'big-firm' AND policy_id IN ('level', 'behind')");
  EXPECT_EQ(store::as_integer(big->rows[0][0]), 2) << "the firm's own write delivers 'level', the new policy 'behind'";
}

}  // namespace
}  // namespace alley::policies
