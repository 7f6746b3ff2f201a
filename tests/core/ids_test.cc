#include "core/ids.h"

#include <gtest/gtest.h>

#include <set>

namespace alley {

TEST(Ids, AcceptsSlugs) {
  EXPECT_TRUE(is_valid_id("xinwei-zhigu"));
  EXPECT_TRUE(is_valid_id("org_0001"));
  EXPECT_TRUE(is_valid_id(std::string(64, 'a')));
}

TEST(Ids, RejectsAnythingThatCouldLeaveItsPathSegment) {
  for (const char* id : {"", "../etc", "a/b", "a.b", "%2F", "Upper", "-lead", "a b", "a\\b", "空间"}) {
    EXPECT_FALSE(is_valid_id(id)) << id;
  }
  EXPECT_FALSE(is_valid_id(std::string(65, 'a')));
}

TEST(Ids, MintedIdsAreValidAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = new_id("org");
    EXPECT_TRUE(is_valid_id(id)) << id;
    EXPECT_TRUE(id.starts_with("org-"));
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

}  // namespace alley
