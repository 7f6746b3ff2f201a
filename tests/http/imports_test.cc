// Importing from spreadsheets: the template a person downloads, filled and
// saved by LibreOffice as XLSX, checked and then imported all or none; a
// sheet with one faulty row imports nothing and says which row and field.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "support/api_test.h"
#include "support/office.h"

namespace alley::testing {
namespace {

class Imports : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_alley({"init", "--db", dir_.db_url()}).exit_code, 0);
    const auto tokens = add_users_by_role(dir_.db_url(), {{"qst-user", "--role", "enterprise", "--org", "qst"}});
    firm_ = {{"Authorization", tokens.at("enterprise")}};
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--db", dir_.db_url()});
  }
  int port() const { return server_->port(); }

  // `csv` saved by LibreOffice as a workbook; its bytes.
  std::string workbook_from(const std::string& name, const std::string& csv) {
    const auto file = dir_.path() / (name + ".csv");
    std::ofstream(file, std::ios::binary) << csv;
    const std::string log = libreoffice_convert(dir_.path(), file, "xlsx", "CSV:44,34,76,1");
    const std::string bytes = read_whole_file(dir_.path() / (name + ".xlsx"));
    EXPECT_TRUE(bytes.starts_with("PK")) << log;
    return bytes;
  }
  Response upload(const std::string& resource, const std::string& bytes, bool dry_run, const Headers& who = {}) {
    return request(port(), "POST", "/api/v1/" + resource + "/imports?dry_run=" + (dry_run ? "true" : "false"), bytes,
                   who);
  }

  TempDir dir_;
  Headers firm_;
  std::unique_ptr<ServerProcess> server_;
};

// The titles of the template's columns, as LibreOffice reads its first sheet.
TEST_F(Imports, TheTemplateOpensInLibreOfficeWithTitledColumnsAndAGuide) {
  Response workbook = request(port(), "GET", "/api/v1/organizations/import-template.xlsx");
  ASSERT_EQ(workbook.status, 200) << workbook.body;
  EXPECT_NE(workbook.header("content-disposition").find("filename*=UTF-8''"), std::string::npos);
  const auto file = dir_.path() / "template.xlsx";
  std::ofstream(file, std::ios::binary) << workbook.body;
  const std::string log = libreoffice_sheets_to_csv(dir_.path(), file);
  const std::string records = read_whole_file(dir_.path() / "template-组织机构.csv");
  const std::string guide = read_whole_file(dir_.path() / "template-填写说明.csv");
  ASSERT_FALSE(records.empty()) << log;
  for (const char* title : {"名称 *", "类别 *", "来源 *", "统一社会信用代码", "所在场所", "培育梯度"})
    EXPECT_NE(records.find(title), std::string::npos) << title << " is not a column: " << records;
  EXPECT_EQ(records.find("synthetic"), std::string::npos) << "an import brings real records";
  EXPECT_EQ(records.find("name_en"), std::string::npos) << "columns are titled by label, not field name";
  ASSERT_FALSE(guide.empty()) << log;
  for (const char* hint : {"填写场所的名称或编号", "企业；科研院所", "整数，1800～2100", "是或否"})
    EXPECT_NE(guide.find(hint), std::string::npos) << hint << " is not in the guide: " << guide;

  Response traditional = request(port(), "GET", "/api/v1/organizations/import-template.csv?lang=zh-Hant");
  ASSERT_EQ(traditional.status, 200);
  EXPECT_NE(traditional.body.find("名稱 *"), std::string::npos) << traditional.body;
  Response english = request(port(), "GET", "/api/v1/organizations/import-template.csv?lang=en");
  EXPECT_NE(english.body.find("Kind *"), std::string::npos) << english.body;
}

TEST_F(Imports, AWorkbookSavedByLibreOfficeIsCheckedThenImportedWithNamesForReferences) {
  const std::int64_t before = total_of(port(), "organizations");
  const std::string bytes = workbook_from("good",
                                          "名称 *,类别 *,来源 *,所在场所,行业,成立年份,统一社会信用代码\n"
                                          "导入测试甲公司,企业,2025 年走访台账,新微智谷,集成电路；人工智能,2019,\n"
                                          "导入测试乙研究院,科研院所,2025 年走访台账,,材料,2001,\n");

  Response checked = upload("organizations", bytes, true);
  ASSERT_EQ(checked.status, 200) << checked.body;
  const Json report = json_of(checked);
  EXPECT_EQ(report["counts"]["rows"], 2);
  EXPECT_EQ(report["counts"]["invalid"], 0) << report.dump(1);
  EXPECT_FALSE(report["kept"]);
  EXPECT_EQ(report["rows"][0]["row"], 2) << "rows are numbered as the spreadsheet shows them";
  EXPECT_EQ(report["rows"][0]["cells"]["place_id"], "新微智谷");
  EXPECT_EQ(total_of(port(), "organizations"), before) << "a check keeps nothing";

  Response imported = upload("organizations", bytes, false);
  ASSERT_EQ(imported.status, 201) << imported.body;
  const Json kept = json_of(imported);
  EXPECT_TRUE(kept["kept"]);
  EXPECT_EQ(total_of(port(), "organizations"), before + 2);
  ASSERT_TRUE(kept["rows"][0]["id"].is_string()) << kept.dump(1);
  const Json firm =
      json_of(request(port(), "GET", "/api/v1/organizations/" + kept["rows"][0]["id"].get<std::string>()));
  EXPECT_EQ(firm["name"], "导入测试甲公司");
  EXPECT_EQ(firm["kind"], "enterprise") << "a choice given by its label";
  EXPECT_EQ(firm["place_id"], "xinwei-zhigu") << "a reference given by name";
  EXPECT_EQ(firm["sectors"], Json({"集成电路", "人工智能"}));
  EXPECT_EQ(firm["founded_year"], 2019);
  EXPECT_EQ(firm["source"], "2025 年走访台账");
  EXPECT_EQ(firm["synthetic"], false);
}

TEST_F(Imports, OneFaultyRowImportsNothingAndSaysWhichRowAndField) {
  const std::int64_t before = total_of(port(), "organizations");
  const std::string bytes = workbook_from("bad",
                                          "名称 *,类别 *,来源 *,所在场所,成立年份\n"
                                          "导入测试丙公司,企业,台账,,2020\n"
                                          "导入测试丁公司,企业,台账,不存在的楼宇,1700\n"
                                          "导入测试戊公司,火星企业,台账,,2021\n");
  Response refused = upload("organizations", bytes, false);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(refused.header("content-type").starts_with("application/problem+json"));
  const Json report = json_of(refused);
  EXPECT_FALSE(report["kept"]);
  EXPECT_EQ(report["counts"]["invalid"], 2);
  std::map<std::int64_t, std::set<std::string>> faults;
  for (const Json& row : report["rows"]) {
    for (const Json& error : row["errors"]) faults[row["row"].get<std::int64_t>()].insert(error["field"]);
    EXPECT_FALSE(row.contains("id")) << "nothing was kept";
  }
  EXPECT_TRUE(faults[2].empty());
  EXPECT_EQ(faults[3], std::set<std::string>({"place_id"})) << report.dump(1);
  EXPECT_EQ(faults[4], std::set<std::string>({"kind"})) << report.dump(1);
  EXPECT_EQ(total_of(port(), "organizations"), before);

  // The year is refused once the place is known: every fault of a row is told in turn.
  const std::string mended = workbook_from("mended",
                                           "名称 *,类别 *,来源 *,所在场所,成立年份\n"
                                           "导入测试丙公司,企业,台账,,2020\n"
                                           "导入测试丁公司,企业,台账,新微智谷,1990\n"
                                           "导入测试戊公司,企业,台账,,2021\n");
  ASSERT_EQ(upload("organizations", mended, false).status, 201);
  EXPECT_EQ(total_of(port(), "organizations"), before + 3);
}

TEST_F(Imports, AnAreaMayComeBeforeItsParentAndACsvImportsTheSame) {
  const std::int64_t before = total_of(port(), "areas");
  const std::string csv =
      "名称 *,类别 *,来源 *,上级\n"
      "导入测试网格,grid_cell,网格台账,导入测试街区\n"
      "导入测试街区,theme_block,网格台账,\n";
  Response imported = upload("areas", csv, false);
  ASSERT_EQ(imported.status, 201) << imported.body;
  EXPECT_EQ(total_of(port(), "areas"), before + 2);
}

TEST_F(Imports, BadFilesAndUsersWhoMayNotCreateAreRefusedAndChangeNothing) {
  const std::int64_t before = total_of(port(), "organizations");
  const std::string good = "名称 *,类别 *,来源 *\n导入测试己公司,企业,台账\n";
  EXPECT_EQ(upload("organizations", good, false, firm_).status, 403) << "an enterprise does not import the registry";
  EXPECT_EQ(upload("organizations", good, false, {kAnonymousMarker}).status, 401);
  EXPECT_EQ(upload("organizations", "", false).status, 400);
  EXPECT_EQ(upload("organizations", "PK\x03\x04 not really a zip", false).status, 400);
  EXPECT_EQ(upload("organizations", "\xFF\xFE\x00 binary", false).status, 400);
  EXPECT_EQ(upload("organizations", "colour,name\nred,甲\n", false).status, 400) << "an unknown column";
  EXPECT_EQ(upload("organizations", "名称 *,类别 *,来源 *\n", false).status, 422) << "no rows";
  EXPECT_EQ(request(port(), "POST", "/api/v1/organizations/imports?dry_run=maybe", good).status, 400);
  const std::string workbook = workbook_from("cut", good);
  EXPECT_EQ(upload("organizations", workbook.substr(0, workbook.size() / 2), false).status, 400) << "a cut workbook";
  EXPECT_EQ(request(port(), "POST", "/api/v1/organizations/imports", std::string(17u << 20, 'a')).status, 413);
  EXPECT_EQ(total_of(port(), "organizations"), before);
  Response alive = request(port(), "GET", "/healthz");
  EXPECT_EQ(alive.status, 200);
}

TEST_F(Imports, TheCommandLineImportsAWorkbookAllOrNone) {
  server_.reset();
  const std::string bad =
      workbook_from("cli-bad", "名称 *,类别 *,来源 *\n命令行导入甲,企业,台账\n命令行导入乙,不知道,台账\n");
  const auto bad_file = dir_.path() / "cli-bad.xlsx";
  CommandResult refused = run_alley({"import", "organizations", bad_file.string(), "--db", dir_.db_url()});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("row 3, kind"), std::string::npos) << refused.err;
  workbook_from("cli-good", "名称 *,类别 *,来源 *\n命令行导入甲,企业,台账\n命令行导入乙,企业,台账\n");
  CommandResult imported =
      run_alley({"import", "organizations", (dir_.path() / "cli-good.xlsx").string(), "--db", dir_.db_url()});
  EXPECT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.err.find("imported 2 organizations"), std::string::npos) << imported.err;
}

}  // namespace
}  // namespace alley::testing
