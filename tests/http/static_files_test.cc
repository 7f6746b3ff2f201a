// The web app's files, and nothing else: every spelling of a way out of the
// web folder, sent raw to the real server, gets the app's index page, a 404
// or a 400 — never a byte of a file outside the folder.

#include <gtest/gtest.h>

#include <fstream>

#include "support/api_test.h"

namespace alley::testing {
namespace {

namespace fs = std::filesystem;

void write_text(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

class StaticFiles : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const fs::path web = dir_->path() / "web";
    write_text(web / "index.html", "<!doctype html><title>app-index</title>");
    write_text(web / "assets" / "app-1234.js", "console.log('app-asset')");
    write_text(web / ".hidden", "hidden-in-root");
    // What must never be served: a file beside the web folder, and files
    // reached through links inside it.
    write_text(dir_->path() / "secret.txt", "SECRET-NEXT-TO-WEB");
    fs::create_symlink(dir_->path() / "secret.txt", web / "linked-secret.txt");
    fs::create_directory_symlink(dir_->path(), web / "assets" / "up");
    fs::create_directory_symlink("/", web / "rootfs");
    server_ = new ServerProcess({"--db", dir_->db_url(), "--web", web.string()});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  // The raw request line is sent as written: no client tidies the path.
  static Response get_raw(const std::string& target) {
    bool closed = false;
    const std::string text =
        raw_exchange(server_->port(), "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                     std::chrono::seconds(10), closed);
    return parse_response(text);
  }

  static TempDir* dir_;
  static ServerProcess* server_;
};

TempDir* StaticFiles::dir_ = nullptr;
ServerProcess* StaticFiles::server_ = nullptr;

TEST_F(StaticFiles, ServesTheAppAndItsAssets) {
  Response index = get_raw("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("app-index"), std::string::npos);
  Response asset = get_raw("/assets/app-1234.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_NE(asset.body.find("app-asset"), std::string::npos);
  EXPECT_EQ(asset.header("content-type"), "text/javascript; charset=utf-8");
  // An app route is the index page, so the app loads on reload.
  Response route = get_raw("/organizations/org-1");
  EXPECT_EQ(route.status, 200);
  EXPECT_NE(route.body.find("app-index"), std::string::npos);
}

TEST_F(StaticFiles, NoPathLeavesTheWebFolder) {
  const std::string secret = (dir_->path() / "secret.txt").string();
  const std::string parent = dir_->path().string();
  const std::vector<std::string> escapes = {
      "//etc/passwd",
      "///etc/passwd",
      "/" + secret,
      "//" + secret.substr(1),
      "/%2Fetc/passwd",
      "/%2fetc%2fpasswd",
      "//%2e%2e/secret.txt",
      "/../secret.txt",
      "/../../../../../../etc/passwd",
      "/%2e%2e/secret.txt",
      "/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
      "/.%2e/secret.txt",
      "/%2e./secret.txt",
      "/assets/../../secret.txt",
      "/assets/%2e%2e/%2e%2e/secret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "/assets/..%5c..%5csecret.txt",
      "/..\\secret.txt",
      "/assets\\..\\..\\secret.txt",
      "/%c0%ae%c0%ae/secret.txt",
      "/%c0%af..%c0%afsecret.txt",
      "/%e0%80%ae%e0%80%ae/secret.txt",
      "/%252e%252e/secret.txt",
      "/secret.txt%00.html",
      "/%00/etc/passwd",
      "/index.html/../../secret.txt",
      "/./../secret.txt",
      "/linked-secret.txt",
      "/assets/up/secret.txt",
      "/rootfs/etc/passwd",
      "/rootfs" + secret,
      "/.hidden",
      "/assets/./app-1234.js/../../../secret.txt",
      "http://localhost//etc/passwd",
      "/" + parent + "/secret.txt",
      "/%2F" + secret.substr(1),
  };
  for (const std::string& target : escapes) {
    SCOPED_TRACE(target);
    Response response = get_raw(target);
    EXPECT_TRUE(response.status == 200 || response.status == 400 || response.status == 404) << response.status;
    EXPECT_EQ(response.body.find("SECRET-NEXT-TO-WEB"), std::string::npos);
    EXPECT_EQ(response.body.find("root:"), std::string::npos);
    EXPECT_EQ(response.body.find("hidden-in-root"), std::string::npos);
    // Anything answered 200 is the app's own index page.
    if (response.status == 200) {
      EXPECT_NE(response.body.find("app-index"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace alley::testing
