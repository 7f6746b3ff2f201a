#include "attachments/attachments.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "attachments/file_kinds.h"
#include "core/base64.h"
#include "core/clock.h"
#include "core/ids.h"
#include "records/repository.h"
#include "store/database.h"

namespace alley::attachments {
namespace {

const char* const kColumns =
    "id, resource, record_id, file_name, content_type, size_bytes, sha256, uploaded_at, uploaded_by, deleted_at";

Json description_of(const store::Row& row) {
  return {{"id", store::as_text(row[0])},           {"resource", store::as_text(row[1])},
          {"record_id", store::as_text(row[2])},    {"file_name", store::as_text(row[3])},
          {"content_type", store::as_text(row[4])}, {"size_bytes", store::as_integer(row[5]).value_or(0)},
          {"sha256", store::as_text(row[6])},       {"uploaded_at", store::as_text(row[7])},
          {"uploaded_by", store::as_text(row[8])}};
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace

Result<Json> add_attachment(store::Connection& connection, const records::ResourceSchema& schema,
                            const std::string& record_id, const NewFile& file, const records::Actor& actor) {
  const CheckedName name = checked_file_name(file.file_name);
  if (!name.problem.empty()) return Error::invalid(name.problem, {{"file_name", name.problem}});
  if (file.bytes.empty()) return Error::invalid("the file is empty", {{"file", "is empty"}});
  if (file.bytes.size() > kMaxFileBytes) {
    return Error{ErrorCode::kTooLarge, "a file may be at most " + std::to_string(kMaxFileBytes >> 20) + " MiB", {}};
  }
  const std::optional<std::string> type = content_type_of(file.bytes, name.name);
  if (!type) {
    return Error{ErrorCode::kUnsupportedMediaType,
                 "Alley keeps PDF, PNG and JPEG images, Word, Excel and PowerPoint files (.docx, .xlsx, .pptx) and "
                 "UTF-8 text; " +
                     name.name + " is none of these, or its name says another kind than its content is",
                 {}};
  }
  Json description = {{"id", new_id("file")},
                      {"resource", schema.name},
                      {"record_id", record_id},
                      {"file_name", name.name},
                      {"content_type", *type},
                      {"size_bytes", std::int64_t(file.bytes.size())},
                      {"sha256", sha256_hex(file.bytes)},
                      {"uploaded_at", connection.clock().now_iso8601()},
                      {"uploaded_by", actor.name}};
  Result<std::int64_t> inserted = connection.execute(
      "INSERT INTO attachments (id, resource, record_id, file_name, content_type, size_bytes, sha256, uploaded_at, "
      "uploaded_by, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {description["id"].get<std::string>(), schema.name, record_id, name.name, *type, std::int64_t(file.bytes.size()),
       description["sha256"].get<std::string>(), description["uploaded_at"].get<std::string>(), actor.name,
       base64_encode(file.bytes)});
  if (!inserted) return inserted.error();
  const Json audited = {{"attachment", description}};
  if (Status logged = records::append_audit(connection, actor, "attach", schema.name, record_id, nullptr, &audited);
      !logged) {
    return logged.error();
  }
  return description;
}

Result<Json> list_attachments(store::Connection& connection, const std::string& resource,
                              const std::string& record_id) {
  Result<store::QueryResult> rows = connection.query(std::string("SELECT ") + kColumns +
                                                         " FROM attachments WHERE resource = ? AND record_id = ? AND "
                                                         "deleted_at IS NULL ORDER BY uploaded_at, id",
                                                     {resource, record_id});
  if (!rows) return rows.error();
  Json items = Json::array();
  for (const store::Row& row : rows->rows) items.push_back(description_of(row));
  return items;
}

Result<Json> find_attachment(store::Connection& connection, const std::string& id) {
  Result<store::QueryResult> rows =
      connection.query(std::string("SELECT ") + kColumns + " FROM attachments WHERE id = ?", {id});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return Error::not_found("there is no attached file " + id);
  if (!store::is_null(rows->rows[0][9])) return Error{ErrorCode::kGone, "the file " + id + " was deleted", {}};
  return description_of(rows->rows[0]);
}

Result<std::string> attachment_content(store::Connection& connection, const std::string& id) {
  Result<store::QueryResult> rows = connection.query("SELECT content FROM attachments WHERE id = ?", {id});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return Error::not_found("there is no attached file " + id);
  std::optional<std::string> bytes = base64_decode(store::as_text(rows->rows[0][0]));
  if (!bytes) return Error::internal("the stored content of file " + id + " is damaged");
  return std::move(*bytes);
}

Status delete_attachment(store::Connection& connection, const Json& attachment, const records::Actor& actor) {
  Result<std::int64_t> marked =
      connection.execute("UPDATE attachments SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL",
                         {connection.clock().now_iso8601(), actor.name, attachment["id"].get<std::string>()});
  if (!marked) return marked.error();
  const Json audited = {{"attachment", attachment}};
  return records::append_audit(connection, actor, "detach", attachment["resource"].get<std::string>(),
                               attachment["record_id"].get<std::string>(), &audited, nullptr);
}

Result<Json> attachments_of_record(store::Connection& connection, const std::string& resource,
                                   const std::string& record_id, const Json& ids, const std::string& field) {
  Json described = Json::array();
  for (const Json& id : ids) {
    Result<Json> found = find_attachment(connection, id.get<std::string>());
    if (!found || found.value()["resource"] != resource || found.value()["record_id"] != record_id) {
      const std::string problem = "lists " + id.get<std::string>() + ", which is not a file attached to " + record_id;
      return Error::invalid("the files cited must be attached to the record first", {{field, problem}});
    }
    Json brief = found.value();
    for (const char* dropped : {"resource", "record_id", "sha256", "uploaded_by"}) brief.erase(dropped);
    described.push_back(std::move(brief));
  }
  return described;
}

}  // namespace alley::attachments
