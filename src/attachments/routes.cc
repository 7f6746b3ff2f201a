// The routes of attached files: for each resource that accepts them,
// POST and GET /api/v1/<resource>/{id}/attachments; for any file,
// GET and DELETE /api/v1/attachments/{id}. Adding or deleting needs the
// right to change the record; reading, the right to see its private fields.

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "attachments/attachments.h"
#include "attachments/module.h"
#include "http/handler_support.h"
#include "http/problem.h"
#include "http/query_string.h"
#include "http/record_permissions.h"
#include "http/router.h"
#include "records/repository.h"

namespace alley::attachments {

using namespace http;  // the handler vocabulary: requests, responses, problems, routes
namespace {

// Another's record that only its owners see is answered as one that does not exist.
Status may_read(const RequestContext& context, const records::ResourceSchema& schema, const Json& record) {
  if (context.is_staff()) return ok_status();
  if (context.user && schema.owned_by(*context.user, record)) return ok_status();
  if (!may_see_record(context, schema, record)) return unseen_record(schema, record.value("id", ""));
  return Error{ErrorCode::kForbidden,
               "the files attached to a " + schema.singular + " are for staff and the organization it belongs to",
               {}};
}

// Files of records an enterprise owns are its to read too; others are the district staff's.
access::Access readers_of(const records::ResourceSchema& schema) {
  return schema.owner_field.empty() ? access::Access::kStaff : access::Access::kSignedIn;
}

void add_record_file_routes(Router& router, store::Database* db, const records::ResourceSchema& schema) {
  const std::string path = "/api/v1/" + schema.name + "/{id}/attachments";
  router.add("POST", path,
             [db, &schema](RequestContext& context, const HttpRequest& request, const PathParams& params) {
               auto pairs = parse_query(request.query);
               if (!pairs) return problem_response(Error::malformed("the query string is not valid"));
               NewFile file;
               for (const auto& [key, value] : *pairs) {
                 if (key == "file_name") {
                   file.file_name = value;
                 } else if (key != "lang") {
                   return problem_response(Error{
                       ErrorCode::kMalformed, "a file is sent as the body, named by file_name=…", {{key, "unknown"}}});
                 }
               }
               Result<Json> added = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<Json> current = records::get_record(connection, schema, params.at("id"));
                 if (!current) return current.error();
                 if (Status allowed = check_record_permission(context, schema, connection, current.value(), nullptr);
                     !allowed) {
                   return allowed.error();
                 }
                 file.bytes = request.body;
                 return add_attachment(connection, schema, params.at("id"), file, writer_of(context));
               });
               if (!added) return problem_response(added.error());
               return json_response(201, added.value());
             },
             {"attach_" + schema.singular + "_file",
              "Attach a file to a " + schema.singular +
                  ": the body is the file (PDF, PNG, JPEG, .docx, .xlsx, .pptx or UTF-8 text; at most 8 MiB), "
                  "file_name=… its name",
              schema.name,
              "",
              "attachment",
              "application/json",
              {{"file_name", "string", "the file's name, as the reader will see it"}},
              {201, 400, 401, 403, 404, 410, 413, 415, 422},
              false,
              readers_of(schema),
              kMaxFileBytes});
  router.add("GET", path,
             [db, &schema](RequestContext& context, const HttpRequest&, const PathParams& params) {
               Result<Json> listed = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<Json> current = records::get_record(connection, schema, params.at("id"));
                 if (!current) return current.error();
                 if (Status allowed = may_read(context, schema, current.value()); !allowed) return allowed.error();
                 Result<Json> items = list_attachments(connection, schema.name, params.at("id"));
                 if (!items) return items.error();
                 return Json{{"items", items.value()}};
               });
               if (!listed) return problem_response(listed.error());
               return json_response(200, listed.value());
             },
             {"list_" + schema.singular + "_files",
              "The files attached to a " + schema.singular + ", oldest first",
              schema.name,
              "",
              "attachment_list",
              "application/json",
              {},
              {200, 401, 403, 404, 410},
              false,
              readers_of(schema)});
}

// A file, its record's resource and the record.
struct AttachedFile {
  Json file;
  const records::ResourceSchema* schema = nullptr;
  Json record;
};

Result<AttachedFile> file_and_record(store::Connection& connection, const catalog::Catalog& catalog,
                                     const std::string& id) {
  Result<Json> file = find_attachment(connection, id);
  if (!file) return file.error();
  const records::ResourceSchema* schema = catalog.find(file.value()["resource"].get<std::string>());
  if (!schema) return Error::not_found("there is no attached file " + id);
  Result<Json> record = records::get_record(connection, *schema, file.value()["record_id"].get<std::string>());
  if (!record) return record.error();
  return AttachedFile{std::move(file.value()), schema, std::move(record.value())};
}

}  // namespace

void add_routes(Router& router, app::App& app) {
  store::Database* db = &app.database();
  const catalog::Catalog* catalog = &app.catalog();
  access::Access any_file = access::Access::kStaff;
  for (const records::ResourceSchema& schema : app.catalog().resources()) {
    if (!schema.accepts_attachments) continue;
    add_record_file_routes(router, db, schema);
    if (readers_of(schema) == access::Access::kSignedIn) any_file = access::Access::kSignedIn;
  }
  router.add("GET", "/api/v1/attachments/{id}",
             [db, catalog](RequestContext& context, const HttpRequest&, const PathParams& params) {
               std::string content;
               Result<Json> description = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 auto found = file_and_record(connection, *catalog, params.at("id"));
                 if (!found) return found.error();
                 if (Status allowed = may_read(context, *found->schema, found->record); !allowed)
                   return allowed.error();
                 Result<std::string> bytes = attachment_content(connection, params.at("id"));
                 if (!bytes) return bytes.error();
                 content = std::move(bytes.value());
                 return found->file;
               });
               if (!description) return problem_response(description.error());
               HttpResponse response;
               response.status = 200;
               response.body = std::move(content);
               response.set_header("Content-Type", description.value()["content_type"].get<std::string>());
               response.set_header("Content-Disposition",
                                   content_disposition(description.value()["file_name"].get<std::string>()));
               response.set_header("Cache-Control", "private, no-store");
               return response;
             },
             {"get_file",
              "An attached file's content, as a download",
              "attachments",
              "",
              "",
              "application/octet-stream",
              {},
              {200, 401, 403, 404, 410},
              false,
              any_file});
  router.add("DELETE", "/api/v1/attachments/{id}",
             [db, catalog](RequestContext& context, const HttpRequest&, const PathParams& params) {
               Result<Json> deleted = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
                 auto found = file_and_record(connection, *catalog, params.at("id"));
                 if (!found) return found.error();
                 const records::ResourceSchema& schema = *found->schema;
                 if (!may_see_record(context, schema, found->record))
                   return unseen_record(schema, found->record.value("id", ""));
                 if (Status allowed = check_record_permission(context, schema, connection, found->record, nullptr);
                     !allowed) {
                   return allowed.error();
                 }
                 if (Status done = delete_attachment(connection, found->file, writer_of(context)); !done) {
                   return done.error();
                 }
                 return Json();
               });
               if (!deleted) return problem_response(deleted.error());
               HttpResponse response;
               response.status = 204;
               return response;
             },
             {"delete_file",
              "Delete an attached file (kept, marked deleted; the record's audit log says who)",
              "attachments",
              "",
              "",
              "",
              {},
              {204, 401, 403, 404, 410},
              false,
              any_file});
  router.add_schemas([](Json& schemas) {
    schemas["attachment"] = {
        {"type", "object"},
        {"required",
         {"id", "resource", "record_id", "file_name", "content_type", "size_bytes", "sha256", "uploaded_at",
          "uploaded_by"}},
        {"properties",
         {{"id", {{"type", "string"}}},
          {"file_name", {{"type", "string"}}},
          {"content_type", {{"type", "string"}, {"description", "told by the file's bytes, not by the sender"}}},
          {"size_bytes", {{"type", "integer"}}},
          {"sha256", {{"type", "string"}}}}}};
    schemas["attachment_list"] = {
        {"type", "object"},
        {"required", {"items"}},
        {"properties", {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/attachment"}}}}}}}};
  });
}

}  // namespace alley::attachments
