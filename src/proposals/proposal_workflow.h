#pragma once
// 提案与建议办理: the handling of CPPCC members' proposals and people's
// deputies' suggestions, the second workflow on the shared machinery. The
// district office hands a proposal to its lead unit (交办) with the units
// that add their opinions (会办); the lead unit signs for it, collects the
// co-units' opinions, talks with the proposer, replies with its outcome
// (解决或采纳 …) under a signed document, publishes the reply and records the
// proposer's feedback, on a clock from 交办 to the reply.
//
// A proposal recorded after it was answered (the pack's two) carries its
// reply's facts; its history is then the reply and the publication on the
// dates they state, and no clock runs where the date of receipt is unknown.

#include <memory>

#include "records/resource_schema.h"
#include "workflow/workflow.h"

namespace alley::proposals {

inline constexpr const char* kReplyClock = "reply";
// The rules ask for a reply within three months of 交办; as working time
// that is about 63 working days, an assumption until a calendar-month clock exists.
inline constexpr int kReplyWorkingDays = 63;

const std::vector<workflow::Labelled>& outcomes();
// The proposer's view of the reply: 满意, 基本满意, 不满意.
const std::vector<workflow::Labelled>& feedback_levels();

std::shared_ptr<workflow::Workflow> proposal_workflow();

// Adds the follow-ups, which take the recorded reply's actions on the resource.
void add_follow_ups(workflow::Workflow& flow, const records::ResourceSchema* schema);

}  // namespace alley::proposals
