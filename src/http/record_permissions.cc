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
    if (current && schema.owned_by(user, *current)) return ok_status();
    // A record an organization files for itself (a demand) is created as its own.
    const bool files_own = !current && body && !schema.owner_field.empty() && schema.owner_field != "id" &&
                           body->is_object() && user.role == access::Role::kEnterprise && !user.org_id.empty();
    if (files_own) {
      if (!body->contains(schema.owner_field)) (*body)[schema.owner_field] = user.org_id;
      if ((*body)[schema.owner_field] == Json(user.org_id)) return ok_status();
      return Error(ErrorCode::kForbidden, "you may file only for your own organization").in_chinese("只能为本企业提交");
    }
    return Error(ErrorCode::kForbidden, "you may change only your own organization").in_chinese("只能修改本企业信息");
  }
  if (!schema.staff_guard)
    return Error(ErrorCode::kForbidden, "administrators maintain these records").in_chinese("此类记录由管理员维护");
  return schema.staff_guard(user, connection, current, body);
}

bool sees_private_fields(const RequestContext& context, const records::ResourceSchema& schema, const Json& record) {
  if (!schema.has_private_fields() || context.is_staff()) return true;
  return context.user && schema.owned_by(*context.user, record);
}

bool may_see_record(const RequestContext& context, const records::ResourceSchema& schema, const Json& record) {
  if (!schema.private_to_owner || context.is_staff()) return true;
  return context.user && schema.owned_by(*context.user, record);
}

Error unseen_record(const records::ResourceSchema& schema, const std::string& id) {
  return Error::not_found("no " + schema.singular + " " + id).in_chinese("没有这条" + schema.title_zh);
}

}  // namespace alley::http
