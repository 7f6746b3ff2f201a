#pragma once
// An event's life as a workflow on the shared machinery: planned (筹备中),
// open for registration (报名中), full (已满员: the registrations move it
// there and back), registration closed (报名截止), held (已举办), reported
// (已总结: minutes, outcomes and the attendance counted at the door), or
// cancelled (已取消, with a reason; its registrants are told). Its organisers'
// staff move it. An event recorded after it took place (the documents' past
// events) starts held.

#include <memory>

#include "records/resource_schema.h"
#include "workflow/workflow.h"

namespace alley::events {

// The states in which an event takes registrations, and those after its day.
bool takes_registrations(const std::string& status);
bool is_over(const std::string& status);

std::shared_ptr<workflow::Workflow> event_workflow();

// Adds the follow-ups, which act on the resource (an event recorded as held)
// and on its registrations (told of a cancellation).
void add_follow_ups(workflow::Workflow& flow, const records::ResourceSchema* schema);

}  // namespace alley::events
