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

// The version an If-Match header names; nullopt for "*" (any version).
// PreconditionRequired when the header is missing, Malformed when unreadable.
Result<std::optional<std::int64_t>> if_match_version(const HttpRequest& request);

// What a failed write leaves behind: nothing, or what it wrote before failing
// (a failed sign-in must still record the failure).
enum class OnFailure { kRollBack, kCommit };

// Leases a connection and runs `work` in a write transaction.
Result<Json> run_write(store::Database& database, const std::function<Result<Json>(store::Connection&)>& work,
                       OnFailure on_failure = OnFailure::kRollBack);

// Leases a connection for reading.
Result<Json> run_read(store::Database& database, const std::function<Result<Json>(store::Connection&)>& work);

}  // namespace alley::http
