// Events on the shared machinery: the pack's series and events as the
// documents state them; registration that never gives more seats than there
// are, however many arrive at once, with a waiting list in arrival order, a
// freed seat offered on and passed on when its offer runs out; the door,
// which accepts a ticket once and refuses forged, other events' and waiting
// tickets; and iCalendar text folded and escaped as RFC 5545 asks.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "core/time_text.h"
#include "events/check_in.h"
#include "events/ical.h"
#include "events/registrations.h"
#include "events/tickets.h"
#include "records/repository.h"
#include "support/store_fixture.h"
#include "workflow/actions.h"
#include "workflow/module.h"

namespace alley::events {
namespace {

access::User person(const char* name, access::Role role, const char* department = "", const char* org = "") {
  access::User user;
  user.id = std::string("user-") + name;
  user.username = name;
  user.role = role;
  user.department_id = department;
  user.org_id = org;
  return user;
}

class Events : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(load_district_pack().ok());
    book_.flow = app().find_service<workflow::Workflows>()->find("events");
    book_.schema = find_schema("events");
    ASSERT_NE(book_.flow, nullptr);
  }

  template <class Work>
  auto in_write(Work work) -> decltype(work()) {
    decltype(work()) result = Error::internal("not run");
    Status done = store::in_write_transaction(connection(), [&]() -> Status {
      result = work();
      return result ? ok_status() : Status(result.error());
    });
    return result;
  }

  // A new event by the science commission, open for registration with `capacity` seats.
  std::string open_event(std::optional<int> capacity, const char* audience = "public") {
    Json input = {{"name", "创投沙龙（测试）"},
                  {"kind", "salon"},
                  {"source", "端到端测试"},
                  {"audience", audience},
                  {"starts_at", "2026-12-10T14:00:00+08:00"},
                  {"ends_at", "2026-12-10T16:30:00+08:00"},
                  {"venue_place_id", "guixiang-no1"},
                  {"organiser_ids", {"science-tech-commission"}}};
    if (capacity) input["capacity"] = *capacity;
    Result<Json> created = in_write([&] {
      return records::create_record(connection(), *book_.schema, input,
                                    {organiser_.username, organiser_.id, access::Writer::kStaff});
    });
    EXPECT_TRUE(created.ok()) << (created ? "" : created.error().message);
    const std::string id = created.value()["id"].get<std::string>();
    EXPECT_EQ(act(id, "open_registration").value()["status"], "open");
    return id;
  }

  Result<Json> act(const std::string& id, const char* action, Json inputs = Json::object()) {
    return in_write([&]() -> Result<Json> {
      workflow::ActionRequest request;
      request.action = action;
      request.inputs = inputs;
      return workflow::take_action(connection(), *book_.flow, *book_.schema, id, request,
                                   {&organiser_, {organiser_.username, organiser_.id, organiser_.standing()}});
    });
  }

  Result<Json> register_public(const std::string& event, const std::string& name, const std::string& phone) {
    Registrant registrant;
    registrant.name = name;
    registrant.phone = phone;
    return in_write([&] { return register_for(connection(), book_, event, registrant, clock_->now()); });
  }

  std::string status_of(const std::string& event) {
    return records::get_record(connection(), *book_.schema, event).value()["status"].get<std::string>();
  }

  EventBook book_;
  access::User organiser_ = person("kw", access::Role::kDepartment, "science-tech-commission");
};

TEST_F(Events, ThePacksSeriesAndEventsSayWhatTheDocumentsSayAndNoMore) {
  const Json breakfast = records::get_record(connection(), *find_schema("event_series"), "series-breakfast").value();
  EXPECT_EQ(breakfast["cadence"], "quarterly");
  EXPECT_NE(breakfast["source"].get<std::string>().find("003_1da6abce3474a976.txt §四(一)2"), std::string::npos);
  const Json mems = records::get_record(connection(), *book_.schema, "evt-2024-mems-symposium").value();
  EXPECT_EQ(mems["status"], "held") << "recorded after it was held";
  EXPECT_EQ(mems["year"], 2024);
  EXPECT_FALSE(mems.contains("starts_at")) << "the document gives no date";
  EXPECT_FALSE(mems.contains("counts_as")) << "no document calls it a 大型论坛";
  const Json q3 = records::get_record(connection(), *book_.schema, "evt-2025-q3-breakfast").value();
  EXPECT_EQ(q3["status"], "planned") << "a plan, with no record that it was held";
  EXPECT_EQ(q3["quarter"], 3);
  EXPECT_EQ(q3["series_id"], "series-breakfast");
  const std::vector<Json> all = records::list_all_records(connection(), *book_.schema).value();
  for (const Json& event : all) {
    EXPECT_FALSE(event.value("source", "").empty()) << event["id"];
    EXPECT_TRUE(event.contains("starts_at") || event.contains("date_note")) << event["id"] << " says when it is";
  }
}

TEST_F(Events, AStartWithItsOffsetIsKeptInUtcAndGivesTheDistrictsYearAndQuarter) {
  const std::string id = open_event(10);
  const Json event = records::get_record(connection(), *book_.schema, id).value();
  EXPECT_EQ(event["starts_at"], "2026-12-10T06:00:00.000Z");
  EXPECT_EQ(event["year"], 2026);
  EXPECT_EQ(event["quarter"], 4);
  EXPECT_EQ(event["time_zone"], "Asia/Shanghai");
  // New Year's Eve at 23:30 in Shanghai is still the old year there, though UTC says the same.
  Result<Json> late = in_write([&] {
    return records::create_record(
        connection(), *book_.schema,
        {{"name", "跨年"}, {"kind", "culture_sports"}, {"source", "测试"}, {"starts_at", "2027-01-01T00:30:00+08:00"}},
        {"kw", "", access::Writer::kAdmin});
  });
  ASSERT_TRUE(late.ok()) << late.error().message << (late.error().fields.empty() ? "" : late.error().fields[0].message);
  EXPECT_EQ(late.value()["year"], 2027) << "16:30 UTC on 31 December is already 2027 in Shanghai";
  EXPECT_EQ(late.value()["quarter"], 1);
}

TEST_F(Events, TwoHundredAtOnceForFiftySeatsGiveFiftySeatsAndAWaitingListInArrivalOrder) {
  const std::string id = open_event(50);
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  for (int i = 0; i < 200; ++i) {
    threads.emplace_back([&, i] {
      Result<store::Database::Lease> lease = database_->acquire();
      if (!lease) {
        ++failures;
        return;
      }
      Registrant registrant;
      registrant.name = "报名者" + std::to_string(i);
      registrant.phone = "139" + std::to_string(10000000 + i);
      Result<Json> answer = Result<Json>(Error::internal("not run"));
      Status done = store::in_write_transaction(*lease.value(), [&]() -> Status {
        answer = register_for(*lease.value(), book_, id, registrant, clock_->now());
        return answer ? ok_status() : Status(answer.error());
      });
      if (!done) ++failures;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  const Json listed = list_registrations(connection(), id, true).value();
  ASSERT_EQ(listed["items"].size(), 200u) << "no registration lost";
  std::set<std::int64_t> seqs;
  int confirmed = 0;
  std::int64_t last_confirmed = 0, first_waiting = 1000;
  for (const Json& row : listed["items"]) {
    seqs.insert(row["seq"].get<std::int64_t>());
    if (row["status"] == "confirmed") {
      ++confirmed;
      last_confirmed = std::max(last_confirmed, row["seq"].get<std::int64_t>());
    } else {
      EXPECT_EQ(row["status"], "waitlisted");
      first_waiting = std::min(first_waiting, row["seq"].get<std::int64_t>());
    }
  }
  EXPECT_EQ(confirmed, 50);
  EXPECT_EQ(seqs.size(), 200u);
  EXPECT_LT(last_confirmed, first_waiting) << "the first fifty to arrive hold the seats";
  EXPECT_EQ(status_of(id), "full");
}

TEST_F(Events, AFreedSeatIsOfferedToTheFirstWaitingAndPassesOnWhenTheOfferRunsOut) {
  const std::string id = open_event(1);
  const Json first = register_public(id, "甲", "13900000001").value();
  const Json second = register_public(id, "乙", "13900000002").value();
  const Json third = register_public(id, "丙", "13900000003").value();
  EXPECT_EQ(first["status"], "confirmed");
  EXPECT_EQ(second["status"], "waitlisted");
  EXPECT_EQ(second["position"], 1);
  EXPECT_EQ(third["position"], 2);
  EXPECT_EQ(status_of(id), "full");

  ASSERT_TRUE(in_write([&] {
                return cancel_registration(connection(), book_, id, first["id"].get<std::string>(), clock_->now());
              }).ok());
  Json offered = registration_row(connection(), second["id"].get<std::string>()).value();
  EXPECT_EQ(offered["status"], "offered");
  EXPECT_EQ(offered["offer_expires_at"], iso8601(clock_->now() + std::chrono::hours(24)));
  EXPECT_EQ(status_of(id), "full") << "the seat is held for the one offered";

  // A day and a minute later the offer has passed to the next.
  clock_->set(clock_->now() + std::chrono::hours(24) + std::chrono::minutes(1));
  ASSERT_TRUE(in_write([&]() -> Result<Json> {
                if (Status settled = settle_offers(connection(), book_, id, clock_->now()); !settled)
                  return settled.error();
                return Json();
              }).ok());
  Result<Json> late =
      in_write([&] { return accept_offer(connection(), book_, id, second["id"].get<std::string>(), clock_->now()); });
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  EXPECT_EQ(registration_row(connection(), second["id"].get<std::string>()).value()["status"], "expired");
  EXPECT_EQ(registration_row(connection(), third["id"].get<std::string>()).value()["status"], "offered");
  ASSERT_TRUE(in_write([&] {
                return accept_offer(connection(), book_, id, third["id"].get<std::string>(), clock_->now());
              }).ok());
  EXPECT_EQ(registration_row(connection(), third["id"].get<std::string>()).value()["status"], "confirmed");

  // Nobody left waiting: a cancelled seat opens the event again.
  ASSERT_TRUE(in_write([&] {
                return cancel_registration(connection(), book_, id, third["id"].get<std::string>(), clock_->now());
              }).ok());
  EXPECT_EQ(status_of(id), "open");
}

TEST_F(Events, RegistrationIsRefusedWhenClosedTwiceOrOutsideTheAudience) {
  const std::string id = open_event(5, "staff");
  Registrant enterprise_user;
  access::User firm = person("firm", access::Role::kEnterprise, "", "demo-org");
  enterprise_user.user = &firm;
  enterprise_user.name = "firm";
  Result<Json> refused =
      in_write([&] { return register_for(connection(), book_, id, enterprise_user, clock_->now()); });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);

  const std::string open = open_event(5);
  ASSERT_TRUE(register_public(open, "甲", "13900000001").ok());
  Result<Json> twice = register_public(open, "甲", "13900000001");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(act(open, "close_registration").ok());
  Result<Json> closed = register_public(open, "乙", "13900000002");
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.error().code, ErrorCode::kConflict);

  // What a registration takes is the least the door needs.
  Result<Registrant> extra = read_registrant({{"name", "甲"}, {"phone", "139"}, {"id_card", "310…"}}, nullptr);
  ASSERT_FALSE(extra.ok());
  EXPECT_EQ(extra.error().fields[0].field, "id_card");
  EXPECT_FALSE(read_registrant({{"name", "甲"}}, nullptr).ok()) << "the public leave a phone number";
  EXPECT_FALSE(read_registrant({{"name", std::string(51, 'a')}, {"phone", "1"}}, nullptr).ok());
}

TEST_F(Events, TheDoorAcceptsATicketOnceAndRefusesForgedOtherEventsAndWaitingTickets) {
  const std::string id = open_event(1);
  const Json seated = register_public(id, "甲", "13900000001").value();
  const Json waiting = register_public(id, "乙", "13900000002").value();
  const std::string other = open_event(5);
  const Json elsewhere = register_public(other, "丙", "13900000003").value();
  auto scan = [&](const std::string& code) {
    return in_write([&] { return check_in(connection(), book_, id, code, organiser_, clock_->now()); }).value();
  };
  std::string typed = seated["ticket"].get<std::string>();
  for (char& c : typed) c = char(std::tolower(c));
  const Json accepted = scan(typed);
  EXPECT_EQ(accepted["result"], "accepted") << "typed in lower case, the code still reads";
  EXPECT_EQ(accepted["attendance"]["checked_in"], 1);
  EXPECT_FALSE(accepted["registration"].contains("phone")) << "the door shows no phone number";
  const Json again = scan(seated["ticket"].get<std::string>());
  EXPECT_EQ(again["result"], "already_used");
  EXPECT_EQ(again["registration"]["checked_in_at"], accepted["registration"]["checked_in_at"]);
  EXPECT_EQ(again["attendance"]["checked_in"], 1) << "a retried scan changes nothing";
  EXPECT_EQ(scan(new_ticket_code())["result"], "not_registered") << "a well-formed code nobody was given";
  EXPECT_EQ(scan("'; DROP TABLE events; --")["result"], "not_registered");
  EXPECT_EQ(scan(elsewhere["ticket"].get<std::string>())["result"], "wrong_event");
  EXPECT_EQ(scan(waiting["ticket"].get<std::string>())["result"], "waiting");

  Registrant walk_in;
  walk_in.entered_by = &organiser_;
  walk_in.name = "丁";
  const Json added =
      in_write([&] { return add_walk_in(connection(), book_, id, walk_in, organiser_, clock_->now()); }).value();
  EXPECT_EQ(added["attendance"]["checked_in"], 2);
  EXPECT_EQ(added["attendance"]["walk_ins"], 1);

  ASSERT_TRUE(act(id, "hold").ok());
  ASSERT_TRUE(act(id, "report", {{"minutes", "交流了融资需求"}}).ok());
  const Json reported = records::get_record(connection(), *book_.schema, id).value();
  EXPECT_EQ(reported["attendance"], 2) << "counted at the door";
  Result<Json> after = in_write([&] { return check_in(connection(), book_, id, typed, organiser_, clock_->now()); });
  ASSERT_FALSE(after.ok()) << "the door closes with the report";
  EXPECT_EQ(after.error().code, ErrorCode::kConflict);
}

TEST_F(Events, PhonesAreMaskedToAllButTheOrganisers) {
  const std::string id = open_event(5);
  ASSERT_TRUE(register_public(id, "甲", "13912345678").ok());
  EXPECT_EQ(list_registrations(connection(), id, false).value()["items"][0]["phone"], "139****5678");
  EXPECT_EQ(list_registrations(connection(), id, true).value()["items"][0]["phone"], "13912345678");
  EXPECT_FALSE(list_registrations(connection(), id, true).value()["items"][0].contains("ticket"))
      << "no list shows a ticket's code";
}

TEST(TicketCodes, AreRandomReadableAndReadBackFromWhatIsTyped) {
  std::set<std::string> codes;
  for (int i = 0; i < 1000; ++i) codes.insert(new_ticket_code());
  EXPECT_EQ(codes.size(), 1000u);
  const std::string code = *codes.begin();
  ASSERT_EQ(code.size(), 19u);
  EXPECT_EQ(normalized_ticket_code(code), code);
  EXPECT_EQ(normalized_ticket_code(" " + code.substr(0, 4) + code.substr(5)), code) << "spaces and dashes aside";
  EXPECT_EQ(normalized_ticket_code(code.substr(1)), std::nullopt) << "a letter short";
  EXPECT_EQ(normalized_ticket_code(code + "A"), std::nullopt) << "a letter too many";
  EXPECT_EQ(normalized_ticket_code("OOOO-IIII-1111-0000"), std::nullopt) << "look-alikes are not in the alphabet";
  const std::string png = ticket_png(code).value();
  EXPECT_EQ(png.substr(1, 3), "PNG");
}

TEST(ICalendar, FoldsAtSeventyFiveOctetsWithoutSplittingACharacter) {
  const std::string line =
      "SUMMARY:" +
      ical_text("第十六届（2024年）传感器与MEMS产业化技术国际研讨会（暨成果展），聚焦先进半导体；产业物联网");
  const std::string folded = folded_line(line);
  std::string unfolded;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = folded.find("\r\n", start);
    const std::string piece = folded.substr(start, end == std::string::npos ? std::string::npos : end - start);
    EXPECT_LE(piece.size(), 75u);
    EXPECT_NE(static_cast<unsigned char>(piece[piece[0] == ' ' ? 1 : 0]) & 0xC0, 0x80)
        << "a piece starts on a character";
    unfolded += start == 0 ? piece : piece.substr(1);
    if (end == std::string::npos) break;
    start = end + 2;
  }
  EXPECT_EQ(unfolded, line);
  EXPECT_EQ(ical_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
}

}  // namespace
}  // namespace alley::events
