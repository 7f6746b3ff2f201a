#pragma once
// Which records a signed-in user may change, beyond the route's access
// level: administrators everything; an enterprise user the records it owns
// (ResourceSchema::owner_field: its own organization's); department and
// sub-district staff what the resource's data scope
// (ResourceSchema::staff_guard) gives them.

#include <optional>

#include "core/json.h"
#include "http/request_context.h"
#include "records/repository.h"
#include "records/resource_schema.h"
#include "store/database.h"

namespace alley::http {

// Who the request writes as: its user's name for the audit log, and the
// standing that decides which fields it may set (administrators, district
// staff, or an organization's own user).
records::Actor writer_of(const RequestContext& context);

// `current` is the record before the write (nullopt on create); `body` the
// request body, which the scope may complete (staff creating a record
// without a responsible department become responsible for it). Forbidden
// otherwise.
Status check_record_permission(const RequestContext& context, const records::ResourceSchema& schema,
                               store::Connection& connection, const std::optional<Json>& current, Json* body);

// Whether the user sees the record's non-public fields: staff, and its owner.
bool sees_private_fields(const RequestContext& context, const records::ResourceSchema& schema, const Json& record);

// Whether the user may see the record at all: always, but where the resource
// is private to its owners (ResourceSchema::private_to_owner), only staff
// and its owners; to anyone else it is answered as unseen_record, not found.
bool may_see_record(const RequestContext& context, const records::ResourceSchema& schema, const Json& record);
Error unseen_record(const records::ResourceSchema& schema, const std::string& id);

}  // namespace alley::http
