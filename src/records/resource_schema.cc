#include "records/resource_schema.h"

#include <nlohmann/json.hpp>

#include "access/user.h"

namespace alley::records {

FieldSpec field(std::string name, FieldType type, std::string description) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.type = type;
  spec.description = std::move(description);
  return spec;
}

FieldSpec enum_field(std::string name, std::vector<std::string> values, std::string description) {
  FieldSpec spec = field(std::move(name), FieldType::kEnum, std::move(description));
  spec.values = std::move(values);
  return spec;
}

FieldSpec reference_field(std::string name, std::string resource, std::string description) {
  FieldSpec spec = field(std::move(name), FieldType::kReference, std::move(description));
  spec.references = std::move(resource);
  return spec;
}

FieldSpec reference_array_field(std::string name, std::string resource, std::string description) {
  FieldSpec spec = field(std::move(name), FieldType::kTextArray, std::move(description));
  spec.references = std::move(resource);
  return spec;
}

const FieldSpec* ResourceSchema::find(std::string_view field_name) const {
  for (const FieldSpec& spec : fields) {
    if (spec.name == field_name) return &spec;
  }
  return nullptr;
}

bool ResourceSchema::owned_by(const access::User& user, const Json& record) const {
  if (owner_field.empty() || user.role != access::Role::kEnterprise || user.org_id.empty()) return false;
  const Json owner = record.is_object() ? record.value(owner_field, Json()) : Json();
  return owner.is_string() && owner.get<std::string>() == user.org_id;
}

bool ResourceSchema::has_claimable_fields() const {
  for (const FieldSpec& spec : fields) {
    if (spec.claimable) return true;
  }
  return false;
}

bool ResourceSchema::has_private_fields() const {
  for (const FieldSpec& spec : fields) {
    if (!spec.is_public) return true;
  }
  return false;
}

const std::vector<std::string>& server_managed_fields() {
  static const std::vector<std::string> names = {"version", "created_at", "updated_at"};
  return names;
}

}  // namespace alley::records
