#include "records/resource_schema.h"

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
