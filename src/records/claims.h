#pragma once
// Claims: what a record's owner (an enterprise) says of itself in a field that
// decides policies or KPIs (FieldSpec::claimed_by_owner — a cultivation tier,
// the high-growth mark, headcount, revenue). The owner's write does not change
// the field; it is kept as a pending claim beside the record until district
// staff verify it (the field takes the claimed value) or reject it. Rules and
// KPIs read the field, so they read only verified values. A newer claim on the
// same field supersedes the pending one; every claim and decision is audited
// and kept.
//
// REQUIRES for every write function: a write transaction.

#include <string>

#include "records/resource_schema.h"
#include "store/migrations.h"

namespace alley::records {

// The table of claims, shared by every resource that has claimable fields.
store::Migration claims_migration();

// The claimable fields of `patch` that `actor` may only claim and whose value
// differs from `current` (null on create) are moved out of `patch` into the
// returned object, field by field.
Json take_claims(const ResourceSchema& schema, Json& patch, const Json* current, const Actor& actor);

// Records each claimed value as the pending claim on its field. Invalid (at
// the field) when a value is not one the field takes.
Status record_claims(store::Connection& connection, const ResourceSchema& schema, std::string_view record_id,
                     const Json& claimed, const Actor& actor);

// {field: {"value", "claimed_by", "claimed_at"}} for the record's pending claims.
Result<Json> pending_claims(store::Connection& connection, const ResourceSchema& schema, std::string_view record_id);

// Adds "claims" (as pending_claims) to `record` when it has any. For readers
// who see the record's private fields.
Status attach_pending_claims(store::Connection& connection, const ResourceSchema& schema, Json& record);

// Every pending claim of the resource, oldest first, each with the record's
// id and name and the field's current (verified) value.
Result<Json> pending_claims_of(store::Connection& connection, const ResourceSchema& schema);

// Verifies (the field takes the claimed value, through the usual validation
// and after-write hooks) or rejects the pending claim on `field`; returns the
// record as it now is. NotFound when there is no pending claim on it.
Result<Json> decide_claim(store::Connection& connection, const ResourceSchema& schema, std::string_view record_id,
                          const std::string& field, bool verified, const std::string& note, const Actor& actor);

}  // namespace alley::records
