#pragma once
// A fresh migrated database in a temporary folder (SQLite, or PostgreSQL when
// the suite runs against it; see test_database.h), for unit tests of code that
// talks to the store.

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
  const std::string& url() const { return url_; }

  std::filesystem::path folder_;
  std::string url_;
  std::shared_ptr<store::Database> database_;
  std::unique_ptr<store::Database::Lease> lease_;
};

}  // namespace alley::testing
