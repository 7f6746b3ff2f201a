#include <cstdio>

#include "cli/args.h"
#include "cli/commands.h"
#include "records/pack_loader.h"

namespace alley::cli {

int init_command(const std::vector<std::string>& words) {
  Result<Args> args = parse_args(words, {"--db", "--pack"}, {"--demo"});
  if (!args) return fail(args.error().message + " (see 'alley help')", 2);
  if (!args->positional.empty()) return fail("init takes no arguments besides options", 2);
  const std::string pack_name = args->get("--pack", "silicon-alley");
  Result<std::filesystem::path> pack = records::find_pack(pack_name);
  if (!pack) return fail(pack.error().message, 2);

  const std::string url = database_url(args->get("--db"));
  Result<std::unique_ptr<app::App>> application = open_app(url, 1);
  if (!application) return fail(application.error().message);
  store::Database* database = &application.value()->database();
  Result<store::Database::Lease> lease = database->acquire();
  if (!lease) return fail(lease.error().message);
  store::Connection& connection = *lease.value();

  Result<std::optional<std::string>> existing = records::loaded_pack(connection);
  if (!existing) return fail(existing.error().message);
  if (existing.value() && *existing.value() != pack_name) {
    return fail(database->describe() + " already holds the pack '" + *existing.value() +
                "'; use another database for '" + pack_name + "'");
  }
  if (!existing.value()) {
    std::string last_resource;
    Status loaded = store::in_write_transaction(connection, [&]() -> Status {
      Result<records::PackSummary> summary =
          records::load_pack(connection, application.value()->catalog().resources(), pack.value(),
                             [&](std::string_view resource, std::size_t done, std::size_t total) {
                               if (done == total)
                                 std::fprintf(stderr, "  %-14s %zu\n", std::string(resource).c_str(), total);
                             });
      if (!summary) return summary.error();
      return ok_status();
    });
    if (!loaded) return fail("the pack '" + pack_name + "' was not loaded: " + describe(loaded.error()));
    std::fprintf(stderr, "alley: loaded the pack '%s' into %s\n", pack_name.c_str(), database->describe().c_str());
  } else {
    std::fprintf(stderr, "alley: %s already holds the pack '%s'; nothing to load\n", database->describe().c_str(),
                 pack_name.c_str());
  }

  if (Status admin = store::in_write_transaction(connection, [&] { return create_first_admin(connection); }); !admin) {
    return fail("the first user was not created: " + describe(admin.error()));
  }

  if (args->has("--demo")) {
    for (const app::App::DemoStep& step : application.value()->demo_steps()) {
      std::string added;
      Status demo = store::in_write_transaction(connection, [&]() -> Status {
        Result<std::string> summary = step.run(connection, *application.value());
        if (!summary) return summary.error();
        added = summary.value();
        return ok_status();
      });
      if (!demo && demo.error().code == ErrorCode::kConflict) {
        std::fprintf(stderr, "alley: %s\n", demo.error().message.c_str());
      } else if (!demo) {
        return fail("the demo " + step.name + " were not added: " + describe(demo.error()));
      } else {
        std::fprintf(stderr, "alley: added %s\n", added.c_str());
      }
    }
  }
  return 0;
}

}  // namespace alley::cli
