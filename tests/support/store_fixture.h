#pragma once
// A fresh migrated database in a temporary folder (SQLite, or PostgreSQL when
// the suite runs against it; see test_database.h), opened by an application
// with every module registered and a clock the test can move, for unit tests
// of code that talks to the store.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "app/app.h"
#include "store/database.h"

namespace alley::testing {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  store::Connection& connection() { return **lease_; }
  const std::string& url() const { return url_; }
  app::App& app() { return *app_; }
  // A resource of the application's catalog; nullptr when none is registered by that name.
  const records::ResourceSchema* find_schema(std::string_view name) const { return app_->catalog().find(name); }
  const std::deque<records::ResourceSchema>& registry_schemas() const { return app_->catalog().resources(); }
  // Loads a district pack (data/packs) in one transaction.
  Status load_district_pack(const std::string& name = "silicon-alley");

  // Starts at the real time; move it with set or advance.
  std::shared_ptr<ManualClock> clock_ = std::make_shared<ManualClock>(std::chrono::system_clock::now());
  std::unique_ptr<app::App> app_;
  std::filesystem::path folder_;
  std::string url_;
  std::shared_ptr<store::Database> database_;
  std::unique_ptr<store::Database::Lease> lease_;
};

}  // namespace alley::testing
