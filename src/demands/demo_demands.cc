#include "demands/demo_demands.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "core/seeded_random.h"
#include "core/time_text.h"
#include "records/repository.h"
#include "workflow/actions.h"
#include "workflow/clocks.h"
#include "workflow/events.h"
#include "worktime/calendar_store.h"

namespace alley::demands {
namespace {

using workflow::text_of;

constexpr std::uint64_t kSeed = 20240429;  // the day 002 answered the deputies' suggestion on enterprise service
constexpr const char* kActor = "demo";

const std::vector<std::string> kCategories = {"cat-financing", "cat-business-tax", "cat-human-resources",
                                              "cat-ip",        "cat-legal",        "cat-space",
                                              "cat-talent",    "cat-policy",       "cat-other"};
const std::vector<double> kCategoryWeights = {20, 15, 12, 10, 6, 12, 10, 10, 5};
const std::vector<std::string> kChannels = {"online",    "building_desk", "visit", "phone",
                                            "breakfast", "hotline",       "other"};
const std::vector<double> kChannelWeights = {35, 20, 15, 15, 5, 7, 3};
const std::vector<std::string> kReasons = {"wrong_area", "unclear_ownership", "overlapping_duties", "other"};
const std::vector<double> kReasonWeights = {40, 25, 25, 10};
const std::vector<std::string> kRatings = {"very_satisfied", "satisfied", "fair", "dissatisfied", "very_dissatisfied"};
const std::vector<double> kRatingWeights = {45, 30, 15, 7, 3};

// Moves the demands along, action by action, at the moments it draws.
class Simulation {
 public:
  Simulation(store::Connection& connection, const records::ResourceSchema& schema, const workflow::Workflow& flow,
             const worktime::WorkCalendar& calendar)
      : connection_(connection), schema_(schema), flow_(flow), calendar_(calendar) {}

  // `days` working days after `from`.
  TimePoint after(TimePoint from, double days) const {
    const auto day = std::chrono::duration_cast<std::chrono::milliseconds>(calendar_.day_length());
    return calendar_.after_working_time(from, std::chrono::milliseconds(std::int64_t(double(day.count()) * days)));
  }

  const Json& demand() const { return demand_; }
  void start(Json created) { demand_ = std::move(created); }
  std::size_t events() const { return events_; }

  // Acts as the unit holding the demand now, its enterprise, or a dispatcher,
  // once the deadlines before `at` were acted on.
  enum class As { kHolder, kOwner, kDispatcher };
  Status by(As who, Json body, TimePoint at) {
    if (Status caught = catch_up(at); !caught) return caught;
    access::User user;
    user.username = kActor;
    user.role = who == As::kOwner    ? access::Role::kEnterprise
                : who == As::kHolder ? access::Role::kDepartment
                                     : access::Role::kAdmin;
    if (who == As::kHolder) user.department_id = text_of(demand_, "unit_id");
    if (who == As::kOwner) user.org_id = text_of(demand_, "org_id");
    return act(&user, std::move(body), at);
  }
  Status by_holder(Json body, TimePoint at) { return by(As::kHolder, std::move(body), at); }
  Status by_owner(Json body, TimePoint at) { return by(As::kOwner, std::move(body), at); }
  Status by_dispatcher(Json body, TimePoint at) { return by(As::kDispatcher, std::move(body), at); }

  // The same, for what only a unit that signed for it does: an escalation
  // before `at` handed it to a unit that signs for it afresh, at `at`, first.
  Status by_signed_holder(Json body, TimePoint at) {
    if (Status caught = catch_up(at); !caught) return caught;
    if (state() == "dispatched") {
      if (Status accepted = by_holder({{"action", "accept"}}, at); !accepted) return accepted;
    }
    return by_holder(std::move(body), at);
  }

  // What the scheduler would have done by `at`: each deadline that came, acted on at its moment.
  Status catch_up(TimePoint at) {
    for (int round = 0; round < 6; ++round) {
      const std::optional<TimePoint> due = parse_utc_time(text_of(demand_, "due_at"));
      if (!due || *due > at) return ok_status();
      Result<std::vector<workflow::Event>> history = workflow::events_of(connection_, "demands", id());
      if (!history) return history.error();
      const workflow::ClockRun* breached = nullptr;
      const std::vector<workflow::ClockRun> runs = workflow::clock_runs(flow_, history.value(), calendar_, *due);
      for (const workflow::ClockRun& run : runs) {
        if (workflow::awaits_breach_action(flow_, run) && *run.breaches_at <= *due) breached = &run;
      }
      if (!breached) return ok_status();
      if (Status done = act(nullptr, {{"action", flow_.find_clock(breached->clock)->on_breach}}, *due, breached->clock);
          !done)
        return done;
    }
    return ok_status();
  }

  std::string id() const { return text_of(demand_, "id"); }
  std::string state() const { return text_of(demand_, "status"); }

 private:
  Status act(const access::User* user, Json body, TimePoint at, const std::string& clock = "") {
    Result<workflow::ActionRequest> request = workflow::read_action_request(body);
    if (!request) return request.error();
    request->at = iso8601(at);
    request->clock = clock;
    const workflow::Acting acting{user, {kActor, "", user ? user->standing() : access::Writer::kAdmin}};
    Result<Json> after = workflow::take_action(connection_, flow_, schema_, id(), request.value(), acting);
    if (!after) return after.error();
    demand_ = std::move(after.value());
    ++events_;
    return ok_status();
  }

  store::Connection& connection_;
  const records::ResourceSchema& schema_;
  const workflow::Workflow& flow_;
  const worktime::WorkCalendar& calendar_;
  Json demand_;
  std::size_t events_ = 0;
};

// Signing, working, resolving and rating, as one demand of many might go.
Status live_through(Simulation& sim, SeededRandom& random, TimePoint received, const std::string& other_unit) {
  TimePoint t = received;
  if (sim.state() == "pending_dispatch")
    if (Status sent = sim.by_dispatcher({{"action", "dispatch"}, {"unit_id", other_unit}}, t = sim.after(t, 0.1));
        !sent)
      return sent;
  if (random.chance(0.06)) {
    t = sim.after(t, 0.2 + 0.5 * random.uniform());
    Json back = {{"action", "return"},
                 {"reason", kReasons[random.weighted(kReasonWeights)]},
                 {"comment", "示例：经核实不属本单位承办"}};
    if (Status returned = sim.by_holder(back, t); !returned) return returned;
    if (sim.state() == "pending_dispatch") {
      if (Status sent = sim.by_dispatcher({{"action", "dispatch"}, {"unit_id", other_unit}}, t = sim.after(t, 0.1));
          !sent)
        return sent;
      if (random.chance(0.15)) {
        if (Status again = sim.by_holder(back, t = sim.after(t, 0.3)); !again) return again;  // the unit of last resort
      }
    }
  } else if (random.chance(0.04) && other_unit != text_of(sim.demand(), "unit_id")) {
    Json moved = {{"action", "reassign"}, {"unit_id", other_unit}, {"comment", "示例：转由主管部门办理"}};
    if (Status reassigned = sim.by_holder(moved, t = sim.after(t, 0.3)); !reassigned) return reassigned;
  }
  // Most units sign within the day; some are late, and the scheduler escalates those first.
  const double accept_days = random.chance(0.94) ? 0.05 + 0.8 * random.uniform() : 1.1 + random.uniform();
  if (Status accepted = sim.by_holder({{"action", "accept"}}, t = sim.after(t, accept_days)); !accepted)
    return accepted;
  if (random.chance(0.3)) {
    Json note = {{"action", "progress"}, {"comment", "示例：已与企业沟通，正在协调"}};
    if (Status noted = sim.by_signed_holder(note, t = sim.after(t, 0.3 + random.uniform())); !noted) return noted;
  }
  if (random.chance(0.08)) {
    Json wait = {{"action", "suspend"}, {"comment", "示例：等待企业补充材料"}};
    if (Status waited = sim.by_signed_holder(wait, t = sim.after(t, 0.5)); !waited) return waited;
    if (Status resumed = sim.by_owner({{"action", "resume"}, {"comment", "示例：材料已补充"}},
                                      t = sim.after(t, 1 + 2 * random.uniform()));
        !resumed)
      return resumed;
  }
  if (random.chance(0.05) && sim.state() != "dispatched") {
    Json longer = {{"action", "extend"}, {"extra_days", "5"}, {"comment", "示例：需跨部门协调"}};
    if (Status extended = sim.by_dispatcher(longer, t = sim.after(t, 0.2)); !extended) return extended;
  }
  const double working = random.chance(0.95) ? 0.5 + 4.5 * random.uniform() : 5 + 4 * random.uniform();
  if (Status resolved =
          sim.by_signed_holder({{"action", "resolve"}, {"comment", "示例：已办结"}}, t = sim.after(t, working));
      !resolved)
    return resolved;
  for (int rating_round = 0; rating_round < 3 && sim.state() != "closed"; ++rating_round) {
    const std::string rating = kRatings[random.weighted(kRatingWeights)];
    if (random.chance(0.72)) {
      if (Status rated =
              sim.by_owner({{"action", "rate"}, {"rating", rating}}, t = sim.after(t, 0.1 + 2 * random.uniform()));
          !rated)
        return rated;
    } else {
      // Unrated: five working days later the scheduler asks for a call back, which comes a day after.
      Json called = {{"action", "call_back"}, {"rating", rating}, {"comment", "示例：电话回访"}};
      if (Status back = sim.by_holder(called, t = sim.after(t, 5.5 + random.uniform())); !back) return back;
    }
    if (sim.state() == "rated") {
      if (Status closed = sim.by_holder({{"action", "close"}}, t = sim.after(t, 0.2)); !closed) return closed;
    } else if (sim.state() == "in_progress") {  // reopened by a poor rating
      Json again = {{"action", "resolve"}, {"comment", "示例：复核后再次办结"}};
      if (Status resolved = sim.by_signed_holder(again, t = sim.after(t, 1 + 2 * random.uniform())); !resolved)
        return resolved;
    }
  }
  return ok_status();
}

}  // namespace

Result<DemoDemands> add_demo_demands(store::Connection& connection, const catalog::Catalog& catalog,
                                     const workflow::Workflow& flow, std::size_t count) {
  const records::ResourceSchema& schema = *catalog.find("demands");
  Result<store::QueryResult> existing =
      connection.query("SELECT COUNT(*) FROM demands WHERE synthetic = 1 AND deleted_at IS NULL");
  if (!existing) return existing.error();
  if (store::as_integer(existing->rows[0][0]).value_or(0) > 0)
    return Error::conflict("the demo demands are there already");
  Result<std::vector<Json>> organizations = records::list_all_records(connection, *catalog.find("organizations"));
  if (!organizations) return organizations.error();
  std::vector<std::string> enterprises;
  for (const Json& organization : organizations.value()) {
    if (text_of(organization, "kind") == "enterprise") enterprises.push_back(text_of(organization, "id"));
  }
  if (enterprises.empty()) return Error::invalid("the demo demands need enterprises to file them");
  Result<std::vector<Json>> categories = records::list_all_records(connection, *catalog.find("service_categories"));
  if (!categories) return categories.error();
  std::map<std::string, std::string> department_of;
  std::map<std::string, std::string> category_name;
  for (const Json& category : categories.value()) {
    department_of[text_of(category, "id")] = text_of(category, "department_unit_id");
    category_name[text_of(category, "id")] = text_of(category, "name");
  }
  Result<worktime::StoredCalendar> calendar = worktime::load_calendar(connection);
  if (!calendar) return calendar.error();

  // Working days of 2025, for when demands arrive.
  std::vector<worktime::Day> days;
  for (worktime::Day day = *worktime::parse_day("2025-01-02"); day <= *worktime::parse_day("2025-12-31");
       day = worktime::Day(std::chrono::sys_days(day) + std::chrono::days(1))) {
    if (calendar->calendar.is_working_day(day)) days.push_back(day);
  }
  SeededRandom random(kSeed);
  const auto day_length = std::chrono::duration_cast<std::chrono::milliseconds>(calendar->calendar.day_length());
  // The latest few arrive in the hour before now and are still being handled;
  // the others, over 2025, have run their course.
  const std::size_t still_open = std::max<std::size_t>(1, count / 30);
  std::vector<TimePoint> arrivals;
  for (std::size_t i = 0; i + still_open < count; ++i) {
    const TimePoint midnight = worktime::start_of(days[random.below(days.size())]);
    arrivals.push_back(calendar->calendar.after_working_time(
        midnight, std::chrono::milliseconds(std::int64_t(random.uniform() * double(day_length.count())))));
  }
  std::sort(arrivals.begin(), arrivals.end());
  const TimePoint now = connection.clock().now();
  for (std::size_t i = 0; i < still_open && i < count; ++i)
    arrivals.push_back(now - std::chrono::minutes(60 - 50 * i / still_open));

  DemoDemands summary;
  Simulation sim(connection, schema, flow, calendar->calendar);
  const records::Actor staff{kActor, "", access::Writer::kStaff};
  for (std::size_t i = 0; i < arrivals.size(); ++i) {
    const std::string category = kCategories[random.weighted(kCategoryWeights)];
    const std::string channel = kChannels[random.weighted(kChannelWeights)];
    Result<Json> created = records::create_record(
        connection, schema,
        {{"name", "示例诉求：" + category_name[category] + "（第" + std::to_string(i + 1) + "件）"},
         {"description", "示例数据：为演示受理、派单、时限与评价机制而生成，不是真实企业的诉求。"},
         {"source", "synthetic"},
         {"synthetic", true},
         {"org_id", random.pick(enterprises)},
         {"category_id", category},
         {"channel", channel},
         {"received_at", iso8601(arrivals[i])}},
        staff);
    if (!created) return created.error();
    sim.start(std::move(created.value()));
    // Any refusal here is a fault of the simulation, not an existing population (Conflict).
    Status moved = ok_status();
    if (arrivals[i] < now - std::chrono::hours(2)) {
      moved = live_through(sim, random, arrivals[i], department_of[category]);
    } else if (random.chance(0.5) && sim.state() == "dispatched") {
      moved = sim.by_holder({{"action", "accept"}}, arrivals[i] + std::chrono::minutes(2));  // signed for at once
    }
    if (!moved) return Error::internal("the demo demand " + sim.id() + " could not be moved: " + moved.error().message);
    ++summary.demands;
    if (sim.state() != "closed") ++summary.left_open;
  }
  summary.events = sim.events();
  return summary;
}

}  // namespace alley::demands
