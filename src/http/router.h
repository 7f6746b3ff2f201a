#pragma once
// Maps method + path pattern to a handler. Patterns are literal segments and
// {name} placeholders ("/api/v1/places/{id}"). Each route carries what the
// OpenAPI document says about it, so the document is built from the very
// table that serves requests.

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "access/access_level.h"
#include "core/json.h"
#include "http/message.h"
#include "http/request_context.h"

namespace alley::search {
class ChineseScript;
}

namespace alley::http {

using PathParams = std::map<std::string, std::string>;
using Handler = std::function<HttpResponse(RequestContext&, const HttpRequest&, const PathParams&)>;

struct QueryParameterDoc {
  std::string name;
  std::string type;  // "string", "integer", "number", "boolean"
  std::string description;
  std::vector<std::string> choices{};  // the values it takes, where they are few; empty: any of its type
};

struct RouteDoc {
  std::string operation_id;
  std::string summary;
  std::string tag;
  std::string request_schema;   // component name of the JSON body, or empty
  std::string response_schema;  // component name of the 2xx JSON body, or empty
  std::string response_type = "application/json";
  std::vector<QueryParameterDoc> query;
  std::vector<int> statuses;  // every status the route can answer, besides 5xx
  bool needs_if_match = false;
  access::Access access = access::Access::kPublic;
  std::size_t max_body_bytes = 0;  // a larger body than the server's limit (a file); 0: the server's
};

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  RouteDoc doc;
  // The pattern as matched, split once when the route is added: every request
  // is tried against every route, so nothing about a route is worked out per request.
  std::vector<std::string> parts;
  int rank = 0;  // literal 0, "{id}.ics" 1, "{id}" 2: the order routes are tried in
};

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler, RouteDoc doc);

  struct Match {
    const Route* route = nullptr;
    PathParams params;
    std::vector<std::string> allowed_methods;  // when the path exists but not for this method
  };
  Match match(const std::string& method, const std::string& path) const;

  const std::vector<Route>& routes() const { return routes_; }
  // The largest body any route takes beyond `server_limit`, or server_limit
  // (kept as routes are added: the server asks on every request).
  std::size_t largest_body(std::size_t server_limit) const { return std::max(server_limit, largest_body_); }

  // Adds the JSON schemas (OpenAPI components) that routes added with it
  // name as request_schema or response_schema.
  using SchemaWriter = std::function<void(Json& schemas)>;
  void add_schemas(SchemaWriter writer) { schema_writers_.push_back(std::move(writer)); }
  const std::vector<SchemaWriter>& schema_writers() const { return schema_writers_; }

  // Sets context.user from the request's credentials; an error (a bad token,
  // a missing CSRF header) answers the request instead of the route.
  using Authenticator = std::function<Status(RequestContext&, const HttpRequest&)>;
  void set_authenticator(Authenticator authenticator) { authenticator_ = std::move(authenticator); }
  const Authenticator& authenticator() const { return authenticator_; }

  // Converts what Traditional readers read and write (search/chinese_script.h);
  // without one, every request is answered in Simplified. Must outlive the router.
  void set_chinese_script(const search::ChineseScript* script) { script_ = script; }
  const search::ChineseScript* chinese_script() const { return script_; }

  // Answers GET and HEAD for paths outside /api/ that no route matches (the web app).
  void set_fallback(Handler handler) { fallback_ = std::move(handler); }
  const Handler& fallback() const { return fallback_; }

 private:
  std::vector<Route> routes_;
  std::size_t largest_body_ = 0;
  std::vector<SchemaWriter> schema_writers_;
  Handler fallback_;
  Authenticator authenticator_;
  const search::ChineseScript* script_ = nullptr;
};

}  // namespace alley::http
