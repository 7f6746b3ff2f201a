#include <charconv>
#include <cstdio>
#include <thread>

#include "accounts/authentication.h"
#include "accounts/common_passwords.h"
#include "app/api_router.h"
#include "app/background_worker.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "http/static_files.h"
#include "server/server.h"
#include "store/file_mark.h"

namespace alley::cli {
namespace {

std::optional<long> parse_long(const std::string& text, long low, long high) {
  long value = 0;
  auto [end, code] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (code != std::errc() || end != text.data() + text.size() || value < low || value > high) return std::nullopt;
  return value;
}

}  // namespace

int serve_command(const std::vector<std::string>& words) {
  Result<Args> args = parse_args(words,
                                 {"--db", "--host", "--port", "--threads", "--request-timeout-ms", "--web",
                                  "--trusted-proxy", "--background-interval-ms", "--clock-file"},
                                 {});
  if (!args) return fail(args.error().message + " (see 'alley help')", 2);
  if (!args->positional.empty()) return fail("serve takes no arguments besides options", 2);
  server::ServerOptions options;
  options.host = args->get("--host", "127.0.0.1");
  auto port = parse_long(args->get("--port", "8080"), 0, 65535);
  if (!port) return fail("--port must be a number from 0 to 65535", 2);
  options.port = std::uint16_t(*port);
  auto threads =
      parse_long(args->get("--threads", std::to_string(std::max(4u, std::thread::hardware_concurrency() * 2))), 1, 256);
  if (!threads) return fail("--threads must be a number from 1 to 256", 2);
  options.threads = std::size_t(*threads);
  auto timeout = parse_long(args->get("--request-timeout-ms", "15000"), 100, 3600000);
  if (!timeout) return fail("--request-timeout-ms must be from 100 to 3600000", 2);
  options.request_timeout = std::chrono::milliseconds(*timeout);
  auto background_interval = parse_long(args->get("--background-interval-ms", "5000"), 50, 3600000);
  if (!background_interval) return fail("--background-interval-ms must be from 50 to 3600000", 2);
  for (const std::string& proxy : args->get_all("--trusted-proxy")) {
    Result<http::AddressRange> range = http::AddressRange::parse(proxy);
    if (!range) return fail("--trusted-proxy: " + range.error().message, 2);
    options.trusted_proxies.push_back(range.value());
  }

  // Without the list no password could be set or changed: say so now.
  if (Status passwords = accounts::load_common_passwords(); !passwords) return fail(passwords.error().message);

  const std::string url = database_url(args->get("--db"));
  // A rehearsal's (or a test's) time, moved by rewriting the file; the machine's otherwise.
  const std::string clock_file = args->get("--clock-file");
  Result<std::unique_ptr<app::App>> application =
      open_app(url, options.threads, clock_file.empty() ? system_clock() : file_clock(clock_file));
  if (!application) return fail(application.error().message);
  // An SQLite file is marked as served for the life of the process, so that
  // `alley restore` refuses to replace it underneath.
  std::optional<store::FileMark> serving;
  if (Result<store::Database::Url> parsed = store::Database::parse_url(url); parsed && parsed->scheme == "sqlite") {
    Result<store::FileMark> mark = store::FileMark::hold_shared(parsed->target);
    if (!mark) return fail(mark.error().message);
    serving.emplace(std::move(mark.value()));
  }

  http::Router router;
  app::add_api_routes(router, *application.value());
  const auto web_root = http::find_web_root(args->get("--web"));
  if (!web_root) std::fprintf(stderr, "alley: the web application is not built; serving the API only\n");
  router.set_fallback(http::static_files_handler(web_root));
  router.set_authenticator(accounts::make_authenticator(application.value()->shared_database()));
  // Due reminders are sent while the server serves, and no longer.
  app::BackgroundWorker background(*application.value(), std::chrono::milliseconds(*background_interval));
  Status served = server::serve(options, router, [&](std::uint16_t bound) {
    std::printf("alley: serving %s on http://%s:%u\n", application.value()->database().describe().c_str(),
                options.host.c_str(), unsigned(bound));
    std::fflush(stdout);
  });
  if (!served) return fail(served.error().message);
  std::fprintf(stderr, "alley: stopped\n");
  return 0;
}

}  // namespace alley::cli
