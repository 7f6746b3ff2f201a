#include "search/chinese_script.h"

#include <gtest/gtest.h>

namespace alley::search {

TEST(ChineseScript, ConvertsBothWays) {
  EXPECT_EQ(to_traditional("上海硅巷科创街区"), "上海硅巷科創街區");
  EXPECT_EQ(to_simplified("創新"), "创新");
  EXPECT_EQ(to_simplified("長寧區科學技術委員會"), "长宁区科学技术委员会");
}

TEST(ChineseScript, LeavesLatinAndStructureAlone) {
  EXPECT_EQ(to_traditional(R"({"id":"qst","name":"矽睿科技"})"), R"({"id":"qst","name":"矽睿科技"})");
  EXPECT_EQ(to_traditional(R"({"name":"新微智谷"})"), R"({"name":"新微智谷"})");
  EXPECT_EQ(to_traditional("QST Corporation"), "QST Corporation");
}

}  // namespace alley::search
