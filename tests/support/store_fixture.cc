#include "support/store_fixture.h"

#include <unistd.h>

#include <random>

#include "modules/modules.h"
#include "records/pack_loader.h"
#include "support/test_database.h"

namespace alley::testing {

void StoreTest::SetUp() {
  folder_ = std::filesystem::temp_directory_path() /
            ("alley-unit-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(folder_);
  url_ = create_test_database(folder_, "test.db");
  app_ = std::make_unique<app::App>(clock_);
  modules::register_all(*app_);
  Status opened = app_->open_database(url(), 2);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  database_ = app_->shared_database();
  auto lease = database_->acquire();
  ASSERT_TRUE(lease.ok());
  lease_ = std::make_unique<store::Database::Lease>(std::move(lease.value()));
}

Status StoreTest::load_district_pack(const std::string& name) {
  return store::in_write_transaction(connection(), [&]() -> Status {
    Result<std::filesystem::path> folder = records::find_pack(name);
    if (!folder) return folder.error();
    auto pack = records::load_pack(connection(), registry_schemas(), folder.value(), nullptr);
    return pack ? ok_status() : Status(pack.error());
  });
}

void StoreTest::TearDown() {
  lease_.reset();
  database_.reset();
  app_.reset();
  drop_test_database(url_);
  std::error_code ignored;
  std::filesystem::remove_all(folder_, ignored);
}

}  // namespace alley::testing
