// Enterprises registering themselves, and district staff approving or
// rejecting them (accounts/registrations.h).

#include <algorithm>
#include <nlohmann/json.hpp>

#include "accounts/module.h"
#include "accounts/password_policy.h"
#include "accounts/registrations.h"
#include "http/handler_support.h"
#include "http/problem.h"
#include "http/query_string.h"
#include "http/record_permissions.h"
#include "http/router.h"
#include "records/repository.h"

namespace alley::accounts {

using namespace http;  // the handler vocabulary: requests, responses, problems, routes
namespace {

const char* const kStatuses[] = {"pending", "approved", "rejected"};

std::string text_of(const Json& body, const char* name) {
  return body.contains(name) && body[name].is_string() ? body[name].get<std::string>() : std::string();
}

// Invalid for a field that is there but not text: a number for a telephone is
// a client's mistake worth saying, not an empty field.
Status only_text_fields(const Json& body, std::initializer_list<const char*> names) {
  std::vector<FieldError> errors;
  for (const auto& [key, value] : body.items()) {
    const bool known = std::find_if(names.begin(), names.end(), [&](const char* n) { return key == n; }) != names.end();
    if (!known) {
      errors.push_back({key, "is not a field of a registration", "不是注册申请的字段"});
    } else if (!value.is_string()) {
      errors.push_back({key, "must be text", "应为文本"});
    }
  }
  if (!errors.empty()) return Error::invalid("the registration cannot be read", std::move(errors));
  return ok_status();
}

Result<Json> decided_json(store::Connection& connection, const Registration& registration, const records::Actor& actor,
                          std::string_view action) {
  Json after = registration_json(registration, false);
  if (Status audited =
          records::append_audit(connection, actor, action, "registrations", registration.id, nullptr, &after);
      !audited) {
    return audited.error();
  }
  return after;
}

void add_submit_route(Router& router, store::Database* db) {
  router.add("POST", "/api/v1/registrations",
             [db](RequestContext& context, const HttpRequest& request, const PathParams&) {
               Result<Json> body = parse_json_body(request);
               if (!body) return problem_response(body.error());
               const Json& input = body.value();
               if (!input.is_object())
                 return problem_response(Error::malformed("send the registration as a JSON object"));
               if (Status typed = only_text_fields(
                       input, {"username", "password", "uscc", "contact_name", "contact_phone", "note"});
                   !typed) {
                 return problem_response(typed.error());
               }
               RegistrationRequest wanted{
                   text_of(input, "username"), text_of(input, "password"),     "",
                   text_of(input, "uscc"),     text_of(input, "contact_name"), text_of(input, "contact_phone"),
                   text_of(input, "note"),     context.remote_address};
               // Hashed before the write begins, as for any new password (users.h).
               Result<std::string> hash = password_hash_for(wanted.password, wanted.username);
               if (!hash) return problem_response(hash.error());
               wanted.password_hash = std::move(hash.value());
               Result<Json> submitted = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<Registration> made = submit_registration(connection, wanted);
                 if (!made) return made.error();
                 Json answer = registration_json(made.value(), false);
                 if (Status audited = records::append_audit(connection, writer_of(context), "create", "registrations",
                                                            made->id, nullptr, &answer);
                     !audited) {
                   return audited.error();
                 }
                 answer["message"] =
                     "received: the district's staff will check that you act for " + made->org_name +
                     "; sign in with this user name once they approve (申请已提交，街区工作人员核实后即可登录)";
                 return answer;
               });
               if (!submitted) {
                 HttpResponse refused = problem_response(submitted.error());
                 if (refused.status == 429) refused.set_header("Retry-After", "3600");
                 return refused;
               }
               return json_response(201, submitted.value());
             },
             {"register_enterprise",
              "Ask for an account of an organization in the registry, named by its 统一社会信用代码; staff approve it",
              "accounts",
              "registration_request",
              "registration",
              "application/json",
              {},
              {201, 400, 409, 413, 415, 422, 429},
              false,
              access::Access::kPublic});
}

void add_review_routes(Router& router, store::Database* db) {
  router.add(
      "GET", "/api/v1/registrations",
      [db](RequestContext&, const HttpRequest& request, const PathParams&) {
        auto pairs = parse_query(request.query);
        if (!pairs) return problem_response(Error::malformed("the query string is not valid"));
        std::string status;
        for (const auto& [key, value] : *pairs) {
          if (key == "status" && std::find(std::begin(kStatuses), std::end(kStatuses), value) != std::end(kStatuses)) {
            status = value;
          } else if (key != "lang") {
            return problem_response(Error{ErrorCode::kMalformed,
                                          "registrations are filtered by status: pending, approved or rejected",
                                          {{key, "unknown filter or value"}}});
          }
        }
        Result<Json> listed = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
          Result<std::vector<Registration>> found = list_registrations(connection, status);
          if (!found) return found.error();
          Json items = Json::array();
          for (const Registration& registration : found.value()) {
            Json item = registration_json(registration, false);
            Result<std::int64_t> accounts = enterprise_accounts_of(connection, registration.org_id);
            if (!accounts) return accounts.error();
            item["accounts_of_organization"] = accounts.value();
            items.push_back(std::move(item));
          }
          return Json{{"items", items}, {"total", items.size()}};
        });
        if (!listed) return problem_response(listed.error());
        return json_response(200, listed.value());
      },
      {"list_registrations",
       "Enterprises' registrations, newest first, their contacts masked",
       "accounts",
       "",
       "registration_page",
       "application/json",
       {{"status", "string", "pending, approved or rejected; all when absent", {"pending", "approved", "rejected"}}},
       {200, 400, 401, 403},
       false,
       access::Access::kStaff});

  // The contacts in full, for the staff member who calls the applicant; the
  // read is in the audit log, since it shows a person's telephone.
  router.add("GET", "/api/v1/registrations/{id}",
             [db](RequestContext& context, const HttpRequest&, const PathParams& params) {
               Result<Json> read = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<std::optional<Registration>> found = find_registration(connection, params.at("id"));
                 if (!found) return found.error();
                 if (!found.value()) return Error::not_found("no registration has this id");
                 Json item = registration_json(*found.value(), true);
                 Result<std::int64_t> accounts = enterprise_accounts_of(connection, found.value()->org_id);
                 if (!accounts) return accounts.error();
                 item["accounts_of_organization"] = accounts.value();
                 if (found.value()->status == "pending") {
                   if (Status audited = records::append_audit(connection, writer_of(context), "read_contact",
                                                              "registrations", found.value()->id, nullptr, nullptr);
                       !audited) {
                     return audited.error();
                   }
                 }
                 return item;
               });
               if (!read) return problem_response(read.error());
               return json_response(200, read.value());
             },
             {"get_registration",
              "One registration with the applicant's contact in full while it waits (the read is audited)",
              "accounts",
              "",
              "registration",
              "application/json",
              {},
              {200, 401, 403, 404},
              false,
              access::Access::kStaff});

  router.add("POST", "/api/v1/registrations/{id}/approve",
             [db](RequestContext& context, const HttpRequest& request, const PathParams& params) {
               if (!request.body.empty()) {
                 Result<Json> body = parse_json_body(request);
                 if (!body) return problem_response(body.error());
               }
               Result<Json> approved = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<Registration> decided = approve_registration(connection, params.at("id"), context.actor_name());
                 if (!decided) return decided.error();
                 return decided_json(connection, decided.value(), writer_of(context), "approve");
               });
               if (!approved) return problem_response(approved.error());
               return json_response(200, approved.value());
             },
             {"approve_registration",
              "Approve a registration: the enterprise's user is made, and may sign in",
              "accounts",
              "",
              "registration",
              "application/json",
              {},
              {200, 400, 401, 403, 404, 409, 415},
              false,
              access::Access::kStaff});

  router.add(
      "POST", "/api/v1/registrations/{id}/reject",
      [db](RequestContext& context, const HttpRequest& request, const PathParams& params) {
        Result<Json> body = parse_json_body(request);
        if (!body) return problem_response(body.error());
        if (!body->is_object()) return problem_response(Error::malformed("send the reason as a JSON object"));
        if (body->contains("reason") && !(*body)["reason"].is_string()) {
          return problem_response(Error::invalid("a rejection says why", {{"reason", "must be text", "应为文本"}}));
        }
        Result<Json> rejected = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
          Result<Registration> decided =
              reject_registration(connection, params.at("id"), context.actor_name(), text_of(body.value(), "reason"));
          if (!decided) return decided.error();
          return decided_json(connection, decided.value(), writer_of(context), "reject");
        });
        if (!rejected) return problem_response(rejected.error());
        return json_response(200, rejected.value());
      },
      {"reject_registration",
       "Reject a registration, saying why (the applicant reads it when signing in)",
       "accounts",
       "registration_decision",
       "registration",
       "application/json",
       {},
       {200, 400, 401, 403, 404, 409, 415, 422},
       false,
       access::Access::kStaff});
}

}  // namespace

void add_registration_routes(Router& router, store::Database* db) {
  add_submit_route(router, db);
  add_review_routes(router, db);
  router.add_schemas([](Json& schemas) {
    const Json text = {{"type", "string"}};
    const Json nullable_text = {{"type", {"string", "null"}}};
    schemas["registration_request"] = {
        {"type", "object"},
        {"required", {"username", "password", "uscc", "contact_name", "contact_phone"}},
        {"properties",
         {{"username",
           {{"type", "string"}, {"minLength", 1}, {"maxLength", 40}, {"title", "用户名"}, {"x-title-en", "User name"}}},
          {"password",
           {{"type", "string"},
            {"minLength", kMinimumPasswordLength},
            {"maxLength", kMaximumPasswordLength},
            {"title", "密码"},
            {"x-title-en", "Password"}}},
          {"uscc", {{"type", "string"}, {"title", "统一社会信用代码"}, {"x-title-en", "Unified social credit code"}}},
          {"contact_name", {{"type", "string"}, {"maxLength", 40}, {"title", "联系人"}, {"x-title-en", "Contact"}}},
          {"contact_phone", {{"type", "string"}, {"title", "联系电话"}, {"x-title-en", "Telephone"}}},
          {"note", {{"type", "string"}, {"maxLength", 500}, {"title", "备注"}, {"x-title-en", "Note"}}}}},
        {"additionalProperties", false}};
    schemas["registration"] = {
        {"type", "object"},
        {"required", {"id", "status", "username", "uscc", "organization", "created_at"}},
        {"properties",
         {{"id", text},
          {"status", {{"type", "string"}, {"enum", {"pending", "approved", "rejected"}}}},
          {"username", text},
          {"uscc", text},
          {"organization",
           {{"type", "object"},
            {"properties",
             {{"id", {{"type", "string"}, {"x-references", "organizations"}}}, {"name", nullable_text}}}}},
          {"contact_name", {{"type", {"string", "null"}}, {"description", "masked in lists; erased by the decision"}}},
          {"contact_phone", {{"type", {"string", "null"}}, {"description", "masked in lists; erased by the decision"}}},
          {"note", nullable_text},
          {"created_at", {{"type", "string"}, {"format", "date-time"}}},
          {"decided_at", nullable_text},
          {"decided_by", nullable_text},
          {"reason", nullable_text},
          {"user_id", nullable_text},
          {"accounts_of_organization", {{"type", "integer"}}},
          {"message", text}}}};
    schemas["registration_page"] = {
        {"type", "object"},
        {"required", {"items", "total"}},
        {"properties",
         {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/registration"}}}}},
          {"total", {{"type", "integer"}}}}}};
    schemas["registration_decision"] = {
        {"type", "object"},
        {"required", {"reason"}},
        {"properties", {{"reason", {{"type", "string"}, {"minLength", 1}, {"maxLength", 500}}}}}};
  });
}

}  // namespace alley::accounts
