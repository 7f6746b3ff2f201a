#pragma once
// Small pieces every handler needs: reading a JSON body, ETags, and running
// a write in a transaction.

#include <functional>
#include <optional>

#include "core/json.h"
#include "http/message.h"
#include "store/database.h"

namespace alley::http {

// 415 for another content type, 400 for an empty or malformed body.
Result<Json> parse_json_body(const HttpRequest& request);

std::string etag_for(std::int64_t version);

// A Content-Disposition that downloads as `file_name`: UTF-8, percent-encoded
// (RFC 6266, RFC 8187), with an ASCII fallback for old clients.
std::string content_disposition(const std::string& file_name);

// 200 with `bytes` as a download named `file_name`.
HttpResponse file_response(std::string bytes, const std::string& content_type, const std::string& file_name);

// A record as JSON with its version as the ETag; a failure as problem+json.
HttpResponse record_response(const Result<Json>& record, int status = 200);

// Where a page of a list starts and how long it is. Cursors are opaque to
// clients; today they carry the offset of the next page ("o<offset>").
struct PageWindow {
  std::size_t limit = 50;
  std::size_t offset = 0;
};

// No list holds a billion records: a cursor past that was not given out,
// and refusing it keeps every offset within what both backends count in.
constexpr std::size_t kMaxCursorOffset = 1'000'000'000;

// Reads `key` into `window` when it is `limit` (1–500), `cursor` or `offset`
// (for numbered pages): true when it was one of them, Malformed when its
// value is not valid.
Result<bool> read_page_control(const std::string& key, const std::string& value, PageWindow& window);

std::string encode_cursor(std::size_t offset);

// The `next` of a page of `count` items starting at `offset` out of `total`:
// its cursor, or null after the last page.
Json next_cursor(std::size_t offset, std::size_t count, std::int64_t total);

// The version an If-Match header names; nullopt for "*" (any version).
// PreconditionRequired when the header is missing, Malformed when unreadable.
Result<std::optional<std::int64_t>> if_match_version(const HttpRequest& request);

// Leases a connection and runs `work` in a write transaction, which a
// failure rolls back.
Result<Json> run_write(store::Database& database, const std::function<Result<Json>(store::Connection&)>& work);

// Leases a connection for reading.
Result<Json> run_read(store::Database& database, const std::function<Result<Json>(store::Connection&)>& work);

}  // namespace alley::http
