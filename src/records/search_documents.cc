#include "records/search_documents.h"

#include <nlohmann/json.hpp>

#include "search/search_index.h"

namespace alley::records {
namespace {

void append(std::string& text, const Json& record, const std::string& field) {
  if (!record.contains(field)) return;
  const Json& value = record[field];
  if (value.is_string()) {
    text += ' ' + value.get<std::string>();
  } else if (value.is_array()) {
    for (const Json& item : value) {
      if (item.is_string()) text += ' ' + item.get<std::string>();
    }
  }
}

Status index_record(store::Connection& connection, const search::ChineseScript& script, const ResourceSchema& schema,
                    const Json& record) {
  if (!schema.is_searchable()) return ok_status();
  search::SearchDocument document;
  document.resource = schema.name;
  document.record_id = record["id"].get<std::string>();
  document.name = record["name"].get<std::string>();
  document.name_en = record.value("name_en", "");
  document.synthetic = record.value("synthetic", false);
  document.title = document.name + ' ' + document.name_en;
  for (const std::string& field : schema.search_fields) append(document.body, record, field);
  if (schema.search_context) {
    if (Status added = schema.search_context(connection, record, document.body); !added) return added;
  }
  return search::index_document(connection, script, document);
}

}  // namespace

WriteHook search_index_hook(const ResourceSchema& schema, const search::ChineseScript& script) {
  return
      [&schema, &script](store::Connection& connection, const Actor&, const Json* before, const Json* after) -> Status {
        if (after) return index_record(connection, script, schema, *after);
        return search::remove_document(connection, schema.name, (*before)["id"].get<std::string>());
      };
}

Result<std::int64_t> ensure_search_index(store::Connection& connection, const search::ChineseScript& script,
                                         const std::deque<ResourceSchema>& resources) {
  std::int64_t live = 0;
  for (const ResourceSchema& schema : resources) {
    if (!schema.is_searchable()) continue;
    Result<store::QueryResult> counted =
        connection.query("SELECT COUNT(*) FROM " + schema.name + " WHERE deleted_at IS NULL");
    if (!counted) return counted.error();
    live += store::as_integer(counted->rows[0][0]).value_or(0);
  }
  Result<std::int64_t> indexed = search::document_count(connection);
  if (!indexed) return indexed.error();
  if (indexed.value() == live) return std::int64_t{0};
  if (Status cleared = search::clear_index(connection); !cleared) return cleared.error();
  std::int64_t written = 0;
  for (const ResourceSchema& schema : resources) {
    if (!schema.is_searchable()) continue;
    ListQuery query;
    query.limit = kMaxPageSize;
    while (true) {
      Result<Page> page = list_records(connection, schema, query);
      if (!page) return page.error();
      for (const Json& record : page->items) {
        if (Status indexed_one = index_record(connection, script, schema, record); !indexed_one)
          return indexed_one.error();
        ++written;
      }
      if (!page->next_offset) break;
      query.offset = *page->next_offset;
    }
  }
  return written;
}

}  // namespace alley::records
