#include "registry/after_write.h"

#include "policies/delivery.h"

namespace alley::registry {

Status follow_write(store::Connection& connection, const ResourceSchema& schema, const Json* before, const Json* after) {
  if (schema.name == "organizations") return policies::deliver_after_organization_write(connection, before, after);
  if (schema.name == "policies") return policies::deliver_after_policy_write(connection, before, after);
  return ok_status();
}

}  // namespace alley::registry
