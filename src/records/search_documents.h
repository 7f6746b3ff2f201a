#pragma once
// Keeps the full-text index in step with every write of a searchable
// resource: one document per live record, its names (any script) as the
// title and the fields its module lists (ResourceSchema::search_fields, and
// what search_context adds) as the body.

#include <deque>

#include "records/repository.h"

namespace alley::records {

// REQUIRES: a write transaction. Indexes a live record again (or for the first time).
Status index_record(store::Connection& connection, const ResourceSchema& schema, const Json& record);

// REQUIRES: a write transaction.
Status unindex_record(store::Connection& connection, const ResourceSchema& schema, std::string_view id);

// Rebuilds the whole index when it does not hold one document per live
// searchable record (a database from before the index, or a fresh copy).
// Returns the number of documents written, 0 when nothing was needed.
// REQUIRES: a write transaction.
Result<std::int64_t> ensure_search_index(store::Connection& connection, const std::deque<ResourceSchema>& resources);

}  // namespace alley::records
