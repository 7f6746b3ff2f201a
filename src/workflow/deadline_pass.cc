#include "workflow/deadline_pass.h"

#include <nlohmann/json.hpp>

#include "records/repository.h"
#include "store/database.h"
#include "workflow/actions.h"

namespace alley::workflow {
namespace {

const Acting kSystem{nullptr, {"system", "", access::Writer::kAdmin}};

Result<std::vector<std::string>> cases_due(store::Connection& connection, const records::ResourceSchema& schema,
                                           const std::string& field, const std::string& now, std::size_t limit) {
  Result<store::QueryResult> rows =
      connection.query("SELECT id FROM " + schema.name + " WHERE deleted_at IS NULL AND " + field + " <= ? ORDER BY " +
                           field + ", id LIMIT ?",
                       {now, std::int64_t(limit)});
  if (!rows) return rows.error();
  std::vector<std::string> ids;
  for (const auto& row : rows->rows) ids.push_back(store::as_text(row[0]));
  return ids;
}

// Takes `action` on each case whose `field` has come, unless another server did meanwhile.
struct Taken {
  std::size_t done = 0;
  std::size_t failed = 0;
};

Result<Taken> act_on_due(store::Database& database, const Workflow& workflow, const records::ResourceSchema& schema,
                         const std::string& field, const std::string& action, std::size_t limit) {
  if (field.empty() || action.empty()) return Taken{};
  Result<store::Database::Lease> lease = database.acquire();
  if (!lease) return lease.error();
  store::Connection& connection = *lease.value();
  const std::string now = connection.clock().now_iso8601();
  Result<std::vector<std::string>> due = cases_due(connection, schema, field, now, limit);
  if (!due) return due.error();
  Taken taken;
  for (const std::string& id : due.value()) {
    Status done = store::in_write_transaction(connection, [&]() -> Status {
      Result<Json> current = records::get_record(connection, schema, id);
      if (!current) return current.error();
      const Json moment = current->value(field, Json());
      if (!moment.is_string() || moment.get<std::string>() > now) return ok_status();  // acted on meanwhile
      ActionRequest request;
      request.action = action;
      Result<Json> after = take_action(connection, workflow, schema, id, request, kSystem);
      if (!after) return after.error();
      if (after->value(field, Json()) == moment)
        return Error::internal("the " + action + " action of " + workflow.resource +
                               " leaves its moment in place; it must note or restart the clock");
      ++taken.done;
      return ok_status();
    });
    // One case that cannot be moved (rolled back) does not hold up the others.
    if (!done) ++taken.failed;
  }
  return taken;
}

}  // namespace

Result<DeadlineReport> run_deadline_pass(store::Database& database, const Workflow& workflow,
                                         const records::ResourceSchema& schema, std::size_t limit) {
  DeadlineReport report;
  Result<Taken> breached = act_on_due(database, workflow, schema, workflow.due_field, workflow.on_breach, limit);
  if (!breached) return breached.error();
  Result<Taken> warned = act_on_due(database, workflow, schema, workflow.warn_field, workflow.on_warning, limit);
  if (!warned) return warned.error();
  report.breached = breached->done;
  report.warned = warned->done;
  report.failed = breached->failed + warned->failed;
  return report;
}

}  // namespace alley::workflow
