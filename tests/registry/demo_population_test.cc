#include "registry/demo_population.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "records/pack_loader.h"
#include "store/migrations.h"
#include "support/store_fixture.h"

namespace alley::registry {
namespace {

class DemoTest : public testing::StoreTest {
 protected:
  // Loads the pack and the demo into `connection` and returns the organizations.
  Json populate(store::Connection& connection) {
    EXPECT_TRUE(store::in_write_transaction(connection, [&]() -> Status {
                  auto pack = records::load_pack(connection, registry_schemas(),
                                                 records::find_pack("silicon-alley").value(), nullptr);
                  if (!pack) return pack.error();
                  auto demo = add_demo_population(connection, app().catalog());
                  if (!demo) return demo.error();
                  return ok_status();
                }).ok());
    records::ListQuery query;
    query.limit = records::kMaxPageSize;
    query.filters = {{"synthetic", "true"}};
    Json items = Json::array();
    while (true) {
      auto page = records::list_records(connection, *find_schema("organizations"), query);
      for (auto& item : page->items) {
        item.erase("created_at");
        item.erase("updated_at");
        items.push_back(item);
      }
      if (!page->next_offset) return items;
      query.offset = *page->next_offset;
    }
  }
};

TEST_F(DemoTest, AboutSixHundredLabelledEnterprisesWithRealisticSpread) {
  const Json organizations = populate(connection());
  EXPECT_EQ(organizations.size(), 600u);
  std::map<std::string, int> sectors, statuses, tiers;
  for (const Json& org : organizations) {
    EXPECT_EQ(org["source"], "synthetic");
    EXPECT_NE(org["name"].get<std::string>().find("示例"), std::string::npos);
    EXPECT_NE(org["name_en"].get<std::string>().find("synthetic"), std::string::npos);
    ++sectors[org["sectors"][0].get<std::string>()];
    ++statuses[org["pipeline_status"].get<std::string>()];
    ++tiers[org["tier"].get<std::string>()];
  }
  EXPECT_GE(sectors.size(), 8u);
  EXPECT_EQ(statuses.size(), 4u);
  EXPECT_GT(statuses["landed"], statuses["target"]);
  EXPECT_GT(tiers["startup"], tiers["leading"]);
  auto vacant = connection().query("SELECT COUNT(*) FROM spaces WHERE status = 'available' AND synthetic = 1");
  EXPECT_GT(store::as_integer(vacant->rows[0][0]).value(), 0);
  auto talents = connection().query("SELECT COUNT(*) FROM talents WHERE synthetic = 1");
  EXPECT_GT(store::as_integer(talents->rows[0][0]).value(), 0);
}

TEST_F(DemoTest, IsDeterministic) {
  const Json first = populate(connection());
  auto other = store::Database::open("sqlite:" + (folder_ / "other.db").string(), 1);
  ASSERT_TRUE(other.ok());
  auto lease = other.value()->acquire();
  ASSERT_TRUE(store::migrate(*lease.value(), app().catalog().migrations()).ok());
  const Json second = populate(*lease.value());
  EXPECT_EQ(first, second);
}

TEST_F(DemoTest, RefusesToAddItselfTwice) {
  populate(connection());
  Status again = store::in_write_transaction(connection(), [&]() -> Status {
    auto demo = add_demo_population(connection(), app().catalog());
    return demo ? ok_status() : Status(demo.error());
  });
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

}  // namespace
}  // namespace alley::registry
