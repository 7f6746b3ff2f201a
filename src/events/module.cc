#include "events/module.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "app/app.h"
#include "events/demo_events.h"
#include "events/event_workflow.h"
#include "events/resources.h"
#include "http/handler_support.h"
#include "plans/module.h"
#include "records/common_fields.h"
#include "workflow/module.h"

namespace alley::events {
namespace {

store::Migration events_migration() {
  using records::record_table_sql;
  return {25,
          "events",
          record_table_sql("event_series",
                           "kind TEXT NOT NULL, cadence TEXT NOT NULL, cadence_note TEXT, organiser_ids TEXT, "
                           "co_organiser_ids TEXT, co_organisers_note TEXT, since_year INTEGER") +
              record_table_sql("events",
                               "kind TEXT NOT NULL, series_id TEXT, venue_place_id TEXT, venue_address TEXT, "
                               "organiser_ids TEXT, co_organiser_ids TEXT, co_organisers_note TEXT, starts_at TEXT, "
                               "ends_at TEXT, time_zone TEXT, year INTEGER, quarter INTEGER, date_note TEXT, capacity "
                               "INTEGER, audience TEXT, offer_hours INTEGER, languages TEXT, status TEXT, "
                               "counts_as TEXT, counts_as_basis TEXT, recorded_after INTEGER, attendance INTEGER, "
                               "minutes TEXT, outcomes TEXT") +
              "CREATE INDEX events_by_start ON events(starts_at);"
              "CREATE INDEX events_by_series ON events(series_id);"
              // Personal data, kept apart from the records: no list of events, no search and no export reads it.
              "CREATE TABLE event_registrations (id TEXT PRIMARY KEY, event_id TEXT NOT NULL REFERENCES events(id), "
              "seq INTEGER NOT NULL, status TEXT NOT NULL, name TEXT NOT NULL, organisation TEXT, phone TEXT, "
              "user_id TEXT, username TEXT, org_id TEXT, entered_by TEXT, ticket TEXT NOT NULL UNIQUE, "
              "walk_in INTEGER NOT NULL DEFAULT 0, offer_expires_at TEXT, checked_in_at TEXT, checked_in_by TEXT, "
              "synthetic INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
              "UNIQUE (event_id, seq));"
              "CREATE INDEX event_registrations_by_event ON event_registrations(event_id, status, seq);"
              "CREATE INDEX event_registrations_by_user ON event_registrations(user_id);",
          {store::TableSpec("event_series"), store::TableSpec("events"), store::TableSpec("event_registrations")}};
}

// A registration asks whether the person holds one already, by phone or by
// account: without these, each such question reads the event's whole list.
store::Migration registrant_lookup_migration() {
  return {27, "registrations found by phone and by account",
          "CREATE INDEX event_registrations_by_phone ON event_registrations(event_id, phone);"
          "CREATE INDEX event_registrations_by_account ON event_registrations(event_id, user_id);"};
}

// The 2025 targets count held events (000 §四): by the classification staff
// state on each (counts_as), and the breakfast meetings by what they are.
void add_counts(app::App& app) {
  const std::string held = "FROM events WHERE deleted_at IS NULL AND status IN ('held', 'reported') AND ";
  struct Counted {
    const char* name;
    const char* label;
    const char* label_en;
    const char* where;
    const char* criterion;
    const char* listed_at;
  };
  const Counted counted[] = {
      {"held_large_forums", "已举办的大型论坛数", "Large forums held", "counts_as = 'large_forum'",
       "已举办、且工作人员认定计入“大型论坛”的活动", "/events?counts_as=large_forum&status=held,reported"},
      {"held_innovation_salons", "已举办的创新沙龙数", "Innovation salons held", "counts_as = 'innovation_salon'",
       "已举办、且工作人员认定计入“创新沙龙”的活动", "/events?counts_as=innovation_salon&status=held,reported"},
      {"held_entrepreneurship_events", "已举办的双创主题活动数", "Entrepreneurship events held",
       "counts_as = 'entrepreneurship_event'", "已举办、且工作人员认定计入“双创主题活动”的活动",
       "/events?counts_as=entrepreneurship_event&status=held,reported"},
      {"held_breakfast_meetings", "已举办的早餐会数", "Breakfast meetings held", "kind = 'breakfast'",
       "已举办的“硅巷早餐会”（类型为早餐会的活动）", "/events?kind=breakfast&status=held,reported"},
  };
  for (const Counted& count : counted) {
    plans::add_kpi_count(
        app, count.name,
        {count.label, count.label_en, held + count.where, count.criterion, "year", "quarter", count.listed_at});
  }
}

}  // namespace

void register_module(app::App& app) {
  workflow::Workflows* workflows = app.find_service<workflow::Workflows>();
  if (!workflows) throw std::logic_error("events need the workflow module registered first");
  catalog::Catalog& catalog = app.catalog();
  catalog.add_migration(events_migration());
  catalog.add_migration(registrant_lookup_migration());
  std::shared_ptr<workflow::Workflow> flow = event_workflow();
  const records::ResourceSchema* events = nullptr;
  for (records::ResourceSchema& resource : event_resources()) {
    if (resource.name == "events")
      resource.after_write.push_back(
          workflow::opens_cases(flow, catalog, [](const Json&) { return workflow::Event{}; }));
    const records::ResourceSchema& added = catalog.add_resource(std::move(resource));
    if (added.name == "events") events = &added;
  }
  add_follow_ups(*flow, events);
  workflows->declare(flow);
  const EventBook book{flow.get(), events};
  catalog.add_routes([&app, book](http::Router& router) { add_routes(router, app, book); });
  // Seats whose offer ran out pass on, and their next holder is told, without waiting for a request.
  app.add_background_work(
      {"event seat offers", [book](app::App& running) -> Status {
         Result<Json> done = http::run_write(running.database(), [&](store::Connection& connection) -> Result<Json> {
           if (Status settled = settle_offers(connection, book, "", running.clock().now()); !settled)
             return settled.error();
           return Json();
         });
         return done ? ok_status() : Status(done.error());
       }});
  add_counts(app);
  app.add_demo_step({"events", [book](store::Connection& connection, app::App& running) -> Result<std::string> {
                       Result<DemoEvents> added = add_demo_events(connection, running.catalog(), book);
                       if (!added) return added.error();
                       return std::to_string(added->events) + " synthetic events over 2025 and the month ahead (" +
                              std::to_string(added->registrations) + " registrations, " +
                              std::to_string(added->checked_in) + " checked in)";
                     }});
}

}  // namespace alley::events
