#pragma once
// A list's query string read as the generic list reads it: paging (limit,
// cursor, offset), sort, and every other parameter a filter of the
// resource's fields (language and datum aside), for the routes that serve a
// resource's records in another form (GeoJSON, a calendar).

#include "http/message.h"
#include "records/repository.h"

namespace alley::http {

// Malformed when the query string cannot be read or a page control is wrong.
Result<records::ListQuery> list_query(const HttpRequest& request);

}  // namespace alley::http
