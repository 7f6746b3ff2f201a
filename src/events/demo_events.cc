#include "events/demo_events.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "core/district_time.h"
#include "core/seeded_random.h"
#include "events/check_in.h"
#include "records/repository.h"
#include "workflow/actions.h"

namespace alley::events {
namespace {

constexpr std::uint64_t kSeed = 20250926;  // the breakfast meeting of the third quarter of 2025
constexpr const char* kActor = "demo";
constexpr int kYear = 2025;

// What the year holds: how many of a kind, in which series, counted towards which target.
struct Line {
  const char* kind;
  const char* series_id;  // "" for none
  const char* counts_as;  // "" for none
  const char* title;
  int count;
  int capacity_low;
  int capacity_high;
};

const std::vector<Line> kYearPlan = {
    {"breakfast", "series-breakfast", "", "硅巷早餐会", 4, 40, 60},
    {"forum", "series-xinjing-guilai", "large_forum", "芯镜&硅来产业论坛", 1, 200, 300},
    {"forum", "series-bci-conference", "large_forum", "脑机接口产城融合会议", 1, 200, 300},
    {"forum", "", "large_forum", "硅巷科创发展论坛", 1, 200, 300},
    {"salon", "series-vc-salon", "innovation_salon", "创投沙龙", 10, 30, 50},
    {"salon", "series-vc-afternoon-tea", "innovation_salon", "创投下午茶", 8, 20, 30},
    {"salon", "series-zhilian-accelerator", "innovation_salon", "智链加速器路演", 6, 30, 60},
    {"contest", "series-us-china-youth-maker", "entrepreneurship_event", "中美青年创客大赛", 1, 100, 150},
    {"launch", "", "entrepreneurship_event", "双创成果发布会", 2, 80, 120},
    {"salon", "", "entrepreneurship_event", "大学生创业训练营", 2, 50, 80},
    {"science_outreach", "series-quzhi-wuyi", "", "趣知武夷科普活动", 4, 30, 60},
    {"course", "series-feile-night-school", "", "飞乐夜校课程", 4, 20, 30},
    {"culture_sports", "series-city-study-reading", "", "城市书房读书会", 2, 20, 40},
    {"job_fair", "", "", "硅巷人才招聘会", 2, 150, 250},
};

const std::vector<const char*> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"};

// `hour`:`minute` of `date` (YYYY-MM-DD) in the district.
TimePoint district_clock_time(const std::string& date, int hour, int minute = 0) {
  return *district_day_start(date) + std::chrono::hours(hour) + std::chrono::minutes(minute);
}

// The district's 14:00 (or 09:30) on a weekday of `month`.
TimePoint afternoon_in(SeededRandom& random, int month, bool morning) {
  using namespace std::chrono;
  for (;;) {
    const year_month_day day{year(kYear), std::chrono::month(unsigned(month)),
                             std::chrono::day(unsigned(1 + random.below(28)))};
    const weekday of{sys_days(day)};
    if (of == Saturday || of == Sunday) continue;
    const std::string date = iso8601(sys_days(day)).substr(0, 10);
    return morning ? district_clock_time(date, 9, 30) : district_clock_time(date, 14);
  }
}

// The year runs on a clock of its own, set to each moment as it comes, so that
// everything it writes — records, their history, tickets, the audit log — is
// dated when it happened; the connection's clock is put back afterwards.
class YearOfEvents {
 public:
  YearOfEvents(store::Connection& connection, const EventBook& book, SeededRandom& random)
      : connection_(connection),
        book_(book),
        random_(random),
        clock_(std::make_shared<ManualClock>(connection.clock().now())),
        real_clock_(connection.set_clock(clock_)) {
    staff_.username = kActor;
    staff_.role = access::Role::kAdmin;
  }
  ~YearOfEvents() { connection_.set_clock(real_clock_); }
  YearOfEvents(const YearOfEvents&) = delete;
  YearOfEvents& operator=(const YearOfEvents&) = delete;

  // The moment the year has come to.
  TimePoint at(TimePoint moment) {
    clock_->set(moment);
    return moment;
  }
  TimePoint real_now() const { return real_clock_->now(); }

  Status act(const std::string& id, const char* action, TimePoint when, Json inputs = Json::object()) {
    at(when);
    workflow::ActionRequest request;
    request.action = action;
    request.inputs = std::move(inputs);
    const workflow::Acting acting{&staff_, {kActor, "", access::Writer::kAdmin}};
    Result<Json> after = workflow::take_action(connection_, *book_.flow, *book_.schema, id, request, acting);
    return after ? ok_status() : Status(after.error());
  }

  Result<std::string> status_of(const std::string& id) {
    Result<Json> event = records::get_record(connection_, *book_.schema, id);
    if (!event) return event.error();
    return event->value("status", "");
  }

  // Opens registration a fortnight before `starts`; people register until the day before, some cancel.
  // Answers the tickets of the seats, in arrival order.
  Result<std::vector<std::string>> fill(const std::string& id, int capacity, TimePoint opens, TimePoint last,
                                        const std::vector<std::string>& organisations) {
    if (Status opened = act(id, "open_registration", opens); !opened) return opened.error();
    const int wanted = int(capacity * (0.6 + 0.55 * random_.uniform()));
    const auto span = std::chrono::duration_cast<std::chrono::minutes>(last - opens);
    std::vector<TimePoint> moments;
    for (int i = 0; i < wanted; ++i) moments.push_back(opens + std::chrono::minutes(random_.below(span.count())));
    std::sort(moments.begin(), moments.end());
    for (int i = 0; i < wanted; ++i) {
      Registrant person;
      person.name = std::string("示例") + random_.pick(kSurnames) + (random_.chance(0.5) ? "女士" : "先生");
      person.organisation = random_.pick(organisations);
      person.phone = "1390000" + std::to_string(1000 + i);
      Result<Json> registered = register_for(connection_, book_, id, person, at(moments[i]));
      if (!registered) return registered.error();
      // One in twenty cancels a little later; the seat is offered on, and mostly taken up.
      if (random_.chance(0.05) && i + 1 < wanted) {
        const TimePoint later = moments[i] + (moments[i + 1] - moments[i]) / 2;
        Result<Json> cancelled =
            cancel_registration(connection_, book_, id, registered.value()["id"].get<std::string>(), at(later));
        if (!cancelled) return cancelled.error();
      }
    }
    if (Status settled = settle_offers(connection_, book_, id, at(last)); !settled) return settled.error();
    if (Status accepted = accept_offers(id, last); !accepted) return accepted.error();
    Result<std::string> status = status_of(id);
    if (!status) return status.error();
    if (*status == "open" || *status == "full") {
      if (Status closed = act(id, "close_registration", last + std::chrono::minutes(1)); !closed) return closed.error();
    }
    std::vector<std::string> seated;
    Result<store::QueryResult> rows = connection_.query(
        "SELECT ticket FROM event_registrations WHERE event_id = ? AND status = 'confirmed' ORDER BY seq", {id});
    if (!rows) return rows.error();
    for (const store::Row& row : rows->rows) seated.push_back(store::as_text(row[0]));
    return seated;
  }

  // Seven in ten offers (all live: just settled) are taken up.
  Status accept_offers(const std::string& id, TimePoint by) {
    Result<store::QueryResult> offered =
        connection_.query("SELECT id FROM event_registrations WHERE event_id = ? AND status = 'offered'", {id});
    if (!offered) return offered.error();
    for (const store::Row& row : offered->rows) {
      if (!random_.chance(0.7)) continue;
      Result<Json> taken = accept_offer(connection_, book_, id, store::as_text(row[0]), at(by));
      if (!taken) return taken.error();
    }
    return ok_status();
  }

  // The door: most of the seats come, a few walk in; held two hours later, reported the next day.
  Status run(const std::string& id, const std::vector<std::string>& tickets, TimePoint starts) {
    for (const std::string& ticket : tickets) {
      if (!random_.chance(0.82)) continue;
      const TimePoint arrives = starts - std::chrono::minutes(random_.below(40));
      Result<Json> checked = check_in(connection_, book_, id, ticket, staff_, at(arrives));
      if (!checked) return checked.error();
      ++checked_in_;
    }
    for (std::size_t i = 0, walk_ins = random_.below(4); i < walk_ins; ++i) {
      Registrant person;
      person.name = std::string("示例现场登记") + random_.pick(kSurnames) + "先生";
      person.entered_by = &staff_;
      Result<Json> added = add_walk_in(connection_, book_, id, person, staff_, at(starts + std::chrono::minutes(10)));
      if (!added) return added.error();
      ++checked_in_;
    }
    if (Status held = act(id, "hold", starts + std::chrono::hours(2)); !held) return held;
    return act(id, "report", starts + std::chrono::hours(26),
               {{"minutes", "示例纪要：演示数据，记录议程、嘉宾与交流情况。"},
                {"outcomes", "示例成效：演示数据，记录对接意向与活动后提出的企业诉求。"}});
  }

  std::size_t checked_in() const { return checked_in_; }

 private:
  store::Connection& connection_;
  const EventBook& book_;
  SeededRandom& random_;
  std::shared_ptr<ManualClock> clock_;
  std::shared_ptr<const Clock> real_clock_;
  access::User staff_;
  std::size_t checked_in_ = 0;
};

Result<std::vector<std::string>> ids_where(store::Connection& connection, const records::ResourceSchema& schema,
                                           const std::function<bool(const Json&)>& keep, const char* field) {
  Result<std::vector<Json>> records = records::list_all_records(connection, schema);
  if (!records) return records.error();
  std::vector<std::string> kept;
  for (const Json& record : records.value()) {
    if (keep(record)) kept.push_back(record.value(field, ""));
  }
  return kept;
}

}  // namespace

Result<DemoEvents> add_demo_events(store::Connection& connection, const catalog::Catalog& catalog,
                                   const EventBook& book) {
  Result<store::QueryResult> existing =
      connection.query("SELECT COUNT(*) FROM events WHERE synthetic = 1 AND deleted_at IS NULL");
  if (!existing) return existing.error();
  if (store::as_integer(existing->rows[0][0]).value_or(0) > 0)
    return Error::conflict("the demo events are there already");
  Result<std::vector<std::string>> venues = ids_where(
      connection, *catalog.find("places"),
      [](const Json& place) {
        const std::string type = place.value("type", "");
        return place.contains("lon") &&
               (type == "innovation_space" || type == "carrier" || type == "building" || type == "cultural_venue");
      },
      "id");
  if (!venues) return venues.error();
  Result<std::vector<std::string>> organisations = ids_where(
      connection, *catalog.find("organizations"),
      [](const Json& organization) { return organization.value("kind", "") == "enterprise"; }, "name");
  if (!organisations) return organisations.error();
  if (venues->empty() || organisations->empty())
    return Error::invalid("the demo events need the registry's places and enterprises");

  SeededRandom random(kSeed);
  YearOfEvents year(connection, book, random);
  const records::Actor actor{kActor, "", access::Writer::kAdmin};
  DemoEvents summary;
  const TimePoint now = year.real_now();
  // Created, and so 筹备中, a month before it opens.
  auto create = [&](const Line& line, int edition, TimePoint starts) -> Result<Json> {
    const int capacity = line.capacity_low + int(random.below(std::size_t(line.capacity_high - line.capacity_low + 1)));
    Json event = {{"name", std::string("示例：") + line.title + "（第" + std::to_string(edition) + "场）"},
                  {"kind", line.kind},
                  {"source", "synthetic"},
                  {"synthetic", true},
                  {"description", "示例数据：为演示活动日历、报名、候补、签到与指标而生成，不是真实活动。"},
                  {"venue_place_id", random.pick(venues.value())},
                  {"organiser_ids", {"science-tech-commission"}},
                  {"starts_at", iso8601(starts)},
                  {"ends_at", iso8601(starts + std::chrono::hours(2))},
                  {"capacity", capacity},
                  {"audience", "public"}};
    if (*line.series_id) event["series_id"] = line.series_id;
    if (*line.counts_as) {
      event["counts_as"] = line.counts_as;
      event["counts_as_basis"] = "示例数据：演示用的认定";
    }
    year.at(starts - std::chrono::days(45));
    Result<Json> created = records::create_record(connection, *book.schema, event, actor);
    if (!created) return created.error();
    ++summary.events;
    return created;
  };

  for (const Line& line : kYearPlan) {
    for (int edition = 1; edition <= line.count; ++edition) {
      // The breakfast meets once a quarter, the rest spread over the year.
      const int month = std::string(line.kind) == "breakfast"
                            ? 3 * edition - 1
                            : 1 + int((12 * (edition - 1) + random.below(12 / line.count + 1)) / line.count) % 12;
      const TimePoint starts = afternoon_in(random, month, std::string(line.kind) == "breakfast");
      Result<Json> created = create(line, edition, starts);
      if (!created) return created.error();
      const std::string id = created.value()["id"];
      Result<std::vector<std::string>> seated =
          year.fill(id, created.value()["capacity"].get<int>(), starts - std::chrono::days(14),
                    starts - std::chrono::days(1), organisations.value());
      if (!seated) return seated.error();
      if (Status ran = year.run(id, seated.value(), starts); !ran) return ran.error();
    }
  }

  // What is coming: three in the month after now, open, their registrations under way.
  for (int i = 0; i < 3; ++i) {
    const Line& line = kYearPlan[std::size_t(4 + i)];
    const TimePoint starts = district_clock_time(district_date(now + std::chrono::days(7 + 9 * i)), 14);
    Result<Json> created = create(line, 100 + i, starts);
    if (!created) return created.error();
    const std::string id = created.value()["id"];
    if (Status opened = year.act(id, "open_registration", now - std::chrono::days(3)); !opened) return opened.error();
    for (int k = 0; k < created.value()["capacity"].get<int>() / 2; ++k) {
      Registrant person;
      person.name = std::string("示例") + random.pick(kSurnames) + "女士";
      person.organisation = random.pick(organisations.value());
      person.phone = "1390001" + std::to_string(1000 + k);
      Result<Json> registered =
          register_for(connection, book, id, person, year.at(now - std::chrono::hours(70) + std::chrono::hours(k)));
      if (!registered) return registered.error();
    }
  }

  Result<std::int64_t> marked = connection.execute(
      "UPDATE event_registrations SET synthetic = 1 WHERE event_id IN (SELECT id FROM events WHERE synthetic = 1)");
  if (!marked) return marked.error();
  Result<store::QueryResult> total = connection.query("SELECT COUNT(*) FROM event_registrations WHERE synthetic = 1");
  if (!total) return total.error();
  summary.registrations = std::size_t(store::as_integer(total->rows[0][0]).value_or(0));
  summary.checked_in = year.checked_in();
  return summary;
}

}  // namespace alley::events
