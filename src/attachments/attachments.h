#pragma once
// Files attached to records (a task's evidence; later a street problem's
// photo), kept in the database with the record so that a backup or a copy
// holds them too: base64 in a text column, which both backends store alike.
// They are never removed, only marked deleted, and each addition or deletion
// is in the audit log of its record.
//
// REQUIRES for every write function: a write transaction.

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "records/resource_schema.h"

namespace alley::store {
class Connection;
}

namespace alley::attachments {

constexpr std::size_t kMaxFileBytes = 8u << 20;  // 8 MiB: a scanned page, a photo, a spreadsheet

struct NewFile {
  std::string file_name;  // as sent; checked here
  std::string bytes;
};

// The attachment's description ({id, resource, record_id, file_name,
// content_type, size_bytes, sha256, uploaded_at, uploaded_by}). Invalid for
// an empty or nameless file, Unsupported for a kind Alley does not keep.
Result<Json> add_attachment(store::Connection& connection, const records::ResourceSchema& schema,
                            const std::string& record_id, const NewFile& file, const records::Actor& actor);

// The record's live attachments, oldest first.
Result<Json> list_attachments(store::Connection& connection, const std::string& resource, const std::string& record_id);

// One attachment's description (NotFound, Gone when deleted).
Result<Json> find_attachment(store::Connection& connection, const std::string& id);

// Its bytes. REQUIRES: `id` names a live attachment.
Result<std::string> attachment_content(store::Connection& connection, const std::string& id);

Status delete_attachment(store::Connection& connection, const Json& attachment, const records::Actor& actor);

// The descriptions of `ids`, each a live attachment of the record; Invalid
// naming `field` otherwise (a progress report citing another task's file).
Result<Json> attachments_of_record(store::Connection& connection, const std::string& resource,
                                   const std::string& record_id, const Json& ids, const std::string& field);

}  // namespace alley::attachments
