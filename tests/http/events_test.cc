// Events over HTTP against the real server: the organisers open an event,
// the public register with a name and a phone, a signed-in user for
// themself; the ticket's QR code reads back (zbarimg) as its code; phones
// show in full to the organisers only; the door takes a ticket once; a
// cancelled seat goes to the waiting list; the calendar feeds read in a real
// iCalendar parser (python3-icalendar), a long Chinese title folded; and a
// held event classified as a forum moves the KPI that counts forums.

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "core/base64.h"
#include "support/api_test.h"
#include "support/office.h"

namespace alley::testing {
namespace {

class EventsApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_alley({"init", "--db", dir_.db_url()}).exit_code, 0);
    auto tokens = add_users_by_role(dir_.db_url(),
                                    {{"qst-user", "--role", "enterprise", "--org", "qst"},
                                     {"commission", "--role", "department", "--department", "science-tech-commission"},
                                     {"huayang", "--role", "subdistrict", "--department", "huayanglu-subdistrict"}});
    firm_ = {{"Authorization", tokens.at("enterprise")}};
    commission_ = {{"Authorization", tokens.at("department")}};
    huayang_ = {{"Authorization", tokens.at("subdistrict")}};
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--db", dir_.db_url()});
    port_ = server_->port();
  }

  // An event of the commission's, open for registration.
  std::string open_event(const Json& extra) {
    Json body = {{"name", "创投沙龙：集成电路企业融资对接（第十二期）——“上海硅巷”No.1创新空间，欢迎区内企业报名参加"},
                 {"kind", "salon"},
                 {"source", "测试"},
                 {"audience", "public"},
                 {"capacity", 2},
                 {"starts_at", "2026-12-10T14:00:00+08:00"},
                 {"ends_at", "2026-12-10T16:30:00+08:00"},
                 {"venue_place_id", "guixiang-no1"},
                 {"description", "议程：项目路演；投资人点评，交流"}};
    if (extra.is_object()) body.update(extra);
    Response created = post_json(port_, "/api/v1/events", body, commission_);
    EXPECT_EQ(created.status, 201) << created.body;
    const Json event = json_of(created);
    EXPECT_EQ(event["organiser_ids"], Json::array({"science-tech-commission"})) << "staff organise what they create";
    Response opened = post_json(port_, "/api/v1/events/" + event["id"].get<std::string>() + "/actions",
                                {{"action", "open_registration"}}, with_etag(commission_, created.header("etag")));
    EXPECT_EQ(opened.status, 200) << opened.body;
    return event["id"];
  }

  static Headers with_etag(Headers headers, const std::string& etag) {
    headers.push_back({"If-Match", etag});
    return headers;
  }

  Response as_public(const std::string& method, const std::string& target, const Json& body = nullptr) {
    return request(port_, method, target, body.is_null() ? "" : body.dump(), {kAnonymousMarker});
  }

  TempDir dir_;
  Headers firm_, commission_, huayang_;
  std::unique_ptr<ServerProcess> server_;
  int port_ = 0;
};

TEST_F(EventsApi, ThePublicRegisterAndTheirTicketsQrCodeReadsBackAsItsCode) {
  const std::string id = open_event(Json::object());
  const std::string path = "/api/v1/events/" + id + "/registrations";
  Response refused = as_public("POST", path, {{"name", "王女士"}});
  EXPECT_EQ(refused.status, 422) << "the public leave a phone number";
  Response registered =
      as_public("POST", path, {{"name", "王女士"}, {"organisation", "晰航科技"}, {"phone", "13912345678"}});
  ASSERT_EQ(registered.status, 201) << registered.body;
  const Json ticket = json_of(registered);
  EXPECT_EQ(ticket["status"], "confirmed");
  EXPECT_EQ(ticket["phone"], "139****5678");
  const std::string code = ticket["ticket"];

  // Found again by its code, with the QR image a phone shows at the door.
  Response found = as_public("POST", "/api/v1/tickets/lookup", {{"ticket", code}});
  ASSERT_EQ(found.status, 200) << found.body;
  const Json lookup = json_of(found);
  EXPECT_EQ(lookup["event"]["id"], id);
  std::ofstream(dir_.path() / "ticket.png", std::ios::binary)
      << base64_decode(lookup["ticket_png"].get<std::string>()).value();
  // zbarimg may say first that it found no D-Bus; the code is its last line.
  EXPECT_EQ(run_command("zbarimg --quiet --raw " + (dir_.path() / "ticket.png").string() + " 2>/dev/null | tail -n 1"),
            code + "\n");
  EXPECT_EQ(as_public("POST", "/api/v1/tickets/lookup", {{"ticket", "ABCD-EFGH-JKMN-PQRS"}}).status, 404);
  EXPECT_EQ(as_public("POST", "/api/v1/tickets/lookup", {{"ticket", std::string(5000, 'A')}}).status, 422);

  // A signed-in user registers as themself; the list is staff's, phones in full for the organisers only.
  ASSERT_EQ(post_json(port_, path, Json::object(), firm_).status, 201);
  EXPECT_EQ(post_json(port_, path, Json::object(), firm_).status, 409) << "once";
  EXPECT_EQ(as_public("GET", path).status, 401);
  EXPECT_EQ(request(port_, "GET", path, "", firm_).status, 403);
  const Json for_organiser = json_of(request(port_, "GET", path, "", commission_));
  EXPECT_EQ(for_organiser["items"][0]["phone"], "13912345678");
  const Json for_other_staff = json_of(request(port_, "GET", path, "", huayang_));
  EXPECT_EQ(for_other_staff["items"][0]["phone"], "139****5678");
  EXPECT_EQ(registered.body.find("13912345678"), std::string::npos) << "not even to the registrant, who knows it";

  // The third is waiting; the first cancels with her ticket and the seat is offered on.
  const Json third = json_of(as_public("POST", path, {{"name", "李先生"}, {"phone", "13800000000"}}));
  EXPECT_EQ(third["status"], "waitlisted");
  EXPECT_EQ(third["position"], 1);
  const std::string cancel = path + "/" + ticket["id"].get<std::string>() + "/cancel";
  EXPECT_EQ(as_public("POST", cancel, {{"ticket", third["ticket"]}}).status, 403) << "someone else's ticket";
  ASSERT_EQ(as_public("POST", cancel, {{"ticket", code}}).status, 200);
  const Json offered = json_of(as_public("POST", "/api/v1/tickets/lookup", {{"ticket", third["ticket"]}}));
  EXPECT_EQ(offered["status"], "offered");
  Response taken =
      as_public("POST", path + "/" + third["id"].get<std::string>() + "/accept", {{"ticket", third["ticket"]}});
  ASSERT_EQ(taken.status, 200) << taken.body;
  EXPECT_EQ(json_of(taken)["status"], "confirmed");

  // The door: only the organisers; once per ticket.
  const std::string door = "/api/v1/events/" + id + "/check-ins";
  EXPECT_EQ(post_json(port_, door, {{"code", third["ticket"]}}, huayang_).status, 403);
  EXPECT_EQ(json_of(post_json(port_, door, {{"code", third["ticket"]}}, commission_))["result"], "accepted");
  EXPECT_EQ(json_of(post_json(port_, door, {{"code", third["ticket"]}}, commission_))["result"], "already_used");
  EXPECT_EQ(json_of(post_json(port_, door, {{"code", code}}, commission_))["result"], "cancelled");
  const Json counts = json_of(request(port_, "GET", "/api/v1/events/" + id + "/attendance", "", commission_));
  EXPECT_EQ(counts["checked_in"], 1);
  EXPECT_EQ(counts["confirmed"], 2);
}

TEST_F(EventsApi, TheRegistrationListOpensInLibreOfficeAndEachExportIsAudited) {
  const std::string id = open_event(Json::object());
  const std::string path = "/api/v1/events/" + id + "/registrations";
  ASSERT_EQ(
      as_public("POST", path, {{"name", "王女士"}, {"organisation", "晰航科技"}, {"phone", "13912345678"}}).status,
      201);
  ASSERT_EQ(as_public("POST", path, {{"name", "李先生"}, {"phone", "13800000000"}}).status, 201);
  ASSERT_EQ(as_public("POST", path, {{"name", "赵女士"}, {"phone", "13700000000"}}).status, 201);
  EXPECT_EQ(as_public("GET", path + ".xlsx").status, 401);
  EXPECT_EQ(request(port_, "GET", path + ".xlsx", "", firm_).status, 403);

  // The organisers' list has the phones; another unit's staff see them masked.
  const auto rows_for = [&](const Headers& who, const std::string& name) {
    Response sheet = request(port_, "GET", path + ".xlsx", "", who);
    EXPECT_EQ(sheet.status, 200) << sheet.body;
    EXPECT_EQ(sheet.header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    std::ofstream(dir_.path() / (name + ".xlsx"), std::ios::binary) << sheet.body;
    const std::string log = libreoffice_sheets_to_csv(dir_.path(), dir_.path() / (name + ".xlsx"));
    const std::string rows = read_whole_file(dir_.path() / (name + "-报名名单.csv"));
    EXPECT_FALSE(rows.empty()) << log;
    return rows;
  };
  const std::string organisers = rows_for(commission_, "organisers");
  for (const char* expected : {"王女士", "晰航科技", "13912345678", "已确认", "候补", "赵女士", "2026-12-10 14:00"})
    EXPECT_NE(organisers.find(expected), std::string::npos) << expected << " is not in the list:\n" << organisers;
  const std::string others = rows_for(huayang_, "others");
  EXPECT_NE(others.find("139****5678"), std::string::npos) << others;
  EXPECT_EQ(others.find("13912345678"), std::string::npos) << "masked for staff who do not organise it";

  const Json audit = json_of(request(port_, "GET", "/api/v1/audit?resource=events&action=export"));
  ASSERT_EQ(audit["total"], 2) << audit.dump();
  EXPECT_EQ(audit["items"][0]["record_id"], id);
  std::set<std::string> phones;
  for (const Json& entry : audit["items"]) {
    EXPECT_EQ(entry["after"]["rows"], 3);
    phones.insert(entry["after"]["phones"].get<std::string>());
  }
  EXPECT_EQ(phones, (std::set<std::string>{"full", "masked"}));
}

TEST_F(EventsApi, TheCalendarFeedsReadInAnICalendarParser) {
  const std::string id = open_event(Json::object());
  Response feed = as_public("GET", "/api/v1/events/" + id + ".ics");
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_EQ(feed.header("content-type"), "text/calendar; charset=utf-8");
  std::ofstream(dir_.path() / "one.ics", std::ios::binary) << feed.body;
  const std::string script = (dir_.path() / "read.py").string();
  std::ofstream(script) << "import sys, icalendar\n"
                           "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
                           "for e in cal.walk('VEVENT'):\n"
                           "    print(e['UID'], e.decoded('DTSTART').isoformat(), e['SEQUENCE'], e['STATUS'])\n"
                           "    print(e['SUMMARY'])\n"
                           "    print(e['LOCATION'])\n"
                           "    print(e['DESCRIPTION'])\n";
  const std::string read = run_command("/usr/bin/python3 " + script + " " + (dir_.path() / "one.ics").string());
  EXPECT_NE(read.find(id + "@events.alley 2026-12-10T14:00:00+08:00 2 CONFIRMED"), std::string::npos) << read;
  EXPECT_NE(read.find("创投沙龙：集成电路企业融资对接（第十二期）——“上海硅巷”No.1创新空间，欢迎区内企业报名参加"),
            std::string::npos)
      << "the long title unfolds whole: " << read;
  EXPECT_NE(read.find("“上海硅巷”No.1创新空间"), std::string::npos);
  EXPECT_NE(read.find("议程：项目路演；投资人点评，交流"), std::string::npos);
  for (std::size_t start = 0, end; (end = feed.body.find("\r\n", start)) != std::string::npos; start = end + 2)
    EXPECT_LE(end - start, 75u) << feed.body.substr(start, end - start);

  // Cancelled, the same UID says so with a higher SEQUENCE.
  Response current = request(port_, "GET", "/api/v1/events/" + id, "", commission_);
  ASSERT_EQ(post_json(port_, "/api/v1/events/" + id + "/actions", {{"action", "cancel"}, {"reason", "venue"}},
                      with_etag(commission_, current.header("etag")))
                .status,
            200);
  std::ofstream(dir_.path() / "all.ics", std::ios::binary) << as_public("GET", "/api/v1/events.ics?kind=salon").body;
  const std::string all = run_command("/usr/bin/python3 " + script + " " + (dir_.path() / "all.ics").string());
  EXPECT_NE(all.find(id + "@events.alley 2026-12-10T14:00:00+08:00 3 CANCELLED"), std::string::npos) << all;
  EXPECT_EQ(as_public("GET", "/api/v1/events/no-such-event.ics").status, 404);
  EXPECT_EQ(as_public("GET", "/api/v1/events.ics?kind=nonsense").status, 400);
}

TEST_F(EventsApi, AHeldEventClassifiedAsAForumMovesTheForumsKpi) {
  const std::string kpi = "/api/v1/kpis/kpi-large-forums/progress";
  Response before = request(port_, "GET", kpi);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(json_of(before)["status"], "no_data") << "no document calls an event a large forum";
  const std::string id = open_event({{"kind", "forum"},
                                     {"starts_at", "2025-06-10T09:00:00+08:00"},
                                     {"ends_at", "2025-06-10T17:00:00+08:00"},
                                     {"counts_as", "large_forum"},
                                     {"counts_as_basis", "区科委认定为2025年大型论坛"}});
  Response current = request(port_, "GET", "/api/v1/events/" + id, "", commission_);
  ASSERT_EQ(post_json(port_, "/api/v1/events/" + id + "/actions", {{"action", "hold"}},
                      with_etag(commission_, current.header("etag")))
                .status,
            200);
  const Json after = json_of(request(port_, "GET", kpi));
  bool counted = false;
  for (const Json& year : after["basis"]["years"]) {
    if (year["year"] == 2025) {
      EXPECT_EQ(year["value"], 1);
      EXPECT_EQ(year["listed_at"], "/events?counts_as=large_forum&status=held,reported&year=2025");
      counted = true;
    }
  }
  EXPECT_TRUE(counted) << after.dump();
  EXPECT_EQ(post_json(port_, "/api/v1/events",
                      {{"name", "x"}, {"kind", "forum"}, {"source", "y"}, {"year", 2025}, {"counts_as", "large_forum"}},
                      firm_)
                .status,
            403)
      << "an enterprise classifies nothing";
}

}  // namespace
}  // namespace alley::testing
