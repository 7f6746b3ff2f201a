// Text from outside: the JSON reader every entry point shares, and what a
// log line makes of a request.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/json_text.h"
#include "core/loggable.h"

namespace alley {
namespace {

TEST(JsonText, RefusesWhatWouldExhaustTheStackBeforeParsing) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  Result<Json> parsed = parse_json_text(deep, "the body");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kMalformed);
  EXPECT_NE(parsed.error().message.find("nests deeper than 200"), std::string::npos) << parsed.error().message;
  // Brackets inside strings are text, not nesting.
  EXPECT_TRUE(parse_json_text("{\"a\":\"" + std::string(1000, '[') + "\"}", "x").ok());
  EXPECT_TRUE(parse_json_text(std::string(200, '[') + std::string(200, ']'), "x").ok());
  EXPECT_FALSE(parse_json_text(std::string(201, '[') + std::string(201, ']'), "x").ok());
}

TEST(JsonText, NumbersTooLargeAreMalformedAndSubnormalsExact) {
  for (const char* text : {"1e400", "[-1e400]", "{\"a\":1e999}"}) {
    Result<Json> parsed = parse_json_text(text, "the body");
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::kMalformed);
    EXPECT_NE(parsed.error().message.find("too large"), std::string::npos);
  }
  Result<Json> tiny = parse_json_text("5e-324", "x");
  ASSERT_TRUE(tiny.ok());
  EXPECT_EQ(tiny->get<double>(), 4.9406564584124654e-324);
  EXPECT_EQ(tiny->dump(), "5e-324");
}

TEST(JsonText, NulIsRefusedButAnEscapedBackslashIsNot) {
  Result<Json> nul = parse_json_text(R"({"name":"硅\u0000巷"})", "the body");
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.error().code, ErrorCode::kInvalid);
  Result<Json> backslash = parse_json_text(R"({"name":"硅\\u0000巷"})", "the body");
  ASSERT_TRUE(backslash.ok());
  EXPECT_EQ((*backslash)["name"], "硅\\u0000巷");
  EXPECT_FALSE(parse_json_text("\"\xC0\xAF\"", "x").ok()) << "overlong UTF-8";
}

TEST(Loggable, ARequestCannotWriteALogLine) {
  EXPECT_EQ(loggable("/api/v1/x\nalley: forged"), "/api/v1/x\\x0aalley: forged");
  EXPECT_EQ(loggable("\x1b[31mred"), "\\x1b[31mred");
  EXPECT_EQ(loggable("a\\x0a"), "a\\x5cx0a") << "a backslash cannot pass for an escape";
  EXPECT_EQ(loggable("硅巷"), "硅巷");
  EXPECT_EQ(loggable("\xff/"), "\\xff/");
}

TEST(Clock, UtcTimesInTheStoredForm) {
  for (const char* good : {"2026-11-23", "2026-11-23T08:15Z", "2026-11-23T08:15:30Z", "2026-11-23T08:15:30.123Z"}) {
    EXPECT_TRUE(is_valid_utc_time(good)) << good;
  }
  for (const char* bad : {"yesterday", "2026-02-30", "2026-11-23T24:00Z", "2026-11-23T08:15:30", "2026-11-23 08:15Z",
                          "2026-11-23T08:15:30.Z", "2026-11-23T08:60Z", "2026-11-23T08:15:30+08:00", ""}) {
    EXPECT_FALSE(is_valid_utc_time(bad)) << bad;
  }
}

}  // namespace
}  // namespace alley
