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

namespace alley::records {

std::vector<TableRow> sheet(std::vector<std::vector<std::string>> cells) {
  std::vector<TableRow> rows;
  for (std::size_t i = 0; i < cells.size(); ++i) rows.push_back({i + 1, std::move(cells[i])});
  return rows;
}

TEST(SheetRecords, ColumnsAreTitledByLabelInEitherLanguageOrByFieldName) {
  const ResourceSchema& orgs = testing::test_schema("organizations");
  auto read = table_to_records(orgs, sheet({{"名称 *", "Kind *", "high_growth", "行业", "员工人数"},
                                            {"甲", "企业", "是", "集成电路；人工智能、材料", "12"},
                                            {"乙", "Bank", "否", "", "many"}}));
  ASSERT_TRUE(read.ok()) << read.error().message;
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].row, 2u);
  EXPECT_EQ((*read)[0].record["name"], "甲");
  EXPECT_EQ((*read)[0].record["kind"], "enterprise");
  EXPECT_EQ((*read)[0].record["high_growth"], true);
  EXPECT_EQ((*read)[0].record["sectors"], Json({"集成电路", "人工智能", "材料"}));
  EXPECT_EQ((*read)[1].record["kind"], "bank") << "an English label, in any case";
  EXPECT_EQ((*read)[1].record["high_growth"], false);
  EXPECT_FALSE((*read)[1].record.contains("sectors")) << "an empty cell is not known";
  EXPECT_EQ((*read)[1].record["employees"], "many") << "left for validation to refuse";
}

TEST(SheetRecords, ADateMayBeASpreadsheetsDayNumber) {
  const ResourceSchema& tasks = testing::test_schema("tasks");
  auto read = table_to_records(tasks, sheet({{"due_on"}, {"45657"}, {"2025-06-30"}, {"1.5e400"}}));
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ((*read)[0].record["due_on"], "2024-12-31");
  EXPECT_EQ((*read)[1].record["due_on"], "2025-06-30");
  EXPECT_EQ((*read)[2].record["due_on"], "1.5e400") << "no date: left for validation to refuse";
}

TEST(SheetRecords, AnUnknownOrRepeatedColumnIsRefusedAndARowTooLongIsFaulted) {
  const ResourceSchema& orgs = testing::test_schema("organizations");
  auto unknown = table_to_records(orgs, sheet({{"名称", "颜色"}, {"甲", "红"}}));
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("颜色"), std::string::npos);
  EXPECT_NE(unknown.error().message.find("统一社会信用代码"), std::string::npos) << "it lists the titles it takes";
  EXPECT_FALSE(table_to_records(orgs, sheet({{"名称", "name"}, {"甲", "乙"}})).ok());
  auto long_row = table_to_records(orgs, sheet({{"名称"}, {"甲", "多余"}}));
  ASSERT_TRUE(long_row.ok());
  EXPECT_EQ((*long_row)[0].errors.size(), 1u);
}

TEST(SheetRecords, ParentsComeFirstWhetherNamedByIdOrByName) {
  const ResourceSchema& areas = testing::test_schema("areas");
  const Json child = {{"name", "网格"}, {"parent_id", "街区"}};
  const Json parent = {{"name", "街区"}};
  const Json by_id = {{"id", "a3"}, {"name", "片区"}, {"parent_id", "a4"}};
  const Json parent_by_id = {{"id", "a4"}, {"name", "另一街区"}};
  EXPECT_EQ(parents_first_order(areas, {&child, &parent, &by_id, &parent_by_id}),
            std::vector<std::size_t>({1, 3, 0, 2}));
  const Json loop_a = {{"id", "x"}, {"name", "x"}, {"parent_id", "y"}};
  const Json loop_b = {{"id", "y"}, {"name", "y"}, {"parent_id", "x"}};
  EXPECT_EQ(parents_first_order(areas, {&loop_a, &loop_b}), std::vector<std::size_t>({0, 1})) << "a cycle stays";
}

}  // namespace alley::records
