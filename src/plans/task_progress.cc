#include "plans/task_progress.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "attachments/attachments.h"
#include "store/database.h"

namespace alley::plans {
namespace {

const std::vector<std::string>& task_statuses() {
  static const std::vector<std::string> statuses = {"not_started", "in_progress", "done", "dropped"};
  return statuses;
}

// The files a step cites must be the task's own; the step keeps their names,
// and the task's evidence becomes what the step says, its links gaining the step's.
Status gather_evidence(store::Connection& connection, std::string_view task_id, records::LifecycleEvent& step,
                       const records::Actor&) {
  const std::string id(task_id);
  if (step.details.contains("attachment_ids")) {
    Result<Json> files =
        attachments::attachments_of_record(connection, "tasks", id, step.details["attachment_ids"], "attachment_ids");
    if (!files) return files.error();
    step.details.erase("attachment_ids");
    step.details["attachments"] = std::move(files.value());
  }
  if (!step.note.empty()) step.record_changes["evidence"] = step.note;
  if (step.details.contains("evidence_links")) {
    Result<store::QueryResult> row = connection.query("SELECT evidence_links FROM tasks WHERE id = ?", {id});
    if (!row) return row.error();
    Json links = row->rows.empty() ? Json::array() : Json::parse(store::as_text(row->rows[0][0], "[]"), nullptr, false);
    if (!links.is_array()) links = Json::array();
    for (const Json& link : step.details["evidence_links"]) {
      if (std::find(links.begin(), links.end(), link) == links.end()) links.push_back(link);
    }
    step.record_changes["evidence_links"] = std::move(links);
  }
  return ok_status();
}

}  // namespace

std::shared_ptr<const records::Lifecycle> task_progress_lifecycle() {
  using Kind = records::StepField::Kind;
  auto lifecycle = std::make_shared<records::Lifecycle>();
  lifecycle->name = "progress";
  lifecycle->status_field = "status";
  lifecycle->events_table = "task_events";
  lifecycle->record_column = "task_id";
  lifecycle->statuses = task_statuses();
  // A task may move to any other status: work resumes, a dropped task is taken up again.
  lifecycle->next = [](const std::optional<std::string>& from) {
    std::vector<std::string> next;
    for (const std::string& status : task_statuses()) {
      if (status != from) next.push_back(status);
    }
    return next;
  };
  lifecycle->access = access::Access::kStaff;
  lifecycle->summary = "A task's status with its dated progress reports and their evidence";
  lifecycle->change_summary =
      "Report a task's progress: a new status or the same one, with the evidence (note), links and attached files";
  lifecycle->follow_ups = true;
  lifecycle->step_fields = {
      {"evidence_links", Kind::kLinks, "Web addresses of the evidence; added to the task's evidence_links"},
      {"attachment_ids", Kind::kIds, "Files attached to the task first (POST /api/v1/tasks/{id}/attachments)"}};
  lifecycle->added_properties = {
      {"attachments",
       {{"type", "array"},
        {"description", "the files the step cites: id, file_name, content_type, size_bytes, uploaded_at"},
        {"items", {{"type", "object"}}}}}};
  lifecycle->check_step.push_back(gather_evidence);
  return lifecycle;
}

store::Migration task_events_migration() {
  return {15,
          "task progress",
          "CREATE TABLE task_events (id {{AUTO_ID}}, task_id TEXT NOT NULL REFERENCES tasks(id), from_status TEXT, "
          "to_status TEXT NOT NULL, occurred_on TEXT, note TEXT NOT NULL, source TEXT NOT NULL, recorded_at TEXT NOT "
          "NULL, actor TEXT NOT NULL, details TEXT);"
          "CREATE INDEX task_events_task ON task_events(task_id);",
          {store::TableSpec("task_events").with_identity_key()}};
}

}  // namespace alley::plans
