#pragma once
// A fresh migrated SQLite database in a temporary folder, for unit tests of
// code that talks to the store.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "store/database.h"

namespace alley::testing {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  store::Connection& connection() { return **lease_; }
  std::string url() const { return "sqlite:" + (folder_ / "test.db").string(); }

  std::filesystem::path folder_;
  std::shared_ptr<store::Database> database_;
  std::unique_ptr<store::Database::Lease> lease_;
};

}  // namespace alley::testing
