#pragma once
// Databases for tests, on the backend the test run is for: SQLite files by
// default; fresh databases on the suite's PostgreSQL server when
// ALLEY_TEST_POSTGRES_URL_FILE names the file holding that server's URL.

#include <filesystem>
#include <string>

namespace alley::testing {

bool testing_postgres();

// A new empty database. For SQLite, a file named `label` in `folder`.
std::string create_test_database(const std::filesystem::path& folder, const std::string& label);

// Drops a database made by create_test_database (no-op for SQLite files,
// which go with their folder).
void drop_test_database(const std::string& url);

}  // namespace alley::testing
