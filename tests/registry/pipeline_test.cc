#include "registry/pipeline.h"

#include <gtest/gtest.h>

namespace alley::registry {

TEST(Pipeline, FollowsTheDocumentedOrder) {
  EXPECT_TRUE(pipeline_transition_allowed("target", "negotiating"));
  EXPECT_TRUE(pipeline_transition_allowed("negotiating", "landed"));
  EXPECT_TRUE(pipeline_transition_allowed("landed", "moved_out"));
}

TEST(Pipeline, AllowsTheTwoWaysBack) {
  EXPECT_TRUE(pipeline_transition_allowed("negotiating", "target"));
  EXPECT_TRUE(pipeline_transition_allowed("moved_out", "target"));
}

TEST(Pipeline, RefusesSkipsAndStandingStill) {
  EXPECT_FALSE(pipeline_transition_allowed("target", "landed"));
  EXPECT_FALSE(pipeline_transition_allowed("target", "moved_out"));
  EXPECT_FALSE(pipeline_transition_allowed("landed", "negotiating"));
  EXPECT_FALSE(pipeline_transition_allowed("landed", "landed"));
  EXPECT_FALSE(pipeline_transition_allowed("landed", "closed"));
}

TEST(Pipeline, AnyStageCanBeTheFirst) {
  for (const std::string& status : pipeline_statuses()) EXPECT_TRUE(pipeline_transition_allowed(std::nullopt, status));
  EXPECT_FALSE(pipeline_transition_allowed(std::nullopt, "unknown"));
}

TEST(Pipeline, ListsWhatComesNext) {
  EXPECT_EQ(pipeline_next_statuses(std::string_view("negotiating")), (std::vector<std::string>{"target", "landed"}));
}

}  // namespace alley::registry
