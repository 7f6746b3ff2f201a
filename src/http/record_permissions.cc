#include "http/record_permissions.h"

#include <nlohmann/json.hpp>

namespace alley::http {

records::Actor writer_of(const RequestContext& context) {
  return {context.actor_name(), context.user ? context.user->id : std::string(),
          context.user ? context.user->standing() : access::Writer::kOwner};
}

Status check_record_permission(const RequestContext& context, const records::ResourceSchema& schema,
                               store::Connection& connection, const std::optional<Json>& current, Json* body) {
  if (!context.user || context.user->is_admin()) return ok_status();
  const access::User& user = *context.user;
  if (!user.is_staff()) {
    const bool own = schema.owned_by && current && schema.owned_by(user, current->value("id", ""));
    if (own) return ok_status();
    return Error(ErrorCode::kForbidden, "you may change only your own organization").in_chinese("只能修改本企业信息");
  }
  if (!schema.staff_guard)
    return Error(ErrorCode::kForbidden, "administrators maintain these records").in_chinese("此类记录由管理员维护");
  return schema.staff_guard(user, connection, current, body);
}

bool sees_private_fields(const RequestContext& context, const records::ResourceSchema& schema,
                         const std::string& record_id) {
  if (!schema.has_private_fields() || context.is_staff()) return true;
  return context.user && schema.owned_by && !record_id.empty() && schema.owned_by(*context.user, record_id);
}

}  // namespace alley::http
