#pragma once
// Checks a write against a resource schema before anything touches the store.

#include <optional>
#include <string>

#include "core/error.h"
#include "core/json.h"
#include "records/resource_schema.h"

namespace alley::records {

// Applies `input` (a create body, or a PATCH body in JSON merge-patch style:
// null removes a field) to `before` (null on create) and returns the record as
// it would be stored, without server-managed fields. Unknown fields, wrong
// types, broken rules: an Invalid error listing every problem by field.
// References to other records are checked by the repository, which can see them.
// Forbidden, naming the fields, when `writer` sets or changes a field written
// by a higher standing (an enterprise its own tier); giving a field its
// current value is not a change.
Result<Json> validate_write(const ResourceSchema& schema, const Json& input, const Json* before,
                            Writer writer = Writer::kAdmin);

// What is wrong with one value of one field (type, limits, allowed values),
// in English and Chinese, or nullopt when it fits.
std::optional<FieldError> value_problem(const FieldSpec& spec, const Json& value);

}  // namespace alley::records
