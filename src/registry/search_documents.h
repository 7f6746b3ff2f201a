#pragma once
// What of the registry is searchable: organizations, places and spaces, by
// their names (any script), descriptions, addresses, sectors and tags. Keeps
// the index in step with every write.

#include "registry/repository.h"

namespace alley::registry {

bool is_searchable(const ResourceSchema& schema);

// REQUIRES: a write transaction. Indexes a live record again (or for the first time).
Status index_record(store::Connection& connection, const ResourceSchema& schema, const Json& record);

// REQUIRES: a write transaction.
Status unindex_record(store::Connection& connection, const ResourceSchema& schema, std::string_view id);

// Rebuilds the whole index when it does not hold one document per live
// searchable record (a database from before the index, or a fresh copy).
// Returns the number of documents written, 0 when nothing was needed.
// REQUIRES: a write transaction.
Result<std::int64_t> ensure_search_index(store::Connection& connection);

}  // namespace alley::registry
