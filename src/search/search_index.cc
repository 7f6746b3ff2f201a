#include "search/search_index.h"

#include "search/chinese_script.h"
#include "search/cjk_tokens.h"

namespace alley::search {
namespace {

using store::SqlValue;

std::string resource_filter(const std::vector<std::string>& resources, std::vector<SqlValue>& params) {
  if (resources.empty()) return "";
  std::string sql = " AND d.resource IN (";
  for (std::size_t i = 0; i < resources.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.push_back(resources[i]);
  }
  return sql + ")";
}

// FTS5: every token required; the last Latin word as a prefix.
std::string fts5_expression(const std::vector<QueryToken>& tokens) {
  std::string expression;
  for (const QueryToken& token : tokens) {
    if (!expression.empty()) expression += " AND ";
    expression += "\"" + token.text + "\"" + (token.prefix ? " *" : "");
  }
  return expression;
}

// tsquery: the same, in PostgreSQL's syntax.
std::string tsquery_expression(const std::vector<QueryToken>& tokens) {
  std::string expression;
  for (const QueryToken& token : tokens) {
    if (!expression.empty()) expression += " & ";
    expression += "'" + token.text + "'" + (token.prefix ? ":*" : "");
  }
  return expression;
}

}  // namespace

Status index_document(store::Connection& connection, const SearchDocument& document) {
  if (Status removed = remove_document(connection, document.resource, document.record_id); !removed) return removed;
  // Tokens come from the Simplified form, so either script finds the record.
  Result<std::int64_t> inserted = connection.execute(
      "INSERT INTO search_documents (resource, record_id, name, name_en, synthetic, title_tokens, body_tokens) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {document.resource, document.record_id, document.name,
       document.name_en.empty() ? SqlValue() : SqlValue(document.name_en), std::int64_t{document.synthetic ? 1 : 0},
       index_tokens(to_simplified(document.title)), index_tokens(to_simplified(document.body))});
  if (!inserted) return inserted.error();
  return ok_status();
}

Status remove_document(store::Connection& connection, const std::string& resource, const std::string& record_id) {
  Result<std::int64_t> removed =
      connection.execute("DELETE FROM search_documents WHERE resource = ? AND record_id = ?", {resource, record_id});
  if (!removed) return removed.error();
  return ok_status();
}

Status clear_index(store::Connection& connection) {
  Result<std::int64_t> cleared = connection.execute("DELETE FROM search_documents");
  if (!cleared) return cleared.error();
  return ok_status();
}

Result<std::int64_t> document_count(store::Connection& connection) {
  Result<store::QueryResult> counted = connection.query("SELECT COUNT(*) FROM search_documents");
  if (!counted) return counted.error();
  return store::as_integer(counted->rows[0][0]).value_or(0);
}

Result<SearchResult> search(store::Connection& connection, const SearchQuery& query) {
  SearchResult result;
  result.simplified = to_simplified(query.text);
  const std::vector<QueryToken> tokens = query_tokens(result.simplified);
  if (tokens.empty()) {
    return Error{ErrorCode::kMalformed, "the query has no letters, digits or Chinese characters to search for",
                 {{"q", "give a word or at least one Chinese character"}}};
  }
  const bool sqlite = connection.dialect() == store::Dialect::kSqlite;
  std::vector<SqlValue> params = {sqlite ? fts5_expression(tokens) : tsquery_expression(tokens)};
  const std::string filter = resource_filter(query.resources, params);
  const std::string from =
      sqlite ? " FROM search_fts JOIN search_documents d ON d.id = search_fts.rowid WHERE search_fts MATCH ?"
             : " FROM search_documents d WHERE d.tsv @@ to_tsquery('simple', ?)";
  Result<store::QueryResult> counted = connection.query("SELECT COUNT(*)" + from + filter, params);
  if (!counted) return counted.error();
  result.total = store::as_integer(counted->rows[0][0]).value_or(0);

  // bm25 is lower-is-better; ts_rank higher-is-better: both come back higher-is-better.
  const std::string score = sqlite ? "-bm25(search_fts, 10.0, 1.0)"
                                   : "ts_rank(d.tsv, to_tsquery('simple', ?), 1)";
  std::vector<SqlValue> page_params;
  if (!sqlite) page_params.push_back(params.front());
  page_params.insert(page_params.end(), params.begin(), params.end());
  page_params.push_back(std::int64_t(query.limit));
  Result<store::QueryResult> rows = connection.query(
      "SELECT d.resource, d.record_id, d.name, d.name_en, d.synthetic, " + score + " AS score" + from + filter +
          " ORDER BY score DESC, d.record_id LIMIT ?",
      page_params);
  if (!rows) return rows.error();
  for (const store::Row& row : rows->rows) {
    result.hits.push_back({store::as_text(row[0]), store::as_text(row[1]), store::as_text(row[2]),
                           store::as_text(row[3]), store::as_integer(row[4]).value_or(0) != 0,
                           store::as_real(row[5]).value_or(0)});
  }
  return result;
}

}  // namespace alley::search
