#include "records/table_io.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_catalog.h"

namespace alley::records {

TEST(TableIo, CsvRoundTripKeepsTypes) {
  const ResourceSchema& orgs = testing::test_schema("organizations");
  Json records = Json::array();
  records.push_back({{"id", "o1"},
                     {"name", "甲, \"引号\"公司"},
                     {"source", "s"},
                     {"kind", "enterprise"},
                     {"sectors", {"集成电路", "人工智能"}},
                     {"employees", 12},
                     {"rd_ratio", 0.125},
                     {"high_growth", true},
                     {"description", "第一行\n第二行"}});
  const std::string csv = records_to_csv(orgs, records);
  auto parsed = csv_to_records(orgs, csv);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_EQ(parsed->size(), 1u);
  const Json& back = (*parsed)[0];
  for (const char* field : {"id", "name", "sectors", "employees", "rd_ratio", "high_growth", "description"}) {
    EXPECT_EQ(back[field], records[0][field]) << field;
  }
  EXPECT_FALSE(back.contains("uscc"));
}

TEST(TableIo, ReportsBrokenCsvWithItsLine) {
  const ResourceSchema& orgs = testing::test_schema("organizations");
  auto unterminated = csv_to_records(orgs, "id,name\no1,\"unfinished\n");
  ASSERT_FALSE(unterminated.ok());
  EXPECT_NE(unterminated.error().message.find("line 2"), std::string::npos) << unterminated.error().message;
  auto unknown = csv_to_records(orgs, "id,colour\no1,red\n");
  EXPECT_NE(unknown.error().message.find("colour"), std::string::npos);
  auto ragged = csv_to_records(orgs, "id,name\no1,甲,extra\n");
  EXPECT_FALSE(ragged.ok());
}

TEST(TableIo, LeavesBadNumbersForValidationToReport) {
  auto parsed = csv_to_records(testing::test_schema("organizations"), "\xEF\xBB\xBFid,employees\no1,many\n");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ((*parsed)[0]["employees"], "many");
}

TEST(TableIo, TextThatLooksLikeAFormulaIsWrittenAsTextAndReadBack) {
  const ResourceSchema& orgs = testing::test_schema("organizations");
  Json records = Json::array();
  records.push_back({{"id", "o1"},
                     {"name", "=HYPERLINK(\"http://x\",\"点我\")"},
                     {"source", "+1"},
                     {"kind", "enterprise"},
                     {"address", "@SUM(A1)"},
                     {"description", "-2+3"},
                     {"sectors", {"=1+1", "芯片"}},
                     {"employees", 12},
                     {"rd_ratio", 0.5}});
  const std::string csv = records_to_csv(orgs, records);
  for (const char* cell : {"\"'=HYPERLINK", ",'+1,", ",'@SUM", ",'-2+3", ",'=1+1;芯片"}) {
    EXPECT_NE(csv.find(cell), std::string::npos) << cell << " in " << csv;
  }
  auto parsed = csv_to_records(orgs, csv);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  for (const char* field : {"name", "source", "address", "description", "sectors", "employees"}) {
    EXPECT_EQ((*parsed)[0][field], records[0][field]) << field;
  }
}

TEST(TableIo, RefusesCsvThatIsNotUtf8AndSaysWhere) {
  // "华阳" in GBK on the third line.
  auto parsed = csv_to_records(testing::test_schema("organizations"), "id,name\no1,甲\no2,\xBB\xAA\xD1\xF4\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kMalformed);
  EXPECT_NE(parsed.error().message.find("line 3"), std::string::npos) << parsed.error().message;
  EXPECT_NE(parsed.error().message.find("UTF-8"), std::string::npos);
}

}  // namespace alley::records
