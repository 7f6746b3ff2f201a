#include "http/query_string.h"

#include <gtest/gtest.h>

#include "core/utf8.h"

namespace alley::http {

TEST(QueryString, DecodesChineseAndPlus) {
  auto pairs = parse_query("q=%E7%A1%85%E5%B7%B7&sort=-name&a+b=c+d");
  ASSERT_TRUE(pairs.has_value());
  ASSERT_EQ(pairs->size(), 3u);
  EXPECT_EQ((*pairs)[0].second, "硅巷");
  EXPECT_EQ((*pairs)[2].first, "a b");
  EXPECT_EQ((*pairs)[2].second, "c d");
}

TEST(QueryString, RejectsBrokenEscapesAndInvalidUtf8) {
  EXPECT_FALSE(parse_query("q=%E7%A1").has_value());
  EXPECT_FALSE(parse_query("q=%zz").has_value());
  EXPECT_FALSE(parse_query("q=%").has_value());
  EXPECT_FALSE(parse_query("q=%FF").has_value());
}

TEST(QueryString, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("创新 innovation 𠀀"));
  EXPECT_FALSE(is_valid_utf8("\xE5\x88"));
  EXPECT_FALSE(is_valid_utf8("\x80"));
  // Overlong forms ('.' and '/' spelt long), surrogates, beyond U+10FFFF.
  EXPECT_FALSE(is_valid_utf8("\xC0\xAE"));
  EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));
  EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));
  EXPECT_EQ(utf8_length("硅巷 AI"), 5u);
  EXPECT_FALSE(parse_query("q=%C0%AE%C0%AE").has_value());
}

}  // namespace alley::http
