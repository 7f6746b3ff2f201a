#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <stdexcept>

#include "records/common_fields.h"
#include "support/test_catalog.h"

namespace alley::catalog {
namespace {

// The tables a migration's SQL creates, in any of its dialects.
std::set<std::string> created_tables(const store::Migration& migration) {
  std::set<std::string> names;
  const std::regex create(R"(CREATE (?:VIRTUAL )?TABLE (?:IF NOT EXISTS )?([a-z_]+))");
  for (const std::string* sql : {&migration.sql, &migration.sqlite_sql, &migration.postgres_sql}) {
    for (std::sregex_iterator at(sql->begin(), sql->end(), create), end; at != end; ++at) names.insert((*at)[1]);
  }
  return names;
}

TEST(Catalog, EveryTableOfEveryMigrationIsDeclaredAndCopiedOrSaysWhyNot) {
  std::set<std::string> seen;
  for (const store::Migration& migration : testing::test_catalog().migrations()) {
    std::set<std::string> declared;
    for (const store::TableSpec& table : migration.tables) {
      declared.insert(table.name);
      EXPECT_TRUE(seen.insert(table.name).second) << table.name << " is declared by two migrations";
    }
    EXPECT_EQ(created_tables(migration), declared) << "migration " << migration.version << " " << migration.name;
  }
  std::set<std::string> copied;
  for (const store::TableSpec& table : testing::test_catalog().copied_tables()) copied.insert(table.name);
  for (const records::ResourceSchema& resource : testing::test_catalog().resources()) {
    EXPECT_TRUE(copied.count(resource.name)) << "the records of " << resource.name << " would be lost by a copy";
  }
  EXPECT_TRUE(copied.count("users") && copied.count("audit_log") && copied.count("notifications"));
  EXPECT_FALSE(copied.count("sessions"));
}

// A column of an import template, a field in a form and an error are titled
// by these: a module cannot add a field people would see by its name.
TEST(Catalog, EveryFieldAndEveryChoiceIsLabelledInChineseAndEnglish) {
  for (const records::ResourceSchema& resource : testing::test_catalog().resources()) {
    for (const records::FieldSpec& field : resource.fields) {
      EXPECT_FALSE(field.label.empty() || field.label_en.empty()) << resource.name << "." << field.name;
      if (field.type != records::FieldType::kEnum) continue;
      EXPECT_EQ(field.value_labels.size(), field.values.size()) << resource.name << "." << field.name;
    }
  }
}

TEST(Catalog, MigrationsRunInVersionOrderWithoutGaps) {
  int expected = 1;
  for (const store::Migration& migration : testing::test_catalog().migrations()) {
    EXPECT_EQ(migration.version, expected++) << migration.name;
  }
}

TEST(Catalog, ReferencesAreResolvedAndKnowWhoRefersToThem) {
  const records::ResourceSchema& departments = testing::test_schema("departments");
  bool led_tasks = false;
  for (const records::Referrer& referrer : departments.referrers) {
    if (referrer.resource->name == "tasks" && referrer.field->name == "lead_department_ids") led_tasks = true;
  }
  EXPECT_TRUE(led_tasks) << "a department that leads tasks must not be deletable";
  for (const records::ResourceSchema& resource : testing::test_catalog().resources()) {
    for (const records::FieldSpec& field : resource.fields) {
      if (!field.references.empty()) {
        ASSERT_NE(field.referenced, nullptr) << resource.name << "." << field.name;
        EXPECT_EQ(field.referenced->name, field.references);
      }
    }
  }
}

records::ResourceSchema resource(std::string name, std::vector<records::FieldSpec> extra = {}) {
  records::ResourceSchema schema;
  schema.name = schema.singular = schema.id_prefix = name;
  schema.fields = records::with(records::common_fields(), {extra});
  return schema;
}

store::Migration migration(int version, std::string name) { return {version, std::move(name), ""}; }

TEST(Catalog, RefusesWhatWouldBreakAtRunTime) {
  Catalog catalog;
  catalog.add_resource(resource("wards"));
  EXPECT_THROW(catalog.add_resource(resource("wards")), std::logic_error);
  EXPECT_THROW(catalog.add_resource(resource("beds", {records::reference_field("ward_id", "rooms", "")})),
               std::logic_error);
  catalog.add_migration(migration(1, "first"));
  EXPECT_THROW(catalog.add_migration(migration(1, "again")), std::logic_error);
  EXPECT_THROW(catalog.resource("rooms"), std::logic_error);
  EXPECT_EQ(catalog.find("rooms"), nullptr);
}

}  // namespace
}  // namespace alley::catalog
