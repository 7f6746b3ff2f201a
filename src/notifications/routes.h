#pragma once

namespace alley::app {
class App;
}
namespace alley::http {
class Router;
}

namespace alley::notifications {

class NotificationReaders;

// GET /api/v1/notifications and POST /api/v1/notifications/{id}/read.
void add_routes(http::Router& router, app::App& app, const NotificationReaders& readers);

}  // namespace alley::notifications
