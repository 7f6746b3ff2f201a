#include "store/migrations.h"

#include <string>

#include "core/clock.h"

namespace alley::store {
namespace {

// Columns every registry table has, in this order.
#define ALLEY_RECORD_COLUMNS                            \
  "id TEXT PRIMARY KEY, "                               \
  "name TEXT NOT NULL, "                                \
  "name_en TEXT, "                                      \
  "description TEXT, "                                  \
  "source TEXT NOT NULL, "                              \
  "synthetic INTEGER NOT NULL DEFAULT 0, "              \
  "version BIGINT NOT NULL DEFAULT 1, "                 \
  "created_at TEXT NOT NULL, "                          \
  "updated_at TEXT NOT NULL, "                          \
  "deleted_at TEXT, "

#define ALLEY_GEO_COLUMNS "geo_quality TEXT, geo_datum_in TEXT, geo_source TEXT, "

const char* const kRegistrySchema =
    "CREATE TABLE departments (" ALLEY_RECORD_COLUMNS
    "kind TEXT NOT NULL, short_name TEXT);"

    "CREATE TABLE areas (" ALLEY_RECORD_COLUMNS ALLEY_GEO_COLUMNS
    "kind TEXT NOT NULL, parent_id TEXT REFERENCES areas(id), department_id TEXT REFERENCES departments(id), "
    "code TEXT, geometry TEXT);"

    "CREATE TABLE roads (" ALLEY_RECORD_COLUMNS ALLEY_GEO_COLUMNS
    "highway TEXT, boundary_role TEXT, geometry TEXT);"

    "CREATE TABLE places (" ALLEY_RECORD_COLUMNS ALLEY_GEO_COLUMNS
    "type TEXT NOT NULL, facility_type TEXT, address TEXT, lon DOUBLE PRECISION, lat DOUBLE PRECISION, "
    "area_id TEXT REFERENCES areas(id), floor_area_m2 DOUBLE PRECISION, tags TEXT);"

    "CREATE TABLE organizations (" ALLEY_RECORD_COLUMNS
    "kind TEXT NOT NULL, uscc TEXT, sectors TEXT, certifications TEXT, tier TEXT, high_growth INTEGER, "
    "pipeline_status TEXT, place_id TEXT REFERENCES places(id), address TEXT, employees BIGINT, "
    "founded_year INTEGER, revenue_10k_cny DOUBLE PRECISION, rd_ratio DOUBLE PRECISION, website TEXT);"

    "CREATE TABLE spaces (" ALLEY_RECORD_COLUMNS
    "place_id TEXT NOT NULL REFERENCES places(id), floor TEXT, area_m2 DOUBLE PRECISION NOT NULL, "
    "rent_cny_per_m2_day DOUBLE PRECISION, status TEXT NOT NULL, available_from TEXT, "
    "tenant_org_id TEXT REFERENCES organizations(id), usage TEXT);"

    "CREATE TABLE talents (" ALLEY_RECORD_COLUMNS
    "org_id TEXT REFERENCES organizations(id), field TEXT, honours TEXT);"

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

// The full-text index of search/search_index.h: one row per searchable record.
const char* const kSearchSchema =
    "CREATE TABLE search_documents (id {{AUTO_ID}}, resource TEXT NOT NULL, record_id TEXT NOT NULL, "
    "name TEXT NOT NULL, name_en TEXT, synthetic INTEGER NOT NULL DEFAULT 0, title_tokens TEXT NOT NULL, "
    "body_tokens TEXT NOT NULL);"
    "CREATE UNIQUE INDEX search_documents_record ON search_documents(resource, record_id);";

// FTS5 over the tokens, kept in step with search_documents by triggers.
const char* const kSearchSqlite =
    "CREATE VIRTUAL TABLE search_fts USING fts5(title_tokens, body_tokens, content='search_documents', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0');"
    "CREATE TRIGGER search_documents_insert AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_fts(rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens); END;"
    "CREATE TRIGGER search_documents_delete AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_tokens, body_tokens) "
    "VALUES ('delete', old.id, old.title_tokens, old.body_tokens); END;"
    "CREATE TRIGGER search_documents_update AFTER UPDATE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_tokens, body_tokens) "
    "VALUES ('delete', old.id, old.title_tokens, old.body_tokens); "
    "INSERT INTO search_fts(rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens); END;";

// The 'simple' configuration only lower-cases: the tokens are already ours.
const char* const kSearchPostgres =
    "ALTER TABLE search_documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('simple', title_tokens), 'A') || setweight(to_tsvector('simple', body_tokens), 'D')) STORED;"
    "CREATE INDEX search_documents_tsv ON search_documents USING GIN (tsv);";

// Accounts: users, their sessions and API tokens (kept as hashes), and failed
// logins (shared by every app server, for throttling).
const char* const kAccountsSchema =
    "CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, "
    "role TEXT NOT NULL, department_id TEXT REFERENCES departments(id), org_id TEXT REFERENCES organizations(id), "
    "disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), "
    "csrf_token TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL);"
    "CREATE TABLE api_tokens (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), name TEXT NOT NULL, "
    "token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT);"
    "CREATE TABLE login_failures (id {{AUTO_ID}}, username TEXT NOT NULL, address TEXT NOT NULL, at TEXT NOT NULL);"
    "CREATE INDEX sessions_user ON sessions(user_id);"
    "CREATE INDEX login_failures_username ON login_failures(username, at);"
    "CREATE INDEX login_failures_address ON login_failures(address, at);";

// Which department answers for a record: its staff may change it (docs/SECURITY.md).
const char* const kResponsibilitySchema =
    "ALTER TABLE organizations ADD COLUMN responsible_department_id TEXT REFERENCES departments(id);"
    "ALTER TABLE places ADD COLUMN responsible_department_id TEXT REFERENCES departments(id);";

// Action plans, their tasks, KPIs and dated KPI figures (registry resources).
const char* const kPlansSchema =
    "CREATE TABLE plans (" ALLEY_RECORD_COLUMNS
    "issuer TEXT, department_id TEXT REFERENCES departments(id), document_number TEXT, period_start TEXT, "
    "period_end TEXT, plan_version TEXT, version_of TEXT REFERENCES plans(id), stated_project_count INTEGER);"
    "CREATE TABLE tasks (" ALLEY_RECORD_COLUMNS
    "plan_id TEXT NOT NULL REFERENCES plans(id), parent_id TEXT REFERENCES tasks(id), kind TEXT NOT NULL, "
    "number TEXT, sort_order INTEGER, lead_department_ids TEXT, co_department_ids TEXT, status TEXT, due_on TEXT, "
    "evidence TEXT, evidence_links TEXT, maps_to_id TEXT REFERENCES tasks(id));"
    "CREATE TABLE kpis (" ALLEY_RECORD_COLUMNS
    "plan_id TEXT NOT NULL REFERENCES plans(id), task_id TEXT REFERENCES tasks(id), unit TEXT, "
    "target_kind TEXT NOT NULL, target_min DOUBLE PRECISION NOT NULL, target_max DOUBLE PRECISION, per_year INTEGER, "
    "cumulative INTEGER, baseline DOUBLE PRECISION, baseline_on TEXT, due_on TEXT NOT NULL, measure TEXT NOT NULL, "
    "measure_query TEXT, lead_department_ids TEXT, data_note TEXT);"
    "CREATE TABLE kpi_entries (" ALLEY_RECORD_COLUMNS
    "kpi_id TEXT NOT NULL REFERENCES kpis(id), value DOUBLE PRECISION NOT NULL, as_of TEXT NOT NULL, note TEXT);"
    "CREATE INDEX tasks_plan ON tasks(plan_id);"
    "CREATE INDEX tasks_parent ON tasks(parent_id);"
    "CREATE INDEX kpi_entries_kpi ON kpi_entries(kpi_id, as_of);";

// The policy library; rules are kept as text and as JSON Logic.
const char* const kPoliciesSchema =
    "CREATE TABLE policies (" ALLEY_RECORD_COLUMNS
    "issuer TEXT, document_number TEXT, valid_from TEXT, valid_until TEXT, category TEXT, benefit TEXT, "
    "required_materials TEXT, responsible_department_id TEXT REFERENCES departments(id), rule TEXT, "
    "rule_jsonlogic TEXT, rule_basis TEXT);";

// 免申即享: matches already announced, and the notifications that announced them.
const char* const kDeliverySchema =
    "CREATE TABLE policy_matches (policy_id TEXT NOT NULL REFERENCES policies(id), "
    "organization_id TEXT NOT NULL REFERENCES organizations(id), matched_at TEXT NOT NULL, "
    "PRIMARY KEY (policy_id, organization_id));"
    "CREATE INDEX policy_matches_organization ON policy_matches(organization_id);"
    "CREATE TABLE notifications (id {{AUTO_ID}}, recipient_kind TEXT NOT NULL, recipient_id TEXT NOT NULL, "
    "kind TEXT NOT NULL, policy_id TEXT REFERENCES policies(id), organization_id TEXT REFERENCES organizations(id), "
    "message TEXT NOT NULL, match_count INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, read_at TEXT);"
    "CREATE INDEX notifications_recipient ON notifications(recipient_kind, recipient_id, id);";

std::string for_dialect(std::string sql, Dialect dialect) {
  const std::string token = "{{AUTO_ID}}";
  const std::string replacement = dialect == Dialect::kSqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                                                              : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
  for (std::size_t at = sql.find(token); at != std::string::npos; at = sql.find(token, at)) {
    sql.replace(at, token.size(), replacement);
  }
  return sql;
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list = {
      {1, "registry", kRegistrySchema},
      {2, "search", kSearchSchema, kSearchSqlite, kSearchPostgres},
      {3, "accounts", kAccountsSchema},
      {4, "responsibility", kResponsibilitySchema},
      {5, "plans", kPlansSchema},
      {6, "policies", kPoliciesSchema},
      {7, "delivery", kDeliverySchema},
  };
  return list;
}

Result<int> schema_version(Connection& connection) {
  Result<QueryResult> version = connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!version) return version.error();
  return int(as_integer(version->rows.at(0)[0]).value_or(0));
}

Status migrate(Connection& connection) {
  // Inside the write lock: servers starting together must not race to create it.
  Status table = in_write_transaction(connection, [&] {
    return connection.execute_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL)");
  });
  if (!table) return table;
  for (const Migration& migration : migrations()) {
    Status applied = in_write_transaction(connection, [&]() -> Status {
      // Re-read inside the lock: another process may have just applied it.
      Result<int> current = schema_version(connection);
      if (!current) return current.error();
      if (current.value() >= migration.version) return ok_status();
      const char* specific = connection.dialect() == Dialect::kSqlite ? migration.sqlite_sql : migration.postgres_sql;
      for (const char* sql : {migration.sql, specific}) {
        if (!sql) continue;
        if (Status done = connection.execute_script(for_dialect(sql, connection.dialect())); !done) {
          return Error::internal(std::string("migration ") + migration.name + " failed: " + done.error().message);
        }
      }
      Result<std::int64_t> recorded = connection.execute(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
          {std::int64_t{migration.version}, std::string(migration.name), utc_now_iso8601()});
      if (!recorded) return recorded.error();
      return ok_status();
    });
    if (!applied) return applied;
  }
  return ok_status();
}

}  // namespace alley::store
