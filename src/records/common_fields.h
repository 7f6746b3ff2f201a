#pragma once
// The fields every record has (id, names, source, synthetic) and those of
// everything with a position (its quality, datum and source), with the
// columns that store them: what modules build their resources from.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "records/resource_schema.h"

namespace alley::records {

std::vector<FieldSpec> common_fields();
std::vector<FieldSpec> geo_fields();

// `base` followed by each group.
std::vector<FieldSpec> with(std::vector<FieldSpec> base, std::initializer_list<std::vector<FieldSpec>> more);

// "CREATE TABLE name (<common columns>[<geo columns>]<columns>);": the
// repository reads version, timestamps and deleted_at from every record table.
std::string record_table_sql(std::string_view name, std::string_view columns, bool with_geo_columns = false);

// The words a module's resources.cc writes its resources in, brought in
// with `using namespace records::vocabulary;`.
namespace vocabulary {
using records::common_fields;
using records::enum_field;
using records::field;
using records::FieldSpec;
using records::geo_fields;
using records::reference_array_field;
using records::reference_field;
using records::ResourceSchema;
using records::with;
using enum records::FieldType;
}  // namespace vocabulary

}  // namespace alley::records
