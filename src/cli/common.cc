#include <cstdio>
#include <cstdlib>

#include "cli/commands.h"
#include "modules/modules.h"

namespace alley::cli {

std::string database_url(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* configured = std::getenv("ALLEY_DB"); configured && *configured) return configured;
  return "sqlite:alley.db";
}

Result<std::unique_ptr<app::App>> open_app(const std::string& url, std::size_t connections,
                                           std::shared_ptr<const Clock> clock) {
  auto application = std::make_unique<app::App>(std::move(clock));
  modules::register_all(*application);
  if (Status opened = application->open_database(url, connections); !opened) return opened.error();
  return application;
}

int version_command() {
  app::App application;
  modules::register_all(application);
  std::printf("alley %s (schema %d)\n", ALLEY_VERSION, application.catalog().migrations().back().version);
  return 0;
}

int fail(const std::string& message, int code) {
  std::fprintf(stderr, "alley: %s\n", message.c_str());
  return code;
}

}  // namespace alley::cli
