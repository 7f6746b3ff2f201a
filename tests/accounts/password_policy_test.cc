#include "accounts/password_policy.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "accounts/common_passwords.h"
#include "accounts/credentials.h"

namespace alley::accounts {
namespace {

// The rule a refusal names, by its English words.
std::string refusal(std::string_view password, std::string_view username = "wang") {
  return password_problem(password, username).value_or("accepted");
}

std::string repeated(std::string_view unit, int times) {
  std::string text;
  for (int i = 0; i < times; ++i) text += unit;
  return text;
}

TEST(PasswordPolicy, LengthIsCountedInCharactersNotBytes) {
  EXPECT_EQ(refusal("k7#mQ2vL9x"), "accepted") << "ten characters";
  EXPECT_NE(refusal("k7#mQ2vL9").find("at least 10 characters"), std::string::npos);
  // Nine Chinese characters are 27 bytes, still too short; ten are enough.
  EXPECT_NE(refusal("硅巷的创新街区很美").find("at least 10 characters"), std::string::npos);
  EXPECT_EQ(refusal("硅巷创新街区真的很美"), "accepted");
  EXPECT_EQ(refusal(repeated("硅巷", 128)), "accepted") << "256 characters, 768 bytes";
  EXPECT_NE(refusal(repeated("硅巷", 128) + "区").find("at most 256 characters"), std::string::npos);
  EXPECT_EQ(refusal("correct horse battery staple"), "accepted");
  EXPECT_EQ(refusal("a-good-passw0rd"), "accepted");
}

TEST(PasswordPolicy, OnlyValidUtf8) {
  EXPECT_NE(refusal("abcdefghij\xff").find("not valid UTF-8"), std::string::npos);
  EXPECT_NE(refusal("abcdefghij\xc0\xae").find("not valid UTF-8"), std::string::npos) << "an overlong '.'";
  EXPECT_NE(refusal("abcdefghij\xe7\xa1").find("not valid UTF-8"), std::string::npos) << "a cut-off character";
}

TEST(PasswordPolicy, NotTheUserNameInAnyCase) {
  EXPECT_NE(refusal("wangwangwang").find("user name"), std::string::npos);
  EXPECT_NE(refusal("my-wang-secret").find("user name"), std::string::npos);
  EXPECT_NE(refusal("My-WANG-secret").find("user name"), std::string::npos);
  EXPECT_EQ(refusal("my-wang-secret", "li"), "accepted");
  EXPECT_EQ(refusal("my-wang-secret", ""), "accepted") << "no name, nothing to compare";
}

TEST(PasswordPolicy, NotOneCharacterRepeated) {
  EXPECT_NE(refusal("zzzzzzzzzzzz").find("one character repeated"), std::string::npos);
  EXPECT_NE(refusal(repeated("哈", 12)).find("one character repeated"), std::string::npos);
  EXPECT_NE(refusal(repeated("😀", 10)).find("one character repeated"), std::string::npos);
  EXPECT_EQ(refusal(repeated("哈", 11) + "!"), "accepted");
}

TEST(PasswordPolicy, NotACommonPasswordNorOneWithDigitsOrPunctuationAdded) {
  for (const char* common : {"1234567890", "Password1234", "password123", "PASSWORD1234", "qwerty123456",
                             "Password1234!", "iloveyou2024", "Dragon 2024!!", "michael12345", "baseball2025"}) {
    EXPECT_NE(refusal(common).find("too common"), std::string::npos) << common;
  }
  // A common word inside a longer password is no longer the common password.
  EXPECT_EQ(refusal("password-of-the-district"), "accepted");
  EXPECT_EQ(refusal("2024password"), "accepted") << "only what is added at the end is taken off";
}

TEST(PasswordPolicy, TheListIsFoundAndMatchesWithoutCase) {
  ASSERT_TRUE(load_common_passwords().ok()) << load_common_passwords().error().message;
  EXPECT_TRUE(is_common_password("qwerty").value());
  EXPECT_TRUE(is_common_password("QwErTy").value());
  EXPECT_FALSE(is_common_password("硅巷创新街区真的很美").value());
  EXPECT_FALSE(is_common_password("").value());
}

TEST(PasswordPolicy, TheListCanBeMovedWithAnEnvironmentVariable) {
  ::setenv("ALLEY_PASSWORDS_DIR", "/srv/alley/passwords", 1);
  const auto folders = common_password_search_path();
  ::unsetenv("ALLEY_PASSWORDS_DIR");
  ASSERT_FALSE(folders.empty());
  EXPECT_EQ(folders.front(), "/srv/alley/passwords");
}

TEST(PasswordPolicy, GeneratedPasswordsPass) {
  for (const char* name : {"admin", "wang", "li", "a", "k", ""}) {
    for (int i = 0; i < 50; ++i) {
      const std::string password = generated_password(name);
      EXPECT_EQ(password_problem(password, name), std::nullopt) << password << " for " << name;
      EXPECT_EQ(password.size(), 19u) << password;
    }
  }
}

}  // namespace
}  // namespace alley::accounts
