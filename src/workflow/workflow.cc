#include "workflow/workflow.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "workflow/actions.h"

namespace alley::workflow {
namespace {

template <typename T>
const T* find_named(const std::vector<T>& items, std::string_view name) {
  for (const T& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

bool is_taker(store::Connection& connection, const Workflow& workflow, Taker taker, const Acting& acting,
              const Json& case_record) {
  if (!acting.user) return taker == Taker::kSystem;
  const access::User& user = *acting.user;
  switch (taker) {
    case Taker::kStaff:
      return user.is_staff();
    case Taker::kHolder:
      // An administrator may act for any unit: the district answers for all of them.
      return user.is_admin() || (user.is_staff() && workflow.holds && workflow.holds(user, case_record));
    case Taker::kOwner:
      return !user.is_staff() && workflow.owns && workflow.owns(user, case_record);
    case Taker::kDispatcher:
      return user.is_admin() || (user.is_staff() && workflow.dispatches && workflow.dispatches(connection, user));
    case Taker::kSystem:
      return false;
  }
  return false;
}

}  // namespace

const Action* Workflow::find_action(std::string_view name) const { return find_named(actions, name); }
const State* Workflow::find_state(std::string_view name) const { return find_named(states, name); }
const ClockSpec* Workflow::find_clock(std::string_view name) const { return find_named(clocks, name); }

bool may_take(store::Connection& connection, const Workflow& workflow, const Action& action, const Acting& acting,
              const Json& case_record) {
  return std::any_of(action.takers.begin(), action.takers.end(),
                     [&](Taker taker) { return is_taker(connection, workflow, taker, acting, case_record); });
}

std::vector<std::string> open_actions(store::Connection& connection, const Workflow& workflow, const Json& case_record,
                                      const Acting& acting) {
  const std::string state = case_record.value(workflow.state_field, "");
  std::vector<std::string> open;
  for (const Action& action : workflow.actions) {
    if (std::find(action.from.begin(), action.from.end(), state) == action.from.end()) continue;
    if (may_take(connection, workflow, action, acting, case_record)) open.push_back(action.name);
  }
  return open;
}

std::string text_of(const Json& record, const char* field) {
  return record.is_object() && record.contains(field) && record[field].is_string() ? record[field].get<std::string>()
                                                                                   : std::string();
}

std::vector<records::FieldSpec> deadline_fields(std::string due_field, std::string warn_field) {
  return {records::field(std::move(due_field), records::FieldType::kText, "Its soonest deadline not yet acted on")
              .labelled("最近时限", "Next deadline")
              .moment()
              .sort()
              .kept_by("its clocks"),
          records::field(std::move(warn_field), records::FieldType::kText, "When its holder is next warned")
              .labelled("预警时间", "Next warning")
              .moment()
              .sort()
              .kept_by("its clocks")};
}

records::FieldSpec choice_field(std::string name, const std::vector<Labelled>& choices, std::string description) {
  std::vector<std::string> values;
  std::vector<std::pair<std::string, std::string>> labels;
  for (const Labelled& choice : choices) {
    values.push_back(choice.name);
    labels.emplace_back(choice.label, choice.label_en);
  }
  return records::enum_field(std::move(name), std::move(values), std::move(description))
      .values_labelled(std::move(labels));
}

records::WriteHook opens_cases(std::shared_ptr<const Workflow> workflow, const catalog::Catalog& catalog,
                               std::function<Event(const Json& record)> first_event) {
  return [workflow, &catalog, first_event](store::Connection& connection, const records::Actor& actor,
                                           const Json* before, const Json* after) -> Status {
    if (before || !after) return ok_status();
    Result<Json> opened = open_case(connection, *workflow, *catalog.find(workflow->resource), *after,
                                    first_event(*after), {nullptr, actor});
    return opened ? ok_status() : Status(opened.error());
  };
}

}  // namespace alley::workflow
