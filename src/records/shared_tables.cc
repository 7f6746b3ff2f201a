#include "records/shared_tables.h"

namespace alley::records {
namespace {

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
    "(setweight(to_tsvector('simple', title_tokens), 'A') || setweight(to_tsvector('simple', body_tokens), 'D')) "
    "STORED;"
    "CREATE INDEX search_documents_tsv ON search_documents USING GIN (tsv);";

}  // namespace

store::Migration search_migration() {
  store::Migration migration(
      2, "search", kSearchSchema,
      {store::TableSpec("search_documents")
           .with_identity_key()
           .not_copied("derived from the records; rebuilt when the server starts"),
       store::TableSpec("search_fts").keyed_by("rowid").not_copied("SQLite's full-text index over search_documents")});
  migration.sqlite_sql = kSearchSqlite;
  migration.postgres_sql = kSearchPostgres;
  return migration;
}

}  // namespace alley::records
