// `alley`: one binary, several subcommands.

#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "store/migrations.h"

namespace {

constexpr const char* kUsage =
    "usage: alley COMMAND [options]\n"
    "\n"
    "  serve   [--db URL] [--host H] [--port N] [--threads N] [--request-timeout-ms N] [--web DIR]\n"
    "          [--trusted-proxy ADDR[/BITS]]... [--background-interval-ms N] [--clock-file FILE]\n"
    "          serve the API and the web app (web/dist); --port 0 picks a free port; X-Forwarded-For\n"
    "          names the client only in requests from a trusted proxy; due reminders are sent and due\n"
    "          deadlines acted on every N ms (default 5000); --clock-file takes the time from FILE\n"
    "          (tests and rehearsals only)\n"
    "  init    [--db URL] [--pack NAME] [--demo]\n"
    "          create the schema, the first admin (password printed once) and load a district pack;\n"
    "          --demo adds a synthetic population, marked as such\n"
    "  import  RESOURCE FILE.{json,csv,xlsx} [--db URL]  add records, all or none\n"
    "  export  RESOURCE [--format json|csv|geojson] [--datum D] [--out FILE] [--db URL]\n"
    "  copy    --from URL --to URL      move a whole database (SQLite <-> PostgreSQL) and verify it\n"
    "  backup  [--db URL] --to FILE     online backup of a running SQLite database\n"
    "  restore --from FILE [--db URL] [--force]   put a backup back (servers stopped)\n"
    "  user    add NAME --role ROLE [--department ID|--subdistrict ID|--org ID] | passwd NAME | disable NAME\n"
    "  token   create USER [--name LABEL]   a personal API token, printed once\n"
    "  version print the version\n"
    "\n"
    "URL is sqlite:PATH (default sqlite:alley.db, or $ALLEY_DB) or postgresql://USER@HOST:PORT/NAME.\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string command = argv[1];
  const std::vector<std::string> words(argv + 2, argv + argc);
  if (command == "serve") return alley::cli::serve_command(words);
  if (command == "init") return alley::cli::init_command(words);
  if (command == "import") return alley::cli::import_command(words);
  if (command == "export") return alley::cli::export_command(words);
  if (command == "copy") return alley::cli::copy_command(words);
  if (command == "user") return alley::cli::user_command(words);
  if (command == "token") return alley::cli::token_command(words);
  if (command == "backup") return alley::cli::backup_command(words);
  if (command == "restore") return alley::cli::restore_command(words);
  if (command == "version" || command == "--version") return alley::cli::version_command();
  if (command == "help" || command == "--help" || command == "-h") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  std::fprintf(stderr, "alley: unknown command '%s'\n\n%s", command.c_str(), kUsage);
  return 2;
}
