#include "events/event_terms.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace alley::events {

bool organises(const access::User& user, const Json& event) {
  if (user.is_admin()) return true;
  if (user.department_id.empty() || !event.contains("organiser_ids") || !event["organiser_ids"].is_array())
    return false;
  const Json& organisers = event["organiser_ids"];
  return std::find(organisers.begin(), organisers.end(), Json(user.department_id)) != organisers.end();
}

}  // namespace alley::events
