#include "search/cjk_tokens.h"

#include <gtest/gtest.h>

namespace alley::search {
namespace {

std::vector<std::string> texts(const std::vector<QueryToken>& tokens) {
  std::vector<std::string> out;
  for (const QueryToken& token : tokens) out.push_back(token.text + (token.prefix ? "*" : ""));
  return out;
}

}  // namespace

TEST(CjkTokens, IndexesCharactersAndPairs) { EXPECT_EQ(index_tokens("硅巷科创"), "硅 硅巷 巷 巷科 科 科创 创"); }

TEST(CjkTokens, LatinWordsAreLowerCasedAndSeparateFromChinese) {
  EXPECT_EQ(index_tokens("上海硅巷No.1创新空间"), "上 上海 海 海硅 硅 硅巷 巷 no 1 创 创新 新 新空 空 空间 间");
  EXPECT_EQ(index_tokens("Silicon Alley, 35U35"), "silicon alley 35u35");
  EXPECT_EQ(index_tokens("Ｎｏ．１"), "no 1");
}

TEST(CjkTokens, QueriesBecomePairsAndAPrefix) {
  EXPECT_EQ(texts(query_tokens("芯片")), std::vector<std::string>{"芯片"});
  EXPECT_EQ(texts(query_tokens("硅巷科创")), (std::vector<std::string>{"硅巷", "巷科", "科创"}));
  EXPECT_EQ(texts(query_tokens("硅")), std::vector<std::string>{"硅"});
  EXPECT_EQ(texts(query_tokens("Silic")), std::vector<std::string>{"silic*"});
  EXPECT_EQ(texts(query_tokens("silicon 硅巷")), (std::vector<std::string>{"silicon", "硅巷"}));
}

TEST(CjkTokens, NothingToSearchForInPunctuation) {
  EXPECT_TRUE(query_tokens("“”，。!?*\"'()").empty());
  EXPECT_TRUE(query_tokens("").empty());
}

TEST(CjkTokens, BrokenUtf8IsSkipped) { EXPECT_EQ(index_tokens("\xE7\xA1硅巷\xFF"), "硅 硅巷 巷"); }

}  // namespace alley::search
