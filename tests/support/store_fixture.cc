#include "support/store_fixture.h"

#include <unistd.h>

#include <random>

#include "store/migrations.h"
#include "support/test_database.h"

namespace alley::testing {

void StoreTest::SetUp() {
  folder_ = std::filesystem::temp_directory_path() /
            ("alley-unit-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(folder_);
  url_ = create_test_database(folder_, "test.db");
  auto database = store::Database::open(url(), 2);
  ASSERT_TRUE(database.ok()) << database.error().message;
  database_ = database.value();
  auto lease = database_->acquire();
  ASSERT_TRUE(lease.ok());
  lease_ = std::make_unique<store::Database::Lease>(std::move(lease.value()));
  ASSERT_TRUE(store::migrate(connection()).ok());
}

void StoreTest::TearDown() {
  lease_.reset();
  database_.reset();
  drop_test_database(url_);
  std::error_code ignored;
  std::filesystem::remove_all(folder_, ignored);
}

}  // namespace alley::testing
