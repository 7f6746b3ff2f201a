#include "records/repository.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "records/lifecycle.h"
#include "support/store_fixture.h"

namespace alley::records {
namespace {

class RepositoryTest : public testing::StoreTest {
 protected:
  Result<Json> create(const char* resource, const Json& input) {
    std::optional<Result<Json>> result;
    Status done = store::in_write_transaction(connection(), [&]() -> Status {
      result = create_record(connection(), *find_schema(resource), input, {"test"});
      return result->ok() ? ok_status() : Status(result->error());
    });
    return *result;
  }
  Result<Json> update(const char* resource, const std::string& id, const Json& patch, std::int64_t version) {
    std::optional<Result<Json>> result;
    (void)store::in_write_transaction(connection(), [&]() -> Status {
      result = update_record(connection(), *find_schema(resource), id, patch, version, {"test"});
      return result->ok() ? ok_status() : Status(result->error());
    });
    return *result;
  }
  std::int64_t count(const std::string& sql) {
    return store::as_integer(connection().query(sql).value().rows.at(0)[0]).value();
  }
  void seed_place() {
    ASSERT_TRUE(create("places", {{"id", "p1"}, {"name", "新微智谷"}, {"source", "s"}, {"type", "carrier"}}).ok());
  }
};

TEST_F(RepositoryTest, CreateThenGetReturnsTheSameRecord) {
  auto created = create("organizations", {{"id", "xijing"},
                                          {"name", "西井科技"},
                                          {"source", "s"},
                                          {"kind", "enterprise"},
                                          {"sectors", {"人工智能"}},
                                          {"employees", 300}});
  ASSERT_TRUE(created.ok()) << describe(created.error());
  auto read = get_record(connection(), *find_schema("organizations"), "xijing");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read.value()["sectors"], Json::array({"人工智能"}));
  EXPECT_EQ(read.value()["employees"], 300);
  EXPECT_EQ(read.value()["version"], 1);
  EXPECT_EQ(read.value()["synthetic"], false);
}

TEST_F(RepositoryTest, UpdateChecksTheVersionAndAudits) {
  ASSERT_TRUE(create("organizations", {{"id", "o1"}, {"name", "甲"}, {"source", "s"}, {"kind", "enterprise"}}).ok());
  auto first = update("organizations", "o1", {{"employees", 5}}, 1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.value()["version"], 2);
  auto stale = update("organizations", "o1", {{"employees", 6}}, 1);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
  EXPECT_EQ(get_record(connection(), *find_schema("organizations"), "o1").value()["employees"], 5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_id = 'o1'"), 2);
}

TEST_F(RepositoryTest, ReferencesMustExistAndBeAlive) {
  auto missing = create(
      "spaces", {{"name", "301"}, {"source", "s"}, {"place_id", "nowhere"}, {"area_m2", 50}, {"status", "available"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().fields.at(0).field, "place_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM spaces"), 0);
}

TEST_F(RepositoryTest, DeleteIsSoftAndRefusedWhileReferenced) {
  seed_place();
  ASSERT_TRUE(create("spaces", {{"id", "s1"},
                                {"name", "301"},
                                {"source", "s"},
                                {"place_id", "p1"},
                                {"area_m2", 50},
                                {"status", "available"}})
                  .ok());
  Status refused = store::in_write_transaction(
      connection(), [&] { return delete_record(connection(), *find_schema("places"), "p1", std::nullopt, {"test"}); });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store::in_write_transaction(connection(), [&] {
                return delete_record(connection(), *find_schema("spaces"), "s1", std::nullopt, {"test"});
              }).ok());
  EXPECT_EQ(get_record(connection(), *find_schema("spaces"), "s1").error().code, ErrorCode::kGone);
  EXPECT_EQ(count("SELECT COUNT(*) FROM spaces WHERE deleted_at IS NOT NULL"), 1);
  // The id stays taken.
  auto again = create(
      "spaces",
      {{"id", "s1"}, {"name", "301"}, {"source", "s"}, {"place_id", "p1"}, {"area_m2", 50}, {"status", "available"}});
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(RepositoryTest, DeleteIsRefusedWhileAListOfIdsNamesTheRecord) {
  ASSERT_TRUE(create("departments", {{"id", "d1"}, {"name", "科委"}, {"source", "s"}, {"kind", "department"}}).ok());
  ASSERT_TRUE(create("plans", {{"id", "p1"}, {"name", "方案"}, {"source", "s"}}).ok());
  ASSERT_TRUE(create("tasks", {{"id", "t1"},
                               {"name", "任务"},
                               {"source", "s"},
                               {"plan_id", "p1"},
                               {"kind", "action"},
                               {"lead_department_ids", {"d1"}}})
                  .ok());
  auto remove = [&](const char* resource, const char* id) {
    return store::in_write_transaction(
        connection(), [&] { return delete_record(connection(), *find_schema(resource), id, std::nullopt, {"test"}); });
  };
  Status refused = remove("departments", "d1");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("1 tasks"), std::string::npos) << refused.error().message;
  ASSERT_TRUE(remove("tasks", "t1").ok());
  EXPECT_TRUE(remove("departments", "d1").ok());
}

TEST_F(RepositoryTest, TimestampsComeFromTheApplicationsClock) {
  clock_->set(std::chrono::sys_days{std::chrono::year{2025} / 3 / 1} + std::chrono::hours{8});
  ASSERT_TRUE(create("departments", {{"id", "d1"}, {"name", "科委"}, {"source", "s"}, {"kind", "department"}}).ok());
  clock_->advance(std::chrono::hours{24});
  ASSERT_TRUE(update("departments", "d1", {{"short_name", "科委"}}, 1).ok());
  const Json record = get_record(connection(), *find_schema("departments"), "d1").value();
  EXPECT_EQ(record["created_at"], "2025-03-01T08:00:00.000Z");
  EXPECT_EQ(record["updated_at"], "2025-03-02T08:00:00.000Z");
}

TEST_F(RepositoryTest, ListFiltersSortsAndPages) {
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(create("organizations", {{"id", "o" + std::to_string(i)},
                                         {"name", "企业" + std::to_string(i)},
                                         {"source", "s"},
                                         {"kind", i % 2 ? "enterprise" : "investor"},
                                         {"employees", i * 10},
                                         {"sectors", {i < 3 ? "集成电路" : "文创"}}})
                    .ok());
  }
  const ResourceSchema& orgs = *find_schema("organizations");
  ListQuery query;
  query.filters = {{"kind", "enterprise"}};
  query.sort = "-employees";
  query.limit = 2;
  auto page = list_records(connection(), orgs, query);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 3);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0]["id"], "o5");
  EXPECT_EQ(page->items[1]["id"], "o3");
  ASSERT_TRUE(page->next_offset.has_value());
  query.offset = *page->next_offset;
  auto last = list_records(connection(), orgs, query);
  ASSERT_EQ(last->items.size(), 1u);
  EXPECT_EQ(last->items[0]["id"], "o1");
  EXPECT_FALSE(last->next_offset.has_value());

  ListQuery by_sector;
  by_sector.filters = {{"sectors", "集成电路"}, {"employees_min", "10"}};
  EXPECT_EQ(list_records(connection(), orgs, by_sector)->total, 2);

  ListQuery bad;
  bad.filters = {{"revenue", "1"}};
  EXPECT_EQ(list_records(connection(), orgs, bad).error().code, ErrorCode::kMalformed);
  bad.filters = {{"kind", "cooperative"}};
  EXPECT_EQ(list_records(connection(), orgs, bad).error().code, ErrorCode::kMalformed);
  ListQuery bad_sort;
  bad_sort.sort = "uscc; DROP TABLE organizations";
  EXPECT_EQ(list_records(connection(), orgs, bad_sort).error().code, ErrorCode::kMalformed);
}

TEST_F(RepositoryTest, ListsTakeAnyOfSeveralValuesAndRangesOfSortableText) {
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(create("organizations", {{"id", "o" + std::to_string(i)},
                                         {"name", "企业" + std::to_string(i)},
                                         {"source", "s"},
                                         {"kind", i < 2   ? "enterprise"
                                                  : i < 4 ? "investor"
                                                          : "university"}})
                    .ok());
  }
  const ResourceSchema& orgs = *find_schema("organizations");
  ListQuery either;
  either.filters = {{"kind", "enterprise,university"}};
  EXPECT_EQ(list_records(connection(), orgs, either)->total, 4);
  either.filters = {{"kind", "enterprise,cooperative"}};
  EXPECT_EQ(list_records(connection(), orgs, either).error().code, ErrorCode::kMalformed);
  either.filters = {{"kind", "enterprise,"}};
  EXPECT_EQ(list_records(connection(), orgs, either).error().code, ErrorCode::kMalformed);

  // Sortable text compares as text: names here, times in UTC as the server writes them elsewhere.
  ListQuery range;
  range.filters = {{"name_min", "企业2"}, {"name_max", "企业4"}};
  auto page = list_records(connection(), orgs, range);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->total, 3);
  // Text that is not sortable has no range.
  range.filters = {{"source_min", "s"}};
  EXPECT_EQ(list_records(connection(), orgs, range).error().code, ErrorCode::kMalformed);
}

TEST_F(RepositoryTest, SearchMatchesPartsOfNames) {
  ASSERT_TRUE(
      create("organizations",
             {{"name", "上海矽睿科技"}, {"name_en", "QST Corporation"}, {"source", "s"}, {"kind", "enterprise"}})
          .ok());
  ListQuery query;
  query.filters = {{"q", "矽睿"}};
  EXPECT_EQ(list_records(connection(), *find_schema("organizations"), query)->total, 1);
  query.filters = {{"q", "qst"}};
  EXPECT_EQ(list_records(connection(), *find_schema("organizations"), query)->total, 1);
  query.filters = {{"q", "100%"}};
  EXPECT_EQ(list_records(connection(), *find_schema("organizations"), query)->total, 0);
}

TEST_F(RepositoryTest, UsccIsUniqueAmongLiveOrganizations) {
  ASSERT_TRUE(
      create("organizations", {{"name", "甲"}, {"source", "s"}, {"kind", "enterprise"}, {"uscc", "91350100M000100Y43"}})
          .ok());
  auto clash = create("organizations",
                      {{"name", "乙"}, {"source", "s"}, {"kind", "enterprise"}, {"uscc", "91350100M000100Y43"}});
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, ErrorCode::kConflict);
  EXPECT_EQ(clash.error().fields.at(0).field, "uscc");
}

TEST_F(RepositoryTest, PipelineChangesAreDatedAndChecked) {
  ASSERT_TRUE(
      create("organizations",
             {{"id", "o1"}, {"name", "甲"}, {"source", "s"}, {"kind", "enterprise"}, {"pipeline_status", "target"}})
          .ok());
  auto change = [&](const Json& body) {
    std::optional<Result<Json>> result;
    (void)store::in_write_transaction(connection(), [&]() -> Status {
      result = change_lifecycle_status(connection(), *find_schema("organizations"), "o1", body, std::nullopt, {"test"});
      return result->ok() ? ok_status() : Status(result->error());
    });
    return *result;
  };
  EXPECT_FALSE(change({{"status", "landed"}}).ok());
  EXPECT_FALSE(change({{"status", "negotiating"}, {"date", "2999-01-01"}}).ok());
  ASSERT_TRUE(change({{"status", "negotiating"}, {"date", "2024-05-01"}, {"note", "首次洽谈"}}).ok());
  ASSERT_TRUE(change({{"status", "landed"}, {"date", "2024-09-01"}}).ok());
  auto history = lifecycle_history(connection(), *find_schema("organizations")->lifecycle, "o1");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[1]["occurred_on"], "2024-05-01");
  EXPECT_EQ((*history)[1]["note"], "首次洽谈");
  EXPECT_EQ((*history)[2]["from_status"], "negotiating");
  EXPECT_EQ(get_record(connection(), *find_schema("organizations"), "o1").value()["pipeline_status"], "landed");
}

TEST_F(RepositoryTest, AreasCannotBecomeTheirOwnAncestor) {
  ASSERT_TRUE(create("areas", {{"id", "a"}, {"name", "甲"}, {"source", "s"}, {"kind", "district"}}).ok());
  ASSERT_TRUE(
      create("areas", {{"id", "b"}, {"name", "乙"}, {"source", "s"}, {"kind", "theme_block"}, {"parent_id", "a"}})
          .ok());
  auto cycle = update("areas", "a", {{"parent_id", "b"}}, 1);
  ASSERT_FALSE(cycle.ok());
  EXPECT_EQ(cycle.error().fields.at(0).field, "parent_id");
}

}  // namespace
}  // namespace alley::records
