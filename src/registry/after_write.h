#pragma once
// Work that must follow a registry write in the same transaction, so that it
// is done exactly when the write is: today, delivering policies
// (policies/delivery.h) after an organization or a policy changes.

#include "core/error.h"
#include "core/json.h"
#include "registry/resource_schema.h"

namespace alley::store {
class Connection;
}

namespace alley::registry {

// `before` is null on create, `after` null on delete. A failure rolls the write back.
Status follow_write(store::Connection& connection, const ResourceSchema& schema, const Json* before, const Json* after);

}  // namespace alley::registry
