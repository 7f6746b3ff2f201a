#pragma once
// Which records a signed-in user may change, beyond the route's access level:
// department and sub-district staff change the organizations and places
// (with their spaces) their department answers for (`responsible_department_id`);
// an enterprise user only its own organization; admins everything.

#include <optional>

#include "core/json.h"
#include "http/request_context.h"
#include "registry/repository.h"
#include "registry/resource_schema.h"
#include "store/database.h"

namespace alley::http {

// `current` is the record before the write (nullopt on create); `body` the
// request body, which may be completed: staff creating a record without a
// responsible department become responsible for it. Forbidden otherwise.
// Who the request writes as: its user's name for the audit log, and the
// standing that decides which fields it may set (administrators, district
// staff, or an organization's own user).
registry::Actor writer_of(const RequestContext& context);

Status check_record_permission(const RequestContext& context, const registry::ResourceSchema& schema,
                               store::Connection& connection, const std::optional<Json>& current, Json* body);

}  // namespace alley::http
