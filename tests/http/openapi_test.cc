// Walks every operation the OpenAPI document describes against the running
// server: each must exist, answer only with statuses it documents, and return
// bodies with the documented shape.

#include <gtest/gtest.h>

#include <regex>

#include "support/api_test.h"

namespace alley::testing {
namespace {

class OpenApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    ASSERT_EQ(run_alley({"init", "--db", dir_->db_url()}).exit_code, 0);
    server_ = new ServerProcess({"--db", dir_->db_url()});
    document_ = new Json(json_of(request(server_->port(), "GET", "/api/v1/openapi.json")));
  }
  static void TearDownTestSuite() {
    delete document_;
    delete server_;
    delete dir_;
  }
  static const Json& schema_named(const std::string& ref) {
    return (*document_)["components"]["schemas"][ref.substr(ref.rfind('/') + 1)];
  }
  // Checks required properties, and for closed schemas that nothing else appears.
  static void expect_shape(const Json& body, const Json& schema, const std::string& where) {
    for (const Json& name : schema.value("required", Json::array())) {
      EXPECT_TRUE(body.contains(name.get<std::string>())) << where << " lacks " << name;
    }
    if (schema.value("additionalProperties", true) == false) {
      for (const auto& [key, value] : body.items()) {
        EXPECT_TRUE(schema["properties"].contains(key)) << where << " has undocumented field " << key;
      }
    }
    if (schema.contains("properties") && schema["properties"].contains("items") && body.contains("items")) {
      const Json& item_schema = schema["properties"]["items"]["items"];
      if (item_schema.contains("$ref")) {
        for (const Json& item : body["items"]) expect_shape(item, schema_named(item_schema["$ref"]), where + " item");
      }
    }
  }
  // A real id for each resource, so GETs reach real records.
  static std::string sample_id(const std::string& path) {
    const std::string resource = path.substr(8, path.find('/', 8) - 8);
    if (resource == "tokens") return "no-such-token";  // revoking the walk's own token would end the walk
    Json page = json_of(request(server_->port(), "GET", "/api/v1/" + resource + "?limit=1"));
    if (page["items"].empty()) return "missing";
    const Json& id = page["items"][0]["id"];
    return id.is_string() ? id.get<std::string>() : id.dump();  // notifications are numbered
  }

  static TempDir* dir_;
  static ServerProcess* server_;
  static Json* document_;
};

TempDir* OpenApi::dir_ = nullptr;
ServerProcess* OpenApi::server_ = nullptr;
Json* OpenApi::document_ = nullptr;

TEST_F(OpenApi, IsAnOpenApi31Document) {
  EXPECT_EQ((*document_)["openapi"], "3.1.0");
  EXPECT_GE((*document_)["paths"].size(), 20u);
  for (const char* path : {"/api/v1/organizations", "/api/v1/organizations/{id}", "/api/v1/places.geojson",
                           "/api/v1/areas.geojson", "/api/v1/spaces", "/api/v1/departments", "/healthz"}) {
    EXPECT_TRUE((*document_)["paths"].contains(path)) << path;
  }
}

TEST_F(OpenApi, FieldsSayWhatFormsNeedToKnow) {
  // Forms are built from this document: which fields are set once, and what a reference points at.
  const Json& organization = schema_named("organization")["properties"];
  EXPECT_EQ(organization["pipeline_status"].value("x-create-only", false), true);
  EXPECT_EQ(organization["id"].value("x-create-only", false), true);
  EXPECT_FALSE(organization["name"].contains("x-create-only"));
  EXPECT_EQ(organization["place_id"].value("x-references", ""), "places");
  EXPECT_EQ(schema_named("task")["properties"]["lead_department_ids"].value("x-references", ""), "departments");
  EXPECT_EQ(organization["tier"].value("x-written-by", ""), "staff");
}

TEST_F(OpenApi, LifecyclesSayWhichMovesAStepMayMake) {
  const Json& pipeline = schema_named("pipeline")["x-transitions"];
  EXPECT_EQ(pipeline["target"], Json::array({"target", "negotiating"})) << "a follow-up first, then the moves";
  EXPECT_EQ(pipeline["landed"][0], "landed");
  const Json& progress = schema_named("progress")["x-transitions"];
  EXPECT_EQ(progress["done"].size(), 4u) << "a report, or any other status";
  EXPECT_TRUE(schema_named("pipeline_event")["properties"].contains("owner_username"));
  EXPECT_TRUE(schema_named("progress_event")["properties"].contains("attachments"));
  EXPECT_TRUE(schema_named("pipeline_change")["properties"].contains("remind_on"));
}

TEST_F(OpenApi, EveryDocumentedOperationAnswersAsDocumented) {
  std::size_t operations = 0;
  for (const auto& [path, methods] : (*document_)["paths"].items()) {
    for (const auto& [method, operation] : methods.items()) {
      ++operations;
      std::string target = path;
      if (path.find("{id}") != std::string::npos)
        target = std::regex_replace(path, std::regex("\\{id\\}"), sample_id(path));
      std::string upper = method;
      for (char& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
      // Writes are probed with an empty object: it must be refused as documented, not crash or 404.
      const bool write = upper != "GET";
      Response response = request(server_->port(), upper, target, write ? "{}" : "",
                                  write ? Headers{{"If-Match", "\"999\""}} : Headers{});
      const std::string status = std::to_string(response.status);
      EXPECT_TRUE(operation["responses"].contains(status))
          << upper << " " << target << " answered " << status << " which is not documented: " << response.body;
      EXPECT_LT(response.status, 500) << upper << " " << target;
      if (response.status == 204 || response.body.empty()) continue;
      const Json& documented = operation["responses"][status]["content"];
      ASSERT_FALSE(documented.empty()) << upper << " " << target;
      const std::string type = documented.items().begin().key();
      if (type.find("json") == std::string::npos) {  // a file
        EXPECT_EQ(response.header("content-type"), type) << upper << " " << target;
        continue;
      }
      EXPECT_EQ(response.header("content-type"), type + "; charset=utf-8") << upper << " " << target;
      expect_shape(json_of(response), schema_named(documented[type]["schema"]["$ref"]), upper + " " + target);
    }
  }
  EXPECT_GE(operations, 35u);
}

TEST_F(OpenApi, RecordsMatchTheirSchemasExactly) {
  for (const char* resource : {"departments", "areas", "roads", "places", "organizations", "spaces"}) {
    Json page = json_of(request(server_->port(), "GET", std::string("/api/v1/") + resource + "?limit=500"));
    const Json& schema = schema_named(std::string(resource) == "organizations"
                                          ? "organization"
                                          : std::string(resource).substr(0, std::string(resource).size() - 1));
    for (const Json& record : page["items"]) expect_shape(record, schema, resource);
  }
}

TEST_F(OpenApi, UndocumentedPathsDoNotExist) {
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/unicorns").status, 404);
  EXPECT_EQ(request(server_->port(), "GET", "/api/v2/places").status, 404);
}

}  // namespace
}  // namespace alley::testing
