// libFuzzer target for the eligibility-rule language (policies/rule.h): any
// input, as rule text and (when it is JSON) as JSON Logic, must be answered
// with a rule or an error, never a crash, a hang or a leak; and whatever is
// accepted must convert both ways without changing. Built and run by
// run_fuzzer.sh.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "policies/rule.h"

namespace {

using alley::Json;
using alley::Result;
using namespace alley::policies;

// Reports a broken round trip and stops the run: libFuzzer keeps the input.
[[noreturn]] void mismatch(const char* what, const std::string& expected, const std::string& found) {
  std::fprintf(stderr, "fuzz property: %s\n  expected: %s\n  found:    %s\n", what, expected.c_str(), found.c_str());
  __builtin_trap();
}

void check_round_trips(const Rule& rule) {
  const std::string text = to_text(rule);

  // to_text is the canonical text that policies store and show: parsing it
  // must give a rule with the same text, or a saved rule would not load again.
  Result<Rule> reparsed = parse_rule(text);
  if (!reparsed) mismatch("parse_rule(to_text(rule)) fails", text, reparsed.error().message);
  if (to_text(reparsed.value()) != text) mismatch("parse_rule(to_text(rule)) differs", text, to_text(reparsed.value()));

  // A policy is stored with its JSON Logic beside the text (policies/resources.cc);
  // the two must say the same, so JSON Logic must come back as the same rule.
  const Json logic = to_jsonlogic(rule);
  Result<Rule> back = from_jsonlogic(logic);
  if (!back) mismatch("from_jsonlogic(to_jsonlogic(rule)) fails", text, logic.dump() + ": " + back.error().message);
  if (to_text(back.value()) != text)
    mismatch("from_jsonlogic(to_jsonlogic(rule)) differs", text, to_text(back.value()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Rules are short; longer inputs only slow the search (parse_rule itself
  // refuses more than 10,000 characters).
  if (size > 4096) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  // The readable language, as typed into the policy form.
  if (Result<Rule> rule = parse_rule(input)) check_round_trips(rule.value());

  // JSON Logic, as sent through the API: any valid JSON document may arrive.
  const Json logic = Json::parse(input, nullptr, /*allow_exceptions=*/false);
  if (!logic.is_discarded()) {
    if (Result<Rule> rule = from_jsonlogic(logic)) check_round_trips(rule.value());
  }
  return 0;
}
