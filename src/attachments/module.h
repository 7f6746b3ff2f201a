#pragma once
// The attachments module: files attached to the records of every resource
// that accepts them (ResourceSchema::accepts_attachments), kept in the
// database (attachments/attachments.h), with their routes
// (attachments/routes.cc).

namespace alley::app {
class App;
}
namespace alley::http {
class Router;
}

namespace alley::attachments {

void register_module(app::App& app);

void add_routes(http::Router& router, app::App& app);

}  // namespace alley::attachments
