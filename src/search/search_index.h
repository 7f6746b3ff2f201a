#pragma once
// The full-text index: one document per searchable record, its name and other
// text stored as CJK tokens (cjk_tokens.h), matched with SQLite FTS5 (bm25) or
// a PostgreSQL tsvector (ts_rank). Names weigh ten times more than the rest.
//
// REQUIRES for writes: a write transaction, the same one as the record's
// write, so the index is never behind what was acknowledged.

#include <string>
#include <vector>

#include "search/chinese_script.h"
#include "store/database.h"

namespace alley::search {

struct SearchDocument {
  std::string resource;
  std::string record_id;
  std::string name;
  std::string name_en;
  bool synthetic = false;
  std::string title;  // names, in any script
  std::string body;   // description, address, sectors, …
};

// The document's text is stored in `script`'s search form, as queries are matched.
Status index_document(store::Connection& connection, const ChineseScript& script, const SearchDocument& document);
Status remove_document(store::Connection& connection, const std::string& resource, const std::string& record_id);
Status clear_index(store::Connection& connection);
Result<std::int64_t> document_count(store::Connection& connection);

struct SearchHit {
  std::string resource;
  std::string record_id;
  std::string name;
  std::string name_en;
  bool synthetic = false;
  double score = 0;  // higher is better
};

struct SearchQuery {
  std::string text;                    // any script and usage; folded to the search form
  std::vector<std::string> resources;  // empty: all
  std::size_t limit = 20;
};

struct SearchResult {
  std::vector<SearchHit> hits;
  std::int64_t total = 0;
  std::string simplified;  // the query as matched (its search form)
};

// Invalid when the query holds nothing to search for.
Result<SearchResult> search(store::Connection& connection, const ChineseScript& script, const SearchQuery& query);

}  // namespace alley::search
