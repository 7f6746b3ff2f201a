// Signing in and out, users (for admins), personal API tokens, and the audit log.

#include <charconv>
#include <nlohmann/json.hpp>

#include "accounts/authentication.h"
#include "accounts/login.h"
#include "accounts/module.h"
#include "accounts/password_policy.h"
#include "accounts/sessions.h"
#include "accounts/users.h"
#include "app/app.h"
#include "core/clock.h"
#include "http/handler_support.h"
#include "http/problem.h"
#include "http/query_string.h"
#include "http/router.h"
#include "records/repository.h"

namespace alley::accounts {

using namespace http;  // the handler vocabulary: requests, responses, problems, routes
namespace {

std::string session_cookie(const RequestContext& context, const std::string& value, long long max_age) {
  std::string cookie = std::string(kSessionCookie) + "=" + value +
                       "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age);
  // Behind TLS (a trusted proxy says so), the cookie never travels in clear text.
  if (context.over_tls) cookie += "; Secure";
  return cookie;
}

const User& account_of(const RequestContext& context) { return *context.user; }

std::string text_field(const Json& body, const char* name) {
  return body.contains(name) && body[name].is_string() ? body[name].get<std::string>() : std::string();
}

void add_session_routes(Router& router, store::Database* db) {
  router.add("POST", "/api/v1/session",
             [db](RequestContext& context, const HttpRequest& request, const PathParams&) {
               Result<Json> body = parse_json_body(request);
               if (!body) return problem_response(body.error());
               Result<accounts::Session> session =
                   accounts::log_in(*db, text_field(body.value(), "username"), text_field(body.value(), "password"),
                                    context.remote_address);
               if (!session) {
                 HttpResponse refused = problem_response(session.error());
                 if (refused.status == 429) refused.set_header("Retry-After", "900");
                 return refused;
               }
               HttpResponse response = json_response(200, Json{{"user", accounts::user_json(session->user)},
                                                               {"csrf_token", session->csrf_token},
                                                               {"expires_at", session->expires_at}});
               response.set_header("Set-Cookie", session_cookie(context, session->token, accounts::kSessionSeconds));
               return response;
             },
             {"sign_in",
              "Sign in with user name and password; sets the session cookie",
              "accounts",
              "credentials",
              "session",
              "application/json",
              {},
              {200, 400, 401, 403, 415, 429},
              false,
              access::Access::kPublic});

  router.add("GET", "/api/v1/session",
             [db](RequestContext& context, const HttpRequest& request, const PathParams&) {
               Json body = {{"user", accounts::user_json(account_of(context))}};
               const std::string cookie = cookie_value(request, kSessionCookie);
               if (!cookie.empty()) {
                 Result<Json> found = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                   Result<std::optional<accounts::Authenticated>> session = accounts::session_user(connection, cookie);
                   if (!session) return session.error();
                   return session.value() ? Json(session.value()->csrf_token) : Json();
                 });
                 if (found && !found.value().is_null()) body["csrf_token"] = found.value();
               }
               return json_response(200, body);
             },
             {"current_session",
              "Who is signed in (and the CSRF token of a cookie session)",
              "accounts",
              "",
              "session",
              "application/json",
              {},
              {200, 401},
              false,
              access::Access::kSignedIn});

  router.add(
      "DELETE", "/api/v1/session",
      [db](RequestContext& context, const HttpRequest& request, const PathParams&) {
        const std::string cookie = cookie_value(request, kSessionCookie);
        if (!cookie.empty()) {
          Result<Json> ended = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
            if (Status done = accounts::end_session(connection, cookie); !done) return done.error();
            return Json();
          });
          if (!ended) return problem_response(ended.error());
        }
        HttpResponse response;
        response.status = 204;
        response.set_header("Set-Cookie", session_cookie(context, "", 0));
        return response;
      },
      {"sign_out", "Sign out: ends the session", "accounts", "", "", "", {}, {204}, false, access::Access::kPublic});
}

void add_user_routes(Router& router, store::Database* db) {
  router.add("GET", "/api/v1/users",
             [db](RequestContext&, const HttpRequest&, const PathParams&) {
               Result<Json> listed = run_read(*db, [](store::Connection& connection) -> Result<Json> {
                 Result<std::vector<accounts::User>> users = accounts::list_users(connection);
                 if (!users) return users.error();
                 Json items = Json::array();
                 for (const accounts::User& user : users.value()) items.push_back(accounts::user_json(user));
                 return Json{{"items", items}, {"total", items.size()}, {"next", nullptr}};
               });
               if (!listed) return problem_response(listed.error());
               return json_response(200, listed.value());
             },
             {"list_users",
              "Users and their roles",
              "accounts",
              "",
              "user_page",
              "application/json",
              {},
              {200, 401, 403},
              false,
              access::Access::kAdmin});

  // Whom a staff member may name as the owner of a next step: themselves and
  // their department's staff (administrators: all staff). User names and
  // departments only, which every colleague already sees on a record's history.
  router.add("GET", "/api/v1/colleagues",
             [db](RequestContext& context, const HttpRequest&, const PathParams&) {
               Result<Json> listed = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<std::vector<accounts::User>> users = accounts::list_users(connection);
                 if (!users) return users.error();
                 const access::User& me = *context.user;
                 Json items = Json::array();
                 for (const accounts::User& user : users.value()) {
                   if (user.disabled || !user.is_staff()) continue;
                   if (!me.is_admin() && user.id != me.id &&
                       (me.department_id.empty() || user.department_id != me.department_id)) {
                     continue;
                   }
                   items.push_back({{"id", user.id},
                                    {"username", user.username},
                                    {"role", access::role_name(user.role)},
                                    {"department_id", user.department_id.empty() ? Json() : Json(user.department_id)}});
                 }
                 return Json{{"items", items}, {"total", items.size()}};
               });
               if (!listed) return problem_response(listed.error());
               return json_response(200, listed.value());
             },
             {"list_colleagues",
              "The staff you may name as the owner of a next step: your department's (administrators: all staff)",
              "accounts",
              "",
              "colleague_list",
              "application/json",
              {},
              {200, 401, 403},
              false,
              access::Access::kStaff});

  router.add("POST", "/api/v1/users",
             [db](RequestContext& context, const HttpRequest& request, const PathParams&) {
               Result<Json> body = parse_json_body(request);
               if (!body) return problem_response(body.error());
               const Json& input = body.value();
               accounts::NewUser wanted{text_field(input, "username"),      text_field(input, "role"),
                                        text_field(input, "department_id"), text_field(input, "org_id"),
                                        text_field(input, "password"),      ""};
               Result<std::string> hash = accounts::password_hash_for(wanted.password, wanted.username);
               if (!hash) return problem_response(hash.error());
               wanted.password_hash = std::move(hash.value());
               Result<Json> created = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<accounts::User> user = accounts::create_user(connection, wanted);
                 if (!user) return user.error();
                 Json after = accounts::user_json(user.value());
                 if (Status audited = records::append_audit(connection, {context.actor_name()}, "create", "users",
                                                            user->id, nullptr, &after);
                     !audited) {
                   return audited.error();
                 }
                 return after;
               });
               if (!created) return problem_response(created.error());
               return json_response(201, created.value());
             },
             {"create_user",
              "Create a user (admins only)",
              "accounts",
              "new_user",
              "user",
              "application/json",
              {},
              {201, 400, 401, 403, 409, 415, 422},
              false,
              access::Access::kAdmin});

  router.add(
      "PATCH", "/api/v1/users/{id}",
      [db](RequestContext& context, const HttpRequest& request, const PathParams& params) {
        Result<Json> body = parse_json_body(request);
        if (!body) return problem_response(body.error());
        const Json& input = body.value();
        // A new password is hashed before the write begins (user names never change).
        std::string hash;
        if (input.contains("password")) {
          Result<Json> named = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
            Result<std::optional<accounts::User>> user = accounts::find_user_by_id(connection, params.at("id"));
            if (!user) return user.error();
            if (!user.value()) return Error::not_found("no user has this id");
            return Json(user.value()->username);
          });
          if (!named) return problem_response(named.error());
          Result<std::string> made =
              accounts::password_hash_for(text_field(input, "password"), named.value().get<std::string>());
          if (!made) return problem_response(made.error());
          hash = std::move(made.value());
        }
        Result<Json> changed = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
          Result<std::optional<accounts::User>> user = accounts::find_user_by_id(connection, params.at("id"));
          if (!user) return user.error();
          if (!user.value()) return Error::not_found("no user has this id");
          for (const auto& [key, value] : input.items()) {
            if (key != "disabled" && key != "password") {
              return Error::invalid("only disabled and password can be changed", {{key, "cannot be changed"}});
            }
          }
          if (input.contains("password")) {
            if (Status set =
                    accounts::set_password(connection, user.value()->username, text_field(input, "password"), hash);
                !set) {
              return set.error();
            }
          }
          if (input.contains("disabled")) {
            if (!input["disabled"].is_boolean())
              return Error::invalid("disabled must be true or false", {{"disabled", "must be true or false"}});
            if (Status set = accounts::set_disabled(connection, user.value()->username, input["disabled"].get<bool>());
                !set) {
              return set.error();
            }
          }
          Json before = accounts::user_json(*user.value());
          Result<std::optional<accounts::User>> after_user = accounts::find_user_by_id(connection, params.at("id"));
          if (!after_user) return after_user.error();
          Json after = accounts::user_json(*after_user.value());
          if (Status audited = records::append_audit(connection, {context.actor_name()}, "update", "users",
                                                     params.at("id"), &before, &after);
              !audited) {
            return audited.error();
          }
          return after;
        });
        if (!changed) return problem_response(changed.error());
        return json_response(200, changed.value());
      },
      {"update_user",
       "Disable a user or set a password (admins only)",
       "accounts",
       "user_change",
       "user",
       "application/json",
       {},
       {200, 400, 401, 403, 404, 415, 422},
       false,
       access::Access::kAdmin});
}

void add_token_routes(Router& router, store::Database* db) {
  router.add("GET", "/api/v1/tokens",
             [db](RequestContext& context, const HttpRequest&, const PathParams&) {
               Result<Json> listed = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<std::vector<accounts::ApiToken>> tokens =
                     accounts::list_api_tokens(connection, account_of(context));
                 if (!tokens) return tokens.error();
                 Json items = Json::array();
                 for (const accounts::ApiToken& token : tokens.value()) {
                   items.push_back({{"id", token.id},
                                    {"name", token.name},
                                    {"created_at", token.created_at},
                                    {"revoked_at", token.revoked_at.empty() ? Json() : Json(token.revoked_at)}});
                 }
                 return Json{{"items", items}, {"total", items.size()}, {"next", nullptr}};
               });
               if (!listed) return problem_response(listed.error());
               return json_response(200, listed.value());
             },
             {"list_tokens",
              "Your personal API tokens (never their secrets)",
              "accounts",
              "",
              "token_page",
              "application/json",
              {},
              {200, 401},
              false,
              access::Access::kSignedIn});

  router.add("POST", "/api/v1/tokens",
             [db](RequestContext& context, const HttpRequest& request, const PathParams&) {
               Result<Json> body = parse_json_body(request);
               if (!body) return problem_response(body.error());
               Result<Json> created = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<std::string> token =
                     accounts::create_api_token(connection, account_of(context), text_field(body.value(), "name"));
                 if (!token) return token.error();
                 return Json{{"token", token.value()}, {"note", "shown once: keep it safe"}};
               });
               if (!created) return problem_response(created.error());
               return json_response(201, created.value());
             },
             {"create_token",
              "Create a personal API token for scripts; its secret is shown once",
              "accounts",
              "token_request",
              "new_token",
              "application/json",
              {},
              {201, 400, 401, 415, 422},
              false,
              access::Access::kSignedIn});

  router.add("DELETE", "/api/v1/tokens/{id}",
             [db](RequestContext& context, const HttpRequest&, const PathParams& params) {
               Result<Json> revoked = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
                 if (Status done = accounts::revoke_api_token(connection, account_of(context), params.at("id")); !done)
                   return done.error();
                 return Json();
               });
               if (!revoked) return problem_response(revoked.error());
               HttpResponse response;
               response.status = 204;
               return response;
             },
             {"revoke_token",
              "Revoke one of your API tokens",
              "accounts",
              "",
              "",
              "",
              {},
              {204, 401, 404},
              false,
              access::Access::kSignedIn});
}

void add_audit_route(Router& router, store::Database* db) {
  router.add(
      "GET", "/api/v1/audit",
      [db](RequestContext&, const HttpRequest& request, const PathParams&) {
        auto pairs = parse_query(request.query);
        if (!pairs) return problem_response(Error::malformed("the query string is not valid"));
        std::string where = " WHERE 1 = 1";
        std::vector<store::SqlValue> params;
        PageWindow window;
        for (const auto& [key, value] : *pairs) {
          Result<bool> paging = read_page_control(key, value, window);
          if (!paging) return problem_response(paging.error());
          if (paging.value()) continue;
          if (key == "resource" || key == "record_id" || key == "actor" || key == "action") {
            where += " AND " + key + " = ?";
            params.push_back(value);
          } else if (key == "since") {
            if (!is_valid_utc_time(value)) {
              return problem_response(Error{ErrorCode::kMalformed,
                                            "since must be a UTC time such as 2026-11-23 or 2026-11-23T08:15:30Z",
                                            {{"since", "not a date or UTC time"}}});
            }
            where += " AND at >= ?";
            params.push_back(value);
          } else if (key != "lang") {
            return problem_response(Error{ErrorCode::kMalformed,
                                          "the audit log filters by resource, record_id, actor, action and since",
                                          {{key, "unknown filter"}}});
          }
        }
        Result<Json> page = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
          Result<store::QueryResult> total = connection.query("SELECT COUNT(*) FROM audit_log" + where, params);
          if (!total) return total.error();
          std::vector<store::SqlValue> page_params = params;
          page_params.push_back(std::int64_t(window.limit));
          page_params.push_back(std::int64_t(window.offset));
          Result<store::QueryResult> rows = connection.query(
              "SELECT id, at, actor, action, resource, record_id, before_json, after_json FROM audit_log" + where +
                  " ORDER BY id DESC LIMIT ? OFFSET ?",
              page_params);
          if (!rows) return rows.error();
          Json items = Json::array();
          for (const store::Row& row : rows->rows) {
            auto parsed = [](const store::SqlValue& v) {
              return store::is_null(v) ? Json() : Json::parse(store::as_text(v), nullptr, false);
            };
            items.push_back({{"id", store::as_integer(row[0]).value_or(0)},
                             {"at", store::as_text(row[1])},
                             {"actor", store::as_text(row[2])},
                             {"action", store::as_text(row[3])},
                             {"resource", store::as_text(row[4])},
                             {"record_id", store::as_text(row[5])},
                             {"before", parsed(row[6])},
                             {"after", parsed(row[7])}});
          }
          const std::int64_t count = store::as_integer(total->rows[0][0]).value_or(0);
          return Json{{"items", items}, {"total", count}, {"next", next_cursor(window.offset, items.size(), count)}};
        });
        if (!page) return problem_response(page.error());
        return json_response(200, page.value());
      },
      {"audit",
       "Every write: who, when, what, before and after (admins only; nothing can change it)",
       "accounts",
       "",
       "audit_page",
       "application/json",
       {{"resource", "string", ""},
        {"record_id", "string", ""},
        {"actor", "string", ""},
        {"action", "string", ""},
        {"since", "string", "ISO 8601 time"},
        {"limit", "integer", "1–500"},
        {"cursor", "string", ""}},
       {200, 400, 401, 403},
       false,
       access::Access::kAdmin});
}

// The limits of the password policy that a schema can state; the rest (the
// user name, repetition, common passwords) only the server checks.
Json password_schema() {
  return {{"type", "string"},
          {"minLength", accounts::kMinimumPasswordLength},
          {"maxLength", accounts::kMaximumPasswordLength},
          {"description", std::to_string(accounts::kMinimumPasswordLength) + "–" +
                              std::to_string(accounts::kMaximumPasswordLength) +
                              " characters; not the user name nor containing it, not one character repeated, "
                              "not a common password (docs/SECURITY.md)"}};
}

}  // namespace

void add_routes(http::Router& router, app::App& app) {
  store::Database* db = &app.database();
  add_session_routes(router, db);
  add_user_routes(router, db);
  add_token_routes(router, db);
  add_audit_route(router, db);
  add_registration_routes(router, db);
  router.add_schemas([](Json& schemas) {
    auto titled = [](Json schema, const char* chinese, const char* english) {
      schema["title"] = chinese;
      schema["x-title-en"] = english;
      return schema;
    };
    const Json user_properties = {
        {"id", {{"type", "string"}}},
        {"username", titled({{"type", "string"}}, "用户名", "User name")},
        {"role", titled({{"type", "string"}, {"enum", access::role_names()}}, "角色", "Role")},
        {"department_id", titled({{"type", "string"}, {"x-references", "departments"}}, "所属部门", "Department")},
        {"org_id", titled({{"type", "string"}, {"x-references", "organizations"}}, "所属组织", "Organization")},
        {"disabled", titled({{"type", "boolean"}}, "已停用", "Disabled")}};
    schemas["user"] = {{"type", "object"},
                       {"required", {"id", "username", "role", "disabled"}},
                       {"properties", user_properties},
                       {"additionalProperties", false}};
    schemas["colleague_list"] = {{"type", "object"}, {"required", {"items", "total"}}};
    schemas["user_page"] = {{"type", "object"},
                            {"required", {"items", "total", "next"}},
                            {"properties",
                             {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/user"}}}}},
                              {"total", {{"type", "integer"}}},
                              {"next", {{"type", {"string", "null"}}}}}}};
    schemas["new_user"] = {{"type", "object"},
                           {"required", {"username", "role", "password"}},
                           {"properties",
                            {{"username", {{"type", "string"}}},
                             {"role", user_properties["role"]},
                             {"department_id", {{"type", "string"}}},
                             {"org_id", {{"type", "string"}}},
                             {"password", password_schema()}}}};
    schemas["user_change"] = {{"type", "object"},
                              {"properties", {{"disabled", {{"type", "boolean"}}}, {"password", password_schema()}}}};
    schemas["credentials"] = {{"type", "object"},
                              {"required", {"username", "password"}},
                              {"properties", {{"username", {{"type", "string"}}}, {"password", {{"type", "string"}}}}}};
    schemas["session"] = {
        {"type", "object"},
        {"required", {"user"}},
        {"properties",
         {{"user", {{"$ref", "#/components/schemas/user"}}},
          {"csrf_token",
           {{"type", "string"}, {"description", "send it as X-CSRF-Token with cookie-authenticated writes"}}},
          {"expires_at", {{"type", "string"}, {"format", "date-time"}}}}}};
    schemas["token_request"] = {
        {"type", "object"}, {"required", {"name"}}, {"properties", {{"name", {{"type", "string"}}}}}};
    schemas["new_token"] = {{"type", "object"},
                            {"required", {"token"}},
                            {"properties", {{"token", {{"type", "string"}}}, {"note", {{"type", "string"}}}}}};
    schemas["token_page"] = {{"type", "object"}, {"required", {"items", "total", "next"}}};
    schemas["audit_page"] = {{"type", "object"}, {"required", {"items", "total", "next"}}};
  });
}

}  // namespace alley::accounts
