// alley user …, alley token create: accounts from the command line.

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "accounts/credentials.h"
#include "accounts/sessions.h"
#include "accounts/users.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "records/repository.h"

namespace alley::cli {
namespace {

// One line from standard input, without echo when it is a terminal.
std::string read_secret(const char* prompt) {
  const bool terminal = ::isatty(0);
  termios saved{};
  if (terminal) {
    std::fprintf(stderr, "%s", prompt);
    ::tcgetattr(0, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    ::tcsetattr(0, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (terminal) {
    ::tcsetattr(0, TCSANOW, &saved);
    std::fprintf(stderr, "\n");
  }
  return line;
}

int with_write(const std::string& url, const std::function<Status(store::Connection&)>& work) {
  Result<std::unique_ptr<app::App>> application = open_app(url, 1);
  if (!application) return fail(application.error().message);
  Result<store::Database::Lease> lease = application.value()->database().acquire();
  if (!lease) return fail(lease.error().message);
  Status done = store::in_write_transaction(*lease.value(), [&] { return work(*lease.value()); });
  if (!done) return fail(describe(done.error()), done.error().code == ErrorCode::kInvalid ? 2 : 1);
  return 0;
}

}  // namespace

Status create_first_admin(store::Connection& connection) {
  Result<std::int64_t> users = accounts::count_users(connection);
  if (!users) return users.error();
  if (users.value() > 0) return ok_status();
  const std::string password = accounts::generated_password("admin");
  Result<std::string> hash = accounts::password_hash_for(password, "admin");
  if (!hash) return hash.error();
  Result<accounts::User> admin = accounts::create_user(connection, {"admin", "admin", "", "", password, hash.value()});
  if (!admin) return admin.error();
  std::printf(
      "alley: created the user 'admin' with the password %s\n"
      "       it is shown only this once: keep it, or set another with 'alley user passwd admin'\n",
      password.c_str());
  return ok_status();
}

int user_command(const std::vector<std::string>& words) {
  const char* usage =
      "usage: alley user add NAME --role admin|department|subdistrict|enterprise "
      "[--department ID | --subdistrict ID | --org ID] [--db URL]\n"
      "       alley user passwd NAME [--db URL]      (reads the new password from standard input)\n"
      "       alley user disable NAME [--db URL]\n"
      "       alley user enable NAME [--db URL]";
  Result<Args> args = parse_args(words, {"--db", "--role", "--department", "--subdistrict", "--org"}, {});
  if (!args) return fail(args.error().message + "\n" + usage, 2);
  if (args->positional.size() != 2) return fail(usage, 2);
  const std::string action = args->positional[0];
  const std::string name = args->positional[1];
  const std::string url = database_url(args->get("--db"));
  if (action == "add") {
    const std::string password = accounts::generated_password(name);
    const std::string department = args->has("--subdistrict") ? args->get("--subdistrict") : args->get("--department");
    Result<std::string> hash = accounts::password_hash_for(password, name);
    if (!hash) return fail(hash.error().message);
    const int code = with_write(url, [&](store::Connection& connection) -> Status {
      Result<accounts::User> user = accounts::create_user(
          connection, {name, args->get("--role"), department, args->get("--org"), password, hash.value()});
      if (!user) return user.error();
      const Json after = accounts::user_json(user.value());
      return records::append_audit(connection, {"cli"}, "create", "users", user->id, nullptr, &after);
    });
    if (code == 0)
      std::printf("alley: created the user '%s' with the password %s (shown only this once)\n", name.c_str(),
                  password.c_str());
    return code;
  }
  if (action == "passwd") {
    const std::string password = read_secret("new password: ");
    Result<std::string> hash = accounts::password_hash_for(password, name);
    if (!hash) return fail(hash.error().message);
    const int code = with_write(url, [&](store::Connection& connection) -> Status {
      if (Status set = accounts::set_password(connection, name, password, hash.value()); !set) return set;
      const Json change = {{"username", name}, {"password", "changed"}};
      return records::append_audit(connection, {"cli"}, "passwd", "users", name, nullptr, &change);
    });
    if (code == 0)
      std::fprintf(stderr, "alley: the password of '%s' is changed; its sessions have ended\n", name.c_str());
    return code;
  }
  if (action == "disable" || action == "enable") {
    const int code = with_write(url, [&](store::Connection& connection) -> Status {
      if (Status set = accounts::set_disabled(connection, name, action == "disable"); !set) return set;
      const Json change = {{"username", name}, {"disabled", action == "disable"}};
      return records::append_audit(connection, {"cli"}, action, "users", name, nullptr, &change);
    });
    if (code == 0) std::fprintf(stderr, "alley: '%s' is %sd\n", name.c_str(), action.c_str());
    return code;
  }
  return fail(usage, 2);
}

int token_command(const std::vector<std::string>& words) {
  const char* usage = "usage: alley token create USER [--name LABEL] [--db URL]";
  Result<Args> args = parse_args(words, {"--db", "--name"}, {});
  if (!args) return fail(args.error().message + "\n" + usage, 2);
  if (args->positional.size() != 2 || args->positional[0] != "create") return fail(usage, 2);
  std::string token;
  const int code = with_write(database_url(args->get("--db")), [&](store::Connection& connection) -> Status {
    Result<std::optional<accounts::User>> user = accounts::find_user(connection, args->positional[1]);
    if (!user) return user.error();
    if (!user.value()) return Error::not_found("there is no user '" + args->positional[1] + "'");
    Result<std::string> created = accounts::create_api_token(connection, *user.value(), args->get("--name", "cli"));
    if (!created) return created.error();
    token = created.value();
    return ok_status();
  });
  if (code == 0) std::printf("%s\n", token.c_str());
  return code;
}

}  // namespace alley::cli
