#pragma once
// The notifications module: the table every module's notifications go to
// (notifications/notifications.h), and GET /api/v1/notifications where each
// recipient reads theirs, with the name of what each is about. A module that
// sends a kind of notification may add to how it is read (the policy and the
// organization of a 免申即享 match) through the NotificationReaders service.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json.h"

namespace alley::app {
class App;
}
namespace alley::store {
class Connection;
}

namespace alley::notifications {

// Adds to a notification of one kind as it is read.
using Describer = std::function<Status(store::Connection& connection, Json& notification)>;

class NotificationReaders {
 public:
  void add(std::string kind, Describer describer) { describers_[std::move(kind)].push_back(std::move(describer)); }
  Status describe(store::Connection& connection, Json& notification) const;

 private:
  std::map<std::string, std::vector<Describer>> describers_;
};

// REQUIRES: registered before the modules that send notifications.
void register_module(app::App& app);

}  // namespace alley::notifications
