#pragma once
// The `alley` subcommands. Each takes the words after its name and returns the
// process exit code: 0 done, 1 failed, 2 used wrongly. Errors are one clear
// line on stderr.

#include <memory>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/error.h"
#include "store/database.h"

namespace alley::cli {

int serve_command(const std::vector<std::string>& words);
int init_command(const std::vector<std::string>& words);
int import_command(const std::vector<std::string>& words);
int export_command(const std::vector<std::string>& words);
int copy_command(const std::vector<std::string>& words);
int backup_command(const std::vector<std::string>& words);
int restore_command(const std::vector<std::string>& words);
int user_command(const std::vector<std::string>& words);
int token_command(const std::vector<std::string>& words);
// Prints the version and the schema version its modules' migrations reach.
int version_command();

// The first `admin`, with a random password printed once, when there is no user.
Status create_first_admin(store::Connection& connection);

// --db, else $ALLEY_DB, else sqlite:alley.db in the working folder.
std::string database_url(const std::string& option);

// The application with every module registered and the database at `url`
// opened, migrated and its search index in line with the records.
Result<std::unique_ptr<app::App>> open_app(const std::string& url, std::size_t connections = 4,
                                           std::shared_ptr<const Clock> clock = system_clock());

// Prints "alley: <message>" to stderr and returns `code`.
int fail(const std::string& message, int code = 1);

}  // namespace alley::cli
