#include "search/chinese_script.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace alley::search {
namespace {

const ChineseScript& script() {
  static const std::shared_ptr<const ChineseScript> loaded = [] {
    auto result = ChineseScript::load(ChineseScript::default_data_dir());
    if (!result) throw std::runtime_error(result.error().message);
    return result.value();
  }();
  return *loaded;
}

}  // namespace

TEST(ChineseScript, ConvertsBothWays) {
  EXPECT_EQ(script().to_traditional("上海硅巷科创街区", TraditionalUsage::kTaiwan), "上海硅巷科創街區");
  EXPECT_EQ(script().to_simplified("創新", TraditionalUsage::kTaiwan), "创新");
  EXPECT_EQ(script().to_simplified("長寧區科學技術委員會", TraditionalUsage::kHongKong), "长宁区科学技术委员会");
}

TEST(ChineseScript, WritesEachRegionsOwnForms) {
  // OpenCC's generic Traditional writes 爲 and 裏; Taiwan writes 為 and 裡, Hong Kong 為, 裏 and 台.
  EXPECT_EQ(script().to_traditional("为企业提供平台服务，园区里", TraditionalUsage::kTaiwan),
            "為企業提供平臺服務，園區裡");
  EXPECT_EQ(script().to_traditional("为企业提供平台服务，园区里", TraditionalUsage::kHongKong),
            "為企業提供平台服務，園區裏");
}

TEST(ChineseScript, WhatIsReadComesBackUnchangedWhenSaved) {
  // Proper names keep their characters: no regional vocabulary on the way out.
  for (const char* text : {"上海硅巷科创街区", "矽睿科技", "软件信息服务业", "为企业提供平台服务，园区里的着力点"}) {
    for (TraditionalUsage usage : {TraditionalUsage::kTaiwan, TraditionalUsage::kHongKong}) {
      EXPECT_EQ(script().to_simplified(script().to_traditional(text, usage), usage), text) << text;
    }
  }
}

TEST(ChineseScript, SearchFoldsRegionalVocabulary) {
  EXPECT_EQ(script().search_form("軟體"), script().search_form("软件"));
  EXPECT_EQ(script().search_form("矽巷"), "硅巷");
  EXPECT_EQ(script().search_form("爲"), "为");
}

TEST(ChineseScript, LeavesLatinAndStructureAlone) {
  EXPECT_EQ(script().to_traditional(R"({"id":"qst","name":"矽睿科技"})", TraditionalUsage::kTaiwan),
            R"({"id":"qst","name":"矽睿科技"})");
  EXPECT_EQ(script().to_traditional(R"({"name":"新微智谷"})", TraditionalUsage::kHongKong), R"({"name":"新微智谷"})");
  EXPECT_EQ(script().to_traditional("QST Corporation", TraditionalUsage::kTaiwan), "QST Corporation");
}

TEST(ChineseScript, AFolderWithoutTheConfigurationsIsAClearError) {
  const std::filesystem::path empty = std::filesystem::temp_directory_path() / "alley-no-opencc";
  std::filesystem::create_directories(empty);
  auto result = ChineseScript::load(empty.string());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(result.error().message.find("s2tw.json"), std::string::npos) << result.error().message;
  EXPECT_NE(result.error().message.find("ALLEY_OPENCC_DIR"), std::string::npos);
}

}  // namespace alley::search
