#pragma once
// Notifications: what a module tells a user, a department or an
// organization — a policy newly matched (免申即享), a follow-up falling due.
// Each says what it is about (a record of the catalog, by resource and id),
// so the reader is shown its name and a link, never an id.
//
// REQUIRES for every write function: a write transaction.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/json.h"

namespace alley::store {
class Connection;
}

namespace alley::notifications {

// Who receives it: one user, a department's staff, or an organization's own users.
enum class Recipient { kUser, kDepartment, kOrganization };
std::string_view recipient_kind_name(Recipient kind);

struct Notice {
  Recipient recipient = Recipient::kUser;
  std::string recipient_id;
  std::string kind;  // "policy_match", "pipeline_reminder": what the reader may filter by and the web words
  std::string message;
  std::string subject_resource;  // the record it is about: "policies", "organizations"
  std::string subject_id;
  Json details = Json::object();  // what the module that sent it adds (the organization a policy matched)
};

Status notify(store::Connection& connection, const Notice& notice);

// One unread notification per recipient, kind and subject that counts what it
// stands for until it is read, so a thousand matches bury no inbox: the
// unread one is updated (count added, message rewritten from the new count,
// details replaced), or a new one written with `added`.
Status notify_counted(store::Connection& connection, const Notice& notice, std::int64_t added,
                      const std::function<std::string(std::int64_t count)>& message_for);

}  // namespace alley::notifications
