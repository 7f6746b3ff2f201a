#include "core/base64.h"

#include <gtest/gtest.h>

#include <random>

namespace alley {

TEST(Base64, EncodesTheStandardVectors) {
  // RFC 4648 §10.
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, EveryByteStringComesBackUnchanged) {
  std::mt19937 random(7);
  for (std::size_t length = 0; length < 300; ++length) {
    std::string bytes(length, '\0');
    for (char& byte : bytes) byte = char(random() & 255);
    const std::optional<std::string> back = base64_decode(base64_encode(bytes));
    ASSERT_TRUE(back.has_value()) << length;
    EXPECT_EQ(*back, bytes) << length;
  }
}

TEST(Base64, RefusesWhatIsNotPaddedBase64) {
  for (const char* broken : {"Zg=", "Z===", "Zg=a", "Zm9v!A==", "=Zg=", "Zm=v"}) {
    EXPECT_FALSE(base64_decode(broken).has_value()) << broken;
  }
}

}  // namespace alley
