#include "store/sqlite_database.h"

#include <gtest/gtest.h>

#include <fstream>

#include "store/migrations.h"
#include "support/store_fixture.h"

namespace alley::store {
namespace {

class SqliteTest : public testing::StoreTest {};
// Behaviour every backend must share.
class StoreConformance : public testing::StoreTest {};

TEST_F(SqliteTest, UsesWalAndForeignKeys) {
  EXPECT_EQ(as_text(connection().query("PRAGMA journal_mode").value().rows[0][0]), "wal");
  EXPECT_EQ(as_integer(connection().query("PRAGMA foreign_keys").value().rows[0][0]), 1);
  auto orphan = connection().execute(
      "INSERT INTO spaces (id, name, source, created_at, updated_at, place_id, area_m2, status) "
      "VALUES ('s', 'n', 's', 't', 't', 'missing', 1, 'available')");
  EXPECT_FALSE(orphan.ok());
}

TEST_F(StoreConformance, MigrationsAreRecordedAndIdempotent) {
  EXPECT_EQ(schema_version(connection()).value(), app().catalog().migrations().back().version);
  ASSERT_TRUE(migrate(connection(), app().catalog().migrations()).ok());
  auto count = connection().query("SELECT COUNT(*) FROM schema_migrations");
  EXPECT_EQ(as_integer(count->rows[0][0]), std::int64_t(app().catalog().migrations().size()));
}

TEST_F(StoreConformance, BindsValuesNeverSplicesThem) {
  const std::string hostile = "x'); DROP TABLE departments; --";
  ASSERT_TRUE(connection()
                  .execute("INSERT INTO departments (id, name, source, created_at, updated_at, kind) "
                           "VALUES (?, ?, 's', 't', 't', 'department')",
                           {std::string("d1"), hostile})
                  .ok());
  auto read = connection().query("SELECT name FROM departments WHERE id = ?", {std::string("d1")});
  EXPECT_EQ(as_text(read->rows.at(0)[0]), hostile);
}

TEST_F(StoreConformance, RollbackLeavesNothing) {
  Status failed = in_write_transaction(connection(), [&]() -> Status {
    auto inserted = connection().execute(
        "INSERT INTO departments (id, name, source, created_at, updated_at, kind) VALUES ('d', 'n', 's', 't', 't', "
        "'k')");
    EXPECT_TRUE(inserted.ok());
    return Error::invalid("changed my mind");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(as_integer(connection().query("SELECT COUNT(*) FROM departments")->rows[0][0]), 0);
}

TEST(SqliteOpen, MissingFolderIsAClearError) {
  auto database = Database::open("sqlite:/nonexistent-folder/for/alley.db");
  ASSERT_FALSE(database.ok());
  EXPECT_NE(database.error().message.find("cannot open database"), std::string::npos);
}

TEST(SqliteOpen, AFileThatIsNotADatabaseIsRefused) {
  const auto path = std::filesystem::temp_directory_path() / "alley-not-a-database.txt";
  std::ofstream(path) << std::string(4096, 'x');
  auto database = Database::open("sqlite:" + path.string());
  EXPECT_FALSE(database.ok());
  std::filesystem::remove(path);
}

TEST(DatabaseUrl, Parses) {
  EXPECT_EQ(Database::parse_url("sqlite:/tmp/a.db")->target, "/tmp/a.db");
  EXPECT_EQ(Database::parse_url("sqlite:///tmp/a.db")->target, "/tmp/a.db");
  EXPECT_EQ(Database::parse_url("a.db")->scheme, "sqlite");
  EXPECT_EQ(Database::parse_url("postgresql://u@h/db")->scheme, "postgresql");
  EXPECT_FALSE(Database::parse_url("mysql://h/db").ok());
  EXPECT_FALSE(Database::parse_url("sqlite:").ok());
}

}  // namespace
}  // namespace alley::store
