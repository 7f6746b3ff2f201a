#include "registry/migrations.h"

#include "records/common_fields.h"

namespace alley::registry {

using records::record_table_sql;

store::Migration registry_tables_migration() {
  const std::string sql =
      record_table_sql("departments", "kind TEXT NOT NULL, short_name TEXT") +
      record_table_sql("areas",
                       "kind TEXT NOT NULL, parent_id TEXT REFERENCES areas(id), department_id TEXT REFERENCES "
                       "departments(id), code TEXT, geometry TEXT",
                       true) +
      record_table_sql("roads", "highway TEXT, boundary_role TEXT, geometry TEXT", true) +
      record_table_sql("places",
                       "type TEXT NOT NULL, facility_type TEXT, address TEXT, lon DOUBLE PRECISION, lat DOUBLE "
                       "PRECISION, area_id TEXT REFERENCES areas(id), floor_area_m2 DOUBLE PRECISION, tags TEXT",
                       true) +
      record_table_sql("organizations",
                       "kind TEXT NOT NULL, uscc TEXT, sectors TEXT, certifications TEXT, tier TEXT, high_growth "
                       "INTEGER, pipeline_status TEXT, place_id TEXT REFERENCES places(id), address TEXT, employees "
                       "BIGINT, founded_year INTEGER, revenue_10k_cny DOUBLE PRECISION, rd_ratio DOUBLE PRECISION, "
                       "website TEXT") +
      record_table_sql("spaces",
                       "place_id TEXT NOT NULL REFERENCES places(id), floor TEXT, area_m2 DOUBLE PRECISION NOT NULL, "
                       "rent_cny_per_m2_day DOUBLE PRECISION, status TEXT NOT NULL, available_from TEXT, "
                       "tenant_org_id TEXT REFERENCES organizations(id), usage TEXT") +
      record_table_sql("talents", "org_id TEXT REFERENCES organizations(id), field TEXT, honours TEXT") +
      "CREATE TABLE pipeline_events ("
      "id {{AUTO_ID}}, organization_id TEXT NOT NULL REFERENCES organizations(id), from_status TEXT, "
      "to_status TEXT NOT NULL, occurred_on TEXT, note TEXT, source TEXT NOT NULL, recorded_at TEXT NOT NULL, "
      "actor TEXT NOT NULL);"
      "CREATE TABLE audit_log ("
      "id {{AUTO_ID}}, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, resource TEXT NOT NULL, "
      "record_id TEXT NOT NULL, before_json TEXT, after_json TEXT);"
      "CREATE TABLE pack_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
      "CREATE INDEX areas_parent ON areas(parent_id);"
      "CREATE INDEX places_type ON places(type);"
      "CREATE INDEX places_area ON places(area_id);"
      "CREATE INDEX organizations_kind ON organizations(kind);"
      "CREATE INDEX organizations_pipeline ON organizations(pipeline_status);"
      "CREATE UNIQUE INDEX organizations_uscc ON organizations(uscc) WHERE uscc IS NOT NULL AND deleted_at IS NULL;"
      "CREATE INDEX spaces_place ON spaces(place_id);"
      "CREATE INDEX spaces_status ON spaces(status);"
      "CREATE INDEX pipeline_events_org ON pipeline_events(organization_id);"
      "CREATE INDEX audit_log_record ON audit_log(resource, record_id);";
  using store::TableSpec;
  return {1,
          "registry",
          sql,
          {TableSpec("departments"), TableSpec("areas").parents_in({"parent_id"}), TableSpec("roads"),
           TableSpec("places"), TableSpec("organizations"), TableSpec("spaces"), TableSpec("talents"),
           TableSpec("pipeline_events").with_identity_key(), TableSpec("audit_log").with_identity_key(),
           TableSpec("pack_info").keyed_by("key")}};
}

store::Migration responsibility_migration() {
  return {4, "responsibility",
          "ALTER TABLE organizations ADD COLUMN responsible_department_id TEXT REFERENCES departments(id);"
          "ALTER TABLE places ADD COLUMN responsible_department_id TEXT REFERENCES departments(id);"};
}

store::Migration step_details_migration() {
  return {14, "pipeline step details", "ALTER TABLE pipeline_events ADD COLUMN details TEXT;"};
}

store::Migration leader_liaison_migration() {
  return {22, "district-leader liaison", "ALTER TABLE organizations ADD COLUMN leader_liaison INTEGER;"};
}

}  // namespace alley::registry
