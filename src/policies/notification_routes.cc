// Notifications: the policy matches 免申即享 delivers, each read by its
// recipient — an enterprise user sees its organization's, department and
// sub-district staff their department's, admins everyone's.

#include <charconv>
#include <nlohmann/json.hpp>

#include "access/access_level.h"
#include "app/app.h"
#include "core/clock.h"
#include "http/handler_support.h"
#include "http/problem.h"
#include "http/query_string.h"
#include "http/router.h"
#include "policies/module.h"

namespace alley::policies {

using namespace http;  // the handler vocabulary: requests, responses, problems, routes
namespace {

// The notifications `context`'s user receives, as SQL; empty params and
// "1 = 0" for a user with nothing to receive.
std::string recipient_condition(const RequestContext& context, std::vector<store::SqlValue>& params) {
  const access::User& user = *context.user;
  if (user.is_admin()) return "1 = 1";
  if (!user.is_staff() && !user.org_id.empty()) {
    params.push_back(user.org_id);
    return "n.recipient_kind = 'organization' AND n.recipient_id = ?";
  }
  if (user.is_staff() && !user.department_id.empty()) {
    params.push_back(user.department_id);
    return "n.recipient_kind = 'department' AND n.recipient_id = ?";
  }
  return "1 = 0";
}

const char* const kSelect =
    "SELECT n.id, n.recipient_kind, n.recipient_id, n.kind, n.policy_id, p.name, n.organization_id, o.name, n.message, "
    "n.created_at, n.read_at, n.match_count FROM notifications n LEFT JOIN policies p ON p.id = n.policy_id "
    "LEFT JOIN organizations o ON o.id = n.organization_id";

Json notification_of(const store::Row& row) {
  auto text_or_null = [](const store::SqlValue& value) {
    return store::is_null(value) ? Json() : Json(store::as_text(value));
  };
  return {{"id", store::as_integer(row[0]).value_or(0)},
          {"recipient_kind", store::as_text(row[1])},
          {"recipient_id", store::as_text(row[2])},
          {"kind", store::as_text(row[3])},
          {"policy_id", text_or_null(row[4])},
          {"policy_name", text_or_null(row[5])},
          {"organization_id", text_or_null(row[6])},
          {"organization_name", text_or_null(row[7])},
          {"message", store::as_text(row[8])},
          {"created_at", store::as_text(row[9])},
          {"read_at", text_or_null(row[10])},
          {"match_count", store::as_integer(row[11]).value_or(1)}};
}

std::optional<std::int64_t> whole_number(const std::string& text) {
  std::int64_t number = -1;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return number;
}

}  // namespace

void add_notification_routes(http::Router& router, app::App& app) {
  store::Database* db = &app.database();
  router.add(
      "GET", "/api/v1/notifications",
      [db](RequestContext& context, const HttpRequest& request, const PathParams&) {
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
          Json items = Json::array();
          for (const store::Row& row : rows->rows) items.push_back(notification_of(row));
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
       "Your notifications, newest first: policies an organization newly qualifies for (免申即享)",
       "policies",
       "",
       "notification_page",
       "application/json",
       {{"unread", "boolean", "only those not yet read"}, {"limit", "integer", "1–500"}, {"cursor", "string", ""}},
       {200, 400, 401},
       false,
       access::Access::kSignedIn});

  router.add("POST", "/api/v1/notifications/{id}/read",
             [db](RequestContext& context, const HttpRequest&, const PathParams& path) {
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
                 return notification;
               });
               if (!marked) return problem_response(marked.error());
               return json_response(200, marked.value());
             },
             {"read_notification",
              "Mark one of your notifications read (again: no change)",
              "policies",
              "",
              "notification",
              "application/json",
              {},
              {200, 401, 403, 404},
              false,
              access::Access::kSignedIn});
}

}  // namespace alley::policies
