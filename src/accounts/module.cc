#include "accounts/module.h"

#include "app/app.h"

namespace alley::accounts {
namespace {

// Users, their sessions and API tokens (kept as hashes), and failed logins
// (shared by every app server, for throttling).
store::Migration accounts_migration() {
  return {3,
          "accounts",
          "CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, "
          "role TEXT NOT NULL, department_id TEXT REFERENCES departments(id), org_id TEXT REFERENCES "
          "organizations(id), disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT "
          "NULL);"
          "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), "
          "csrf_token TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL);"
          "CREATE TABLE api_tokens (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), name TEXT NOT "
          "NULL, token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT);"
          "CREATE TABLE login_failures (id {{AUTO_ID}}, username TEXT NOT NULL, address TEXT NOT NULL, at TEXT NOT "
          "NULL);"
          "CREATE INDEX sessions_user ON sessions(user_id);"
          "CREATE INDEX login_failures_username ON login_failures(username, at);"
          "CREATE INDEX login_failures_address ON login_failures(address, at);",
          {store::TableSpec("users"),
           store::TableSpec("sessions")
               .keyed_by("token_hash")
               .not_copied("sign-in sessions are short-lived secrets: after a copy, people sign in again"),
           store::TableSpec("api_tokens"),
           store::TableSpec("login_failures")
               .with_identity_key()
               .not_copied("a throttling window of minutes, not a record")}};
}

// Enterprises' requests for an account (registrations.h). One waiting request
// per user name; the contact columns are emptied by the decision.
store::Migration registrations_migration() {
  return {18,
          "registrations",
          "CREATE TABLE registrations (id TEXT PRIMARY KEY, username TEXT NOT NULL, password_hash TEXT NOT NULL, "
          "uscc TEXT NOT NULL, org_id TEXT NOT NULL REFERENCES organizations(id), contact_name TEXT, contact_phone "
          "TEXT, note TEXT, address TEXT, status TEXT NOT NULL, created_at TEXT NOT NULL, decided_at TEXT, "
          "decided_by TEXT, reason TEXT, user_id TEXT REFERENCES users(id));"
          "CREATE UNIQUE INDEX registrations_waiting_name ON registrations(username) WHERE status = 'pending';"
          "CREATE INDEX registrations_by_name ON registrations(username, created_at);"
          "CREATE INDEX registrations_by_address ON registrations(address, created_at);",
          {store::TableSpec("registrations")}};
}

}  // namespace

void register_module(app::App& app) {
  app.catalog().add_migration(accounts_migration());
  app.catalog().add_migration(registrations_migration());
  app.catalog().add_routes([&app](http::Router& router) { add_routes(router, app); });
}

}  // namespace alley::accounts
