#include "registry/uscc.h"

#include <gtest/gtest.h>

#include "registry/demo_population.h"

namespace alley::registry {

// A code with a correct check character, as printed in the GB 32100-2015 examples.
constexpr const char* kValid = "91350100M000100Y43";

TEST(Uscc, AcceptsAValidCode) { EXPECT_EQ(uscc_problem(kValid), std::nullopt); }

TEST(Uscc, ComputesTheCheckCharacter) { EXPECT_EQ(uscc_check_character("91350100M000100Y4"), '3'); }

TEST(Uscc, RejectsAWrongCheckCharacterAndSaysWhichItShouldBe) {
  auto problem = uscc_problem("91350100M000100Y44");
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("校验位"), std::string::npos) << *problem;
  EXPECT_NE(problem->find("3"), std::string::npos) << *problem;
}

TEST(Uscc, RejectsWrongLengthAndForbiddenLetters) {
  EXPECT_NE(uscc_problem("91350100M000100Y4"), std::nullopt);
  EXPECT_NE(uscc_problem(""), std::nullopt);
  // I, O, S, V and Z are not in the alphabet; lower case neither.
  EXPECT_NE(uscc_problem("91350100M000100YI3"), std::nullopt);
  EXPECT_NE(uscc_problem("91350100m000100Y43"), std::nullopt);
  // Positions 3–8 are a region code.
  EXPECT_NE(uscc_problem("913A0100M000100Y43"), std::nullopt);
}

TEST(Uscc, EverySingleCharacterChangeIsCaught) {
  const std::string valid = kValid;
  const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  for (std::size_t position = 8; position < 17; ++position) {
    for (char replacement : alphabet) {
      if (replacement == valid[position]) continue;
      std::string changed = valid;
      changed[position] = replacement;
      EXPECT_NE(uscc_problem(changed), std::nullopt) << changed;
    }
  }
}

TEST(Uscc, SyntheticCodesAreValid) {
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    const std::string code = synthetic_uscc(seed);
    EXPECT_EQ(uscc_problem(code), std::nullopt) << code;
  }
}

}  // namespace alley::registry
