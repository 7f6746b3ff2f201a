#include "records/common_fields.h"

namespace alley::records {

using enum FieldType;

std::vector<FieldSpec> common_fields() {
  return {
      field("id", kText, "Stable identifier, [a-z0-9][a-z0-9_-]{0,63}; minted by the server when omitted on create")
          .labelled("编号", "ID")
          .longest(64)
          .sort(),
      field("name", kText, "Name in Simplified Chinese")
          .labelled("名称", "Name (Chinese)")
          .is_required()
          .sort()
          .longest(200),
      field("name_en", kText, "English name, where known").labelled("英文名称", "English name").sort().longest(300),
      field("description", kText, "Description in Simplified Chinese").labelled("简介", "Description"),
      field("source", kText, "Where the record comes from: seed document and section, a geodata file, or 'synthetic'")
          .labelled("来源", "Source")
          .is_required()
          .filter()
          .longest(500),
      field("synthetic", kBool, "True for generated demonstration records, which are not facts")
          .labelled("示例数据", "Synthetic")
          .set_by_staff()
          .filter(),
  };
}

std::vector<FieldSpec> geo_fields() {
  return {
      enum_field("geo_quality", {"surveyed", "derived", "approximate"},
                 "How good the position is: a published survey, derived from surveyed data, or an estimate")
          .labelled("位置精度", "Position quality")
          .values_labelled({{"实测", "Surveyed"}, {"推算", "Derived"}, {"估计", "Approximate"}})
          .filter(),
      enum_field("geo_datum_in", {"WGS84", "GCJ-02", "BD-09"},
                 "The datum the position was given in; it is stored converted to WGS84")
          .labelled("原始坐标系", "Original datum")
          .values_labelled({{"WGS84", "WGS84"}, {"GCJ-02", "GCJ-02"}, {"BD-09", "BD-09"}}),
      field("geo_source", kText, "Where the position came from or how it was estimated")
          .labelled("位置来源", "Position source")
          .longest(500),
  };
}

std::vector<FieldSpec> with(std::vector<FieldSpec> base, std::initializer_list<std::vector<FieldSpec>> more) {
  for (const auto& group : more) base.insert(base.end(), group.begin(), group.end());
  return base;
}

std::string record_table_sql(std::string_view name, std::string_view columns, bool with_geo_columns) {
  std::string sql =
      "CREATE TABLE " + std::string(name) +
      " (id TEXT PRIMARY KEY, name TEXT NOT NULL, name_en TEXT, description TEXT, source TEXT NOT NULL, "
      "synthetic INTEGER NOT NULL DEFAULT 0, version BIGINT NOT NULL DEFAULT 1, created_at TEXT NOT NULL, "
      "updated_at TEXT NOT NULL, deleted_at TEXT, ";
  if (with_geo_columns) sql += "geo_quality TEXT, geo_datum_in TEXT, geo_source TEXT, ";
  return sql + std::string(columns) + ");";
}

}  // namespace alley::records
