#pragma once
// Keeps the full-text index in step with every write of a searchable
// resource: one document per live record, its names (any script) as the
// title and the fields its module lists (ResourceSchema::search_fields, and
// what search_context adds) as the body. The application adds the hook below
// to every searchable resource, so the repository knows nothing of search.

#include <deque>

#include "records/repository.h"

namespace alley::search {
class ChineseScript;
}

namespace alley::records {

// Indexes the record a write leaves live, or drops the one it deleted, in the
// write's own transaction. `schema` and `script` must outlive the hook.
WriteHook search_index_hook(const ResourceSchema& schema, const search::ChineseScript& script);

// Rebuilds the whole index when it does not hold one document per live
// searchable record (a database from before the index, or a fresh copy).
// Returns the number of documents written, 0 when nothing was needed.
// REQUIRES: a write transaction.
Result<std::int64_t> ensure_search_index(store::Connection& connection, const search::ChineseScript& script,
                                         const std::deque<ResourceSchema>& resources);

}  // namespace alley::records
