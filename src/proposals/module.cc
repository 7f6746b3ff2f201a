#include "proposals/module.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "app/app.h"
#include "core/district_time.h"
#include "proposals/proposal_workflow.h"
#include "records/common_fields.h"
#include "records/data_scope.h"
#include "workflow/module.h"

namespace alley::proposals {
namespace {

using namespace records::vocabulary;

constexpr const char* kByReply = "set by the reply: POST /api/v1/proposals/{id}/actions";

FieldSpec recorded_reply(FieldSpec spec) {
  return spec.set_by_staff().only_on_create(
      "given on create only for a proposal recorded after its reply; otherwise set by the reply action");
}

ResourceSchema proposal_resource() {
  ResourceSchema schema{
      "proposals",
      "proposal",
      "prop",
      "提案与建议",
      with(
          common_fields(),
          {{enum_field("kind", {"cppcc_proposal", "npc_suggestion"},
                       "A CPPCC member's proposal or a deputy's suggestion")
                .labelled("类别", "Kind")
                .values_labelled({{"政协提案", "CPPCC proposal"}, {"人大代表建议", "Deputy's suggestion"}})
                .is_required()
                .filter(),
            field("session", kText, "The session it was raised at, e.g. 区政协第十五届四次会议")
                .labelled("会议", "Session")
                .is_required()
                .filter()
                .longest(100),
            field("number", kText, "Its number at the session, e.g. 第083号").labelled("编号", "Number").longest(40),
            field("proposer", kText, "The member or deputy, as the published reply addresses them")
                .labelled("提出人", "Proposer")
                .longest(100),
            reference_field("lead_unit_id", "departments", "The unit that answers it (主办)")
                .labelled("主办单位", "Lead unit")
                .is_required()
                .filter()
                .only_on_create("a proposal is handed to its lead unit once"),
            reference_array_field("co_unit_ids", "departments", "The units that give their opinions (会办)")
                .labelled("会办单位", "Co-handling units")
                .filter(),
            field("co_units_note", kText, "What the documents say of co-units they do not name (等部门)")
                .labelled("会办单位说明", "Note on co-units")
                .longest(300),
            field("received_on", kDate, "When it was handed to the lead unit (交办); its reply clock starts then")
                .labelled("交办日期", "Assigned on")
                .sort()
                .only_on_create("it is when the reply clock started"),
            enum_field("status", {"assigned", "handling", "replied", "published", "closed"}, "Where it stands")
                .labelled("状态", "Status")
                .values_labelled({{"已交办", "Assigned"},
                                  {"办理中", "Being handled"},
                                  {"已答复", "Replied"},
                                  {"已公开", "Published"},
                                  {"办结", "Closed"}})
                .filter()
                .kept_by("moved by the proposal's actions: POST /api/v1/proposals/{id}/actions"),
            recorded_reply(workflow::choice_field("outcome", outcomes(), "办理结果, as the reply states it")
                               .labelled("办理结果", "Outcome")
                               .filter()),
            recorded_reply(field("reply_number", kText, "The reply's document number, e.g. 长科委〔2025〕4号")
                               .labelled("答复文号", "Reply number")
                               .longest(60)),
            recorded_reply(
                field("replied_on", kDate, "The date of the reply").labelled("答复日期", "Replied on").sort()),
            recorded_reply(
                field("signed_by", kText, "Who signed the reply (签发人)").labelled("签发人", "Signed by").longest(40)),
            recorded_reply(field("published", kBool, "The reply is published (此件公开发布)")
                               .labelled("已公开", "Published")
                               .filter()),
            workflow::choice_field("feedback", feedback_levels(), "The proposer's view of the reply")
                .labelled("委员（代表）反馈", "Proposer's feedback")
                .kept_by(kByReply)},
           workflow::deadline_fields("due_at", "warn_at")}),
      [](Json& merged, const Json* before, std::vector<FieldError>& errors) {
        if (before) return;
        const bool recorded = merged.contains("replied_on") || merged.contains("outcome");
        if (recorded && !(merged.contains("replied_on") && merged.contains("outcome")))
          errors.push_back({merged.contains("outcome") ? "replied_on" : "outcome",
                            "a proposal recorded after its reply gives both the outcome and the date",
                            "录入已答复的提案须同时填写办理结果与答复日期"});
      }};
  schema.write_access = access::Access::kStaff;
  schema.staff_guard = records::any_staff();
  schema.search_fields = {"description", "session", "proposer"};
  schema.accepts_attachments = true;
  return schema;
}

// Dated by the day it was handed over; a recorded one with no such day, by its reply's (and says so).
workflow::Event handed_over(const Json& proposal) {
  workflow::Event opening;
  if (proposal.contains("received_on")) {
    if (std::optional<TimePoint> day = district_day_start(proposal["received_on"].get<std::string>()))
      opening.at = iso8601(*day);
  } else if (proposal.contains("replied_on")) {
    if (std::optional<TimePoint> day = district_day_start(proposal["replied_on"].get<std::string>()))
      opening.at = iso8601(*day);
    opening.payload["date_basis"] = "inferred";
    opening.comment = "文件未载明交办日期，按答复日期记";
  }
  return opening;
}

store::Migration proposals_migration() {
  return {23,
          "proposals",
          records::record_table_sql(
              "proposals",
              "kind TEXT NOT NULL, session TEXT NOT NULL, number TEXT, proposer TEXT, lead_unit_id TEXT NOT NULL, "
              "co_unit_ids TEXT, co_units_note TEXT, received_on TEXT, status TEXT, outcome TEXT, reply_number TEXT, "
              "replied_on TEXT, signed_by TEXT, published INTEGER, feedback TEXT, due_at TEXT, warn_at TEXT") +
              "CREATE INDEX proposals_due ON proposals(due_at) WHERE deleted_at IS NULL AND due_at IS NOT NULL;"
              "CREATE INDEX proposals_warn ON proposals(warn_at) WHERE deleted_at IS NULL AND warn_at IS NOT NULL;",
          {store::TableSpec("proposals")}};
}

}  // namespace

void register_module(app::App& app) {
  workflow::Workflows* workflows = app.find_service<workflow::Workflows>();
  if (!workflows) throw std::logic_error("proposals need the workflow module registered first");
  catalog::Catalog& catalog = app.catalog();
  catalog.add_migration(proposals_migration());
  std::shared_ptr<workflow::Workflow> flow = proposal_workflow();
  ResourceSchema schema = proposal_resource();
  schema.after_write.push_back(workflow::opens_cases(flow, catalog, handed_over));
  const ResourceSchema& added = catalog.add_resource(std::move(schema));
  add_follow_ups(*flow, &added);
  workflows->declare(flow);
}

}  // namespace alley::proposals
