#include "search/search_index.h"

#include <algorithm>

#include "search/chinese_script.h"
#include "search/cjk_tokens.h"

namespace alley::search {
namespace {

using store::SqlValue;

// How many matches, taken in index order, are ranked for a broad query: bm25
// over every one of 100,000 matches costs tens of milliseconds, so a query
// that matches more is ranked among its first name matches and its first
// matches anywhere. A query matching fewer is ranked exactly.
constexpr std::int64_t kRankedCandidates = 500;

std::string resource_filter(const std::vector<std::string>& resources, std::vector<SqlValue>& params) {
  if (resources.empty()) return "";
  std::string sql = " AND d.resource IN (";
  for (std::size_t i = 0; i < resources.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.push_back(resources[i]);
  }
  return sql + ")";
}

// FTS5: every token required; the last Latin word as a prefix. `names_only`
// restricts the match to the title column.
std::string fts5_expression(const std::vector<QueryToken>& tokens, bool names_only) {
  std::string expression;
  for (const QueryToken& token : tokens) {
    if (!expression.empty()) expression += " AND ";
    expression += "\"" + token.text + "\"" + (token.prefix ? " *" : "");
  }
  return names_only ? "{title_tokens} : (" + expression + ")" : expression;
}

// tsquery: the same in PostgreSQL's syntax; names carry weight A.
std::string tsquery_expression(const std::vector<QueryToken>& tokens, bool names_only) {
  std::string expression;
  for (const QueryToken& token : tokens) {
    if (!expression.empty()) expression += " & ";
    expression += "'" + token.text + "'";
    if (token.prefix || names_only)
      expression += std::string(":") + (token.prefix ? "*" : "") + (names_only ? "A" : "");
  }
  return expression;
}

struct Candidate {
  std::int64_t id;
  double score;  // higher is better
};

// The best-scoring of the first kRankedCandidates matches.
Result<std::vector<Candidate>> ranked_candidates(store::Connection& connection, const std::string& expression,
                                                 const std::string& filter, const std::vector<SqlValue>& filter_params,
                                                 std::size_t limit) {
  const bool sqlite = connection.dialect() == store::Dialect::kSqlite;
  // The join is only paid for when filtering by resource.
  const std::string join = filter.empty() ? "" : " JOIN search_documents d ON d.id = search_fts.rowid";
  const std::string inner =
      sqlite ? "SELECT search_fts.rowid AS id, -bm25(search_fts, 10.0, 1.0) AS score FROM search_fts" + join +
                   " WHERE search_fts MATCH ?"
             : "SELECT d.id AS id, ts_rank(d.tsv, to_tsquery('simple', ?), 1) AS score FROM search_documents d "
               "WHERE d.tsv @@ to_tsquery('simple', ?)";
  std::vector<SqlValue> params = {expression};
  if (!sqlite) params.push_back(expression);
  params.insert(params.end(), filter_params.begin(), filter_params.end());
  params.push_back(kRankedCandidates);
  params.push_back(std::int64_t(limit));
  Result<store::QueryResult> rows = connection.query(
      "SELECT id, score FROM (" + inner + filter + " LIMIT ?) candidates ORDER BY score DESC, id LIMIT ?", params);
  if (!rows) return rows.error();
  std::vector<Candidate> candidates;
  for (const store::Row& row : rows->rows) {
    candidates.push_back({store::as_integer(row[0]).value_or(0), store::as_real(row[1]).value_or(0)});
  }
  return candidates;
}

}  // namespace

Status index_document(store::Connection& connection, const ChineseScript& script, const SearchDocument& document) {
  if (Status removed = remove_document(connection, document.resource, document.record_id); !removed) return removed;
  // Tokens come from the Simplified form, so either script finds the record.
  Result<std::int64_t> inserted = connection.execute(
      "INSERT INTO search_documents (resource, record_id, name, name_en, synthetic, title_tokens, body_tokens) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {document.resource, document.record_id, document.name,
       document.name_en.empty() ? SqlValue() : SqlValue(document.name_en), std::int64_t{document.synthetic ? 1 : 0},
       index_tokens(script.search_form(document.title)), index_tokens(script.search_form(document.body))});
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

Result<SearchResult> search(store::Connection& connection, const ChineseScript& script, const SearchQuery& query) {
  SearchResult result;
  result.simplified = script.search_form(query.text);
  const std::vector<QueryToken> tokens = query_tokens(result.simplified);
  if (tokens.empty()) {
    return Error{ErrorCode::kMalformed,
                 "the query has no letters, digits or Chinese characters to search for",
                 {{"q", "give a word or at least one Chinese character"}}};
  }
  const bool sqlite = connection.dialect() == store::Dialect::kSqlite;
  auto expression = [&](bool names_only) {
    return sqlite ? fts5_expression(tokens, names_only) : tsquery_expression(tokens, names_only);
  };
  std::vector<SqlValue> filter_params;
  const std::string filter = resource_filter(query.resources, filter_params);

  std::vector<SqlValue> count_params = {expression(false)};
  count_params.insert(count_params.end(), filter_params.begin(), filter_params.end());
  Result<store::QueryResult> counted = connection.query(
      sqlite ? "SELECT COUNT(*) FROM search_fts" +
                   std::string(filter.empty() ? "" : " JOIN search_documents d ON d.id = search_fts.rowid") +
                   " WHERE search_fts MATCH ?" + filter
             : "SELECT COUNT(*) FROM search_documents d WHERE d.tsv @@ to_tsquery('simple', ?)" + filter,
      count_params);
  if (!counted) return counted.error();
  result.total = store::as_integer(counted->rows[0][0]).value_or(0);
  if (result.total == 0) return result;

  // Name matches, then matches anywhere; a record in both keeps its better score.
  std::vector<Candidate> best;
  for (bool names_only : {true, false}) {
    Result<std::vector<Candidate>> found =
        ranked_candidates(connection, expression(names_only), filter, filter_params, query.limit);
    if (!found) return found.error();
    for (const Candidate& candidate : found.value()) {
      auto same = std::find_if(best.begin(), best.end(), [&](const Candidate& c) { return c.id == candidate.id; });
      if (same == best.end()) {
        best.push_back(candidate);
      } else {
        same->score = std::max(same->score, candidate.score);
      }
    }
  }
  std::sort(best.begin(), best.end(), [](const Candidate& a, const Candidate& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  });
  if (best.size() > query.limit) best.resize(query.limit);

  std::string ids;
  std::vector<SqlValue> id_params;
  for (const Candidate& candidate : best) {
    ids += ids.empty() ? "?" : ", ?";
    id_params.push_back(candidate.id);
  }
  Result<store::QueryResult> rows = connection.query(
      "SELECT id, resource, record_id, name, name_en, synthetic FROM search_documents WHERE id IN (" + ids + ")",
      id_params);
  if (!rows) return rows.error();
  for (const Candidate& candidate : best) {
    for (const store::Row& row : rows->rows) {
      if (store::as_integer(row[0]).value_or(-1) != candidate.id) continue;
      result.hits.push_back({store::as_text(row[1]), store::as_text(row[2]), store::as_text(row[3]),
                             store::as_text(row[4]), store::as_integer(row[5]).value_or(0) != 0, candidate.score});
    }
  }
  return result;
}

}  // namespace alley::search
