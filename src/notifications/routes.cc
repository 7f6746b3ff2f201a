// Each recipient reads its own notifications — a user those sent to them, an
// enterprise user its organization's, department and sub-district staff
// their department's as well as their own, admins everyone's — each with the
// name of the record it is about.

#include "notifications/routes.h"

#include <charconv>
#include <map>
#include <nlohmann/json.hpp>

#include "access/access_level.h"
#include "app/app.h"
#include "core/clock.h"
#include "http/handler_support.h"
#include "http/problem.h"
#include "http/query_string.h"
#include "http/router.h"
#include "notifications/module.h"
#include "notifications/recipients.h"
#include "records/repository.h"

namespace alley::notifications {

using namespace http;  // the handler vocabulary: requests, responses, problems, routes
namespace {

// The notifications `context`'s user receives, as SQL; "1 = 0" for a user with nothing to receive.
std::string recipient_condition(const RequestContext& context, std::vector<store::SqlValue>& params) {
  const access::User& user = *context.user;
  if (user.is_admin()) return "1 = 1";
  std::string condition = "(n.recipient_kind = 'user' AND n.recipient_id = ?)";
  params.push_back(user.id);
  if (!user.is_staff() && !user.org_id.empty()) {
    params.push_back(user.org_id);
    condition += " OR (n.recipient_kind = 'organization' AND n.recipient_id = ?)";
  }
  if (user.is_staff() && !user.department_id.empty()) {
    params.push_back(user.department_id);
    condition += " OR (n.recipient_kind = 'department' AND n.recipient_id = ?)";
  }
  return "(" + condition + ")";
}

const char* const kSelect =
    "SELECT n.id, n.recipient_kind, n.recipient_id, n.kind, n.subject_resource, n.subject_id, n.details, n.message, "
    "n.created_at, n.read_at, n.match_count FROM notifications n";

Json text_or_null(const store::SqlValue& value) { return store::is_null(value) ? Json() : Json(store::as_text(value)); }

Json notification_of(const store::Row& row) {
  Json details = Json::object();
  if (!store::is_null(row[6])) details = Json::parse(store::as_text(row[6]), nullptr, false);
  if (!details.is_object()) details = Json::object();
  return {{"id", store::as_integer(row[0]).value_or(0)},
          {"recipient_kind", store::as_text(row[1])},
          {"recipient_id", store::as_text(row[2])},
          {"kind", store::as_text(row[3])},
          {"subject_resource", text_or_null(row[4])},
          {"subject_id", text_or_null(row[5])},
          {"subject_name", Json()},
          {"details", details},
          {"message", store::as_text(row[7])},
          {"created_at", store::as_text(row[8])},
          {"read_at", text_or_null(row[9])},
          {"match_count", store::as_integer(row[10]).value_or(1)}};
}

// A user recipient's user name, so an administrator reading everyone's sees who, not an id.
Status name_recipient(store::Connection& connection, Json& notification) {
  if (notification["recipient_kind"] != "user") return ok_status();
  Result<std::optional<StaffMember>> user =
      find_staff_member(connection, notification["recipient_id"].get<std::string>());
  if (!user) return user.error();
  if (user.value()) notification["recipient_name"] = user.value()->username;
  return ok_status();
}

// The names of what notifications are about, read once per record.
class SubjectNames {
 public:
  explicit SubjectNames(const catalog::Catalog& catalog) : catalog_(catalog) {}

  Status name(store::Connection& connection, Json& notification) {
    if (!notification["subject_resource"].is_string() || !notification["subject_id"].is_string()) return ok_status();
    const std::string resource = notification["subject_resource"].get<std::string>();
    const std::string id = notification["subject_id"].get<std::string>();
    auto [at, fresh] = names_.try_emplace(resource + "/" + id, Json::object());
    if (fresh) {
      if (const records::ResourceSchema* schema = catalog_.find(resource)) {
        Result<Json> record = records::get_record(connection, *schema, id);
        if (record) {
          at->second["name"] = record.value().value("name", Json());
          if (record.value().contains("name_en")) at->second["name_en"] = record.value()["name_en"];
        } else if (record.error().code != ErrorCode::kNotFound && record.error().code != ErrorCode::kGone) {
          return record.error();
        }
      }
    }
    notification["subject_name"] = at->second.value("name", Json());
    if (at->second.contains("name_en")) notification["subject_name_en"] = at->second["name_en"];
    return ok_status();
  }

 private:
  const catalog::Catalog& catalog_;
  std::map<std::string, Json> names_;
};

std::optional<std::int64_t> whole_number(const std::string& text) {
  std::int64_t number = -1;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return number;
}

Json notification_schemas() {
  return {{"notification",
           {{"type", "object"},
            {"required",
             {"id", "recipient_kind", "recipient_id", "kind", "subject_resource", "subject_id", "subject_name",
              "message", "created_at", "read_at"}},
            {"properties",
             {{"id", {{"type", "integer"}}},
              {"recipient_kind", {{"type", "string"}, {"enum", {"user", "organization", "department"}}}},
              {"kind",
               {{"type", "string"}, {"description", "what it tells: policy_match (免申即享), pipeline_reminder, …"}}},
              {"subject_resource", {{"type", {"string", "null"}}, {"description", "the resource of what it is about"}}},
              {"subject_id", {{"type", {"string", "null"}}}},
              {"recipient_name", {{"type", "string"}, {"description", "a user recipient's user name"}}},
              {"subject_name", {{"type", {"string", "null"}}, {"description", "its name, as a reader is shown it"}}},
              {"details", {{"type", "object"}, {"description", "what the sending module adds"}}},
              {"read_at", {{"type", {"string", "null"}}}},
              {"match_count", {{"type", "integer"}, {"description", "what an unread digest counts"}}}}}}},
          {"notification_page", {{"type", "object"}, {"required", {"items", "total", "unread", "next"}}}}};
}

}  // namespace

void add_routes(http::Router& router, app::App& app, const NotificationReaders& readers) {
  store::Database* db = &app.database();
  const catalog::Catalog* catalog = &app.catalog();
  const NotificationReaders* described = &readers;
  router.add(
      "GET", "/api/v1/notifications",
      [db, catalog, described](RequestContext& context, const HttpRequest& request, const PathParams&) {
        auto pairs = parse_query(request.query);
        if (!pairs) return problem_response(Error::malformed("the query string is not valid"));
        std::vector<store::SqlValue> params;
        std::string where = " WHERE " + recipient_condition(context, params);
        PageWindow window;
        for (const auto& [key, value] : *pairs) {
          Result<bool> paging = read_page_control(key, value, window);
          if (!paging) return problem_response(paging.error());
          if (paging.value()) continue;
          if (key == "unread" && (value == "true" || value == "false")) {
            if (value == "true") where += " AND n.read_at IS NULL";
          } else if (key != "lang") {
            return problem_response(Error{ErrorCode::kMalformed,
                                          "notifications are filtered by unread=true|false only",
                                          {{key, "unknown or not valid"}}});
          }
        }
        Result<Json> page = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
          Result<store::QueryResult> counts = connection.query(
              "SELECT COUNT(*), SUM(CASE WHEN n.read_at IS NULL THEN 1 ELSE 0 END) FROM notifications n" + where,
              params);
          if (!counts) return counts.error();
          std::vector<store::SqlValue> page_params = params;
          page_params.push_back(std::int64_t(window.limit));
          page_params.push_back(std::int64_t(window.offset));
          Result<store::QueryResult> rows =
              connection.query(std::string(kSelect) + where + " ORDER BY n.id DESC LIMIT ? OFFSET ?", page_params);
          if (!rows) return rows.error();
          SubjectNames names(*catalog);
          Json items = Json::array();
          for (const store::Row& row : rows->rows) {
            Json notification = notification_of(row);
            if (Status named = names.name(connection, notification); !named) return named.error();
            if (Status named = name_recipient(connection, notification); !named) return named.error();
            if (Status more = described->describe(connection, notification); !more) return more.error();
            items.push_back(std::move(notification));
          }
          const std::int64_t total = store::as_integer(counts->rows[0][0]).value_or(0);
          return Json{{"items", items},
                      {"total", total},
                      {"unread", store::as_integer(counts->rows[0][1]).value_or(0)},
                      {"next", next_cursor(window.offset, items.size(), total)}};
        });
        if (!page) return problem_response(page.error());
        return json_response(200, page.value());
      },
      {"notifications",
       "Your notifications, newest first: policies newly qualified for (免申即享), follow-ups falling due, …",
       "notifications",
       "",
       "notification_page",
       "application/json",
       {{"unread", "boolean", "only those not yet read"}, {"limit", "integer", "1–500"}, {"cursor", "string", ""}},
       {200, 400, 401},
       false,
       access::Access::kSignedIn});

  router.add("POST", "/api/v1/notifications/{id}/read",
             [db, catalog, described](RequestContext& context, const HttpRequest&, const PathParams& path) {
               const std::optional<std::int64_t> id = whole_number(path.at("id"));
               Result<Json> marked = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
                 std::vector<store::SqlValue> params;
                 const std::string mine = recipient_condition(context, params);
                 params.push_back(id.value_or(-1));
                 // Someone else's notification is answered as absent: its existence is not theirs to learn.
                 Result<store::QueryResult> found =
                     connection.query(std::string(kSelect) + " WHERE " + mine + " AND n.id = ?", params);
                 if (!found) return found.error();
                 if (found->rows.empty()) return Error::not_found("you have no notification with this id");
                 Json notification = notification_of(found->rows[0]);
                 if (notification["read_at"].is_null()) {
                   notification["read_at"] = connection.clock().now_iso8601();
                   Result<std::int64_t> updated =
                       connection.execute("UPDATE notifications SET read_at = ? WHERE id = ?",
                                          {notification["read_at"].get<std::string>(), *id});
                   if (!updated) return updated.error();
                 }
                 SubjectNames names(*catalog);
                 if (Status named = names.name(connection, notification); !named) return named.error();
                 if (Status more = described->describe(connection, notification); !more) return more.error();
                 return notification;
               });
               if (!marked) return problem_response(marked.error());
               return json_response(200, marked.value());
             },
             {"read_notification",
              "Mark one of your notifications read (again: no change)",
              "notifications",
              "",
              "notification",
              "application/json",
              {},
              {200, 401, 403, 404},
              false,
              access::Access::kSignedIn});
  router.add_schemas([](Json& schemas) { schemas.update(notification_schemas()); });
}

}  // namespace alley::notifications
