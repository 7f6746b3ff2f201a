#include "registry/pipeline_follow_up.h"

#include <nlohmann/json.hpp>

#include "core/district_time.h"
#include "notifications/notifications.h"
#include "notifications/recipients.h"
#include "records/repository.h"
#include "registry/resources.h"
#include "scheduler/scheduler.h"
#include "store/database.h"

namespace alley::registry {
namespace {

constexpr const char* kOrganizations = "organizations";

// The owner named must be staff who can be told; their user name is kept with the step.
Status check_owner(store::Connection& connection, std::string_view, records::LifecycleEvent& step,
                   const records::Actor&) {
  if (!step.details.contains("owner_id")) return ok_status();
  Result<std::optional<notifications::StaffMember>> owner =
      notifications::find_staff_member(connection, step.details["owner_id"].get<std::string>());
  if (!owner) return owner.error();
  if (!owner.value()) {
    return Error::invalid("the owner of the next step must be an active staff user",
                          {{"owner_id", "is not an active staff user"}});
  }
  step.details["owner_username"] = owner.value()->username;
  return ok_status();
}

Status schedule_reminder(store::Connection& connection, std::string_view organization_id, records::LifecycleEvent& step,
                         const records::Actor& actor) {
  const std::string id(organization_id);
  Result<std::int64_t> replaced = scheduler::cancel_pending(connection, kPipelineReminder, kOrganizations, id);
  if (!replaced) return replaced.error();
  if (!step.details.contains("remind_on")) return ok_status();
  const std::string owner = step.details.value("owner_id", actor.user_id);
  if (owner.empty()) return ok_status();  // recorded by the CLI or a pack: nobody to remind
  scheduler::Job job;
  job.kind = kPipelineReminder;
  job.run_at = *district_day_start(step.details["remind_on"].get<std::string>());
  job.subject_resource = kOrganizations;
  job.subject_id = id;
  job.payload = {{"owner_id", owner},
                 {"next_step", step.details.value("next_step", "")},
                 {"status", step.to_status},
                 {"remind_on", step.details["remind_on"]}};
  Result<std::int64_t> scheduled = scheduler::schedule(connection, job);
  return scheduled ? ok_status() : Status(scheduled.error());
}

// On the day: the owner hears which firm and what was to be done.
Status send_reminder(store::Connection& connection, const scheduler::Job& job) {
  Result<Json> organization = records::get_record(connection, organization_schema(), job.subject_id);
  if (!organization) {
    if (organization.error().code == ErrorCode::kGone) return ok_status();  // deleted since: nothing to follow up
    return organization.error();
  }
  const std::string next_step = job.payload.value("next_step", "");
  std::string message = "跟进提醒：「" + organization.value().value("name", job.subject_id) + "」";
  message += next_step.empty() ? "今日需跟进" : "——" + next_step;
  return notifications::notify(connection, {notifications::Recipient::kUser,
                                            job.payload.value("owner_id", ""),
                                            kPipelineReminder,
                                            message,
                                            kOrganizations,
                                            job.subject_id,
                                            {{"next_step", next_step},
                                             {"remind_on", job.payload.value("remind_on", "")},
                                             {"status", job.payload.value("status", "")}}});
}

}  // namespace

void add_follow_ups(records::Lifecycle& pipeline, scheduler::Scheduler& scheduler) {
  using Kind = records::StepField::Kind;
  pipeline.follow_ups = true;
  pipeline.step_fields = {
      {"next_step", Kind::kText, "What is to be done next (下一步)"},
      {"owner_id", Kind::kText, "The staff user who owns the next step (责任人); see GET /api/v1/colleagues"},
      {"remind_on", Kind::kComingDate,
       "The day (Asia/Shanghai) the owner, or else whoever recorded the step, is reminded (提醒日期)"}};
  pipeline.added_properties = {
      {"owner_username", {{"type", "string"}, {"description", "the owner's user name when the step was recorded"}}}};
  pipeline.check_step.push_back(check_owner);
  pipeline.after_step.push_back(schedule_reminder);
  scheduler.handle(kPipelineReminder, send_reminder);
}

}  // namespace alley::registry
