#pragma once
// An event's registration list as a spreadsheet, for its staff at the door
// and afterwards: one row per registration in arrival order. Phones are as
// the list gives them (in full for the organisers, masked for other staff).

#include <string>

#include "core/error.h"
#include "core/json.h"

namespace alley::events {

// `event` as stored; `listed` as list_registrations answers.
Result<std::string> registrations_workbook(const Json& event, const Json& listed);

}  // namespace alley::events
