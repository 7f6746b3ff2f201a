#include "worktime/module.h"

#include "app/app.h"
#include "records/common_fields.h"
#include "worktime/resources.h"

namespace alley::worktime {
namespace {

store::Migration calendar_migration() {
  return {19,
          "working calendar",
          records::record_table_sql("work_calendars",
                                    "working_hours TEXT NOT NULL, working_hours_basis TEXT NOT NULL, time_zone TEXT "
                                    "NOT NULL") +
              records::record_table_sql("calendar_days",
                                        "calendar_id TEXT NOT NULL REFERENCES work_calendars(id), date TEXT NOT NULL, "
                                        "kind TEXT NOT NULL") +
              // One entry per day of a calendar: a second would leave the day's kind to chance.
              "CREATE UNIQUE INDEX calendar_days_one_per_date ON calendar_days(calendar_id, date) WHERE deleted_at IS "
              "NULL;",
          {store::TableSpec("work_calendars"), store::TableSpec("calendar_days")}};
}

}  // namespace

void register_module(app::App& app) {
  catalog::Catalog& catalog = app.catalog();
  catalog.add_migration(calendar_migration());
  // Admins keep the calendar (write_access stays kAdmin): a new year's notice arrives every November.
  catalog.add_resource(work_calendar_resource());
  catalog.add_resource(calendar_day_resource());
  catalog.add_routes([&app](http::Router& router) { add_routes(router, app); });
}

}  // namespace alley::worktime
