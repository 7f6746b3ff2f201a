// libFuzzer target for what a JSON body goes through before the store
// (core/json_text.h, records/record_validator.h): any bytes are refused or
// read, never a crash, however deep or whatever their numbers; a read body is
// validated as every resource without crashing; and every number in it is
// written and read back by the database client's number text exactly.

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "core/json_text.h"
#include "plans/resources.h"
#include "policies/resources.h"
#include "records/record_validator.h"
#include "registry/resources.h"
#include "store/number_text.h"

namespace {

using alley::Json;

void check_number(double value) {
  if (std::isnan(value)) return;
  const std::string text = alley::store::real_to_text(value);
  const double back = alley::store::real_from_text(text);
  if (std::bit_cast<std::uint64_t>(back) != std::bit_cast<std::uint64_t>(value)) {
    std::fprintf(stderr, "fuzz property: %.17g written as '%s' reads back as %.17g\n", value, text.c_str(), back);
    __builtin_trap();
  }
}

void check_numbers(const Json& value) {
  if (value.is_number_float()) check_number(value.get<double>());
  if (value.is_structured()) {
    for (const Json& inner : value) check_numbers(inner);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // The client's reader takes any text without failing.
  (void)alley::store::real_from_text(input);
  alley::Result<Json> parsed = alley::parse_json_text(input, "the body");
  if (!parsed) return 0;
  check_numbers(parsed.value());
  // Every module's resources as data: validation needs no catalog.
  static const std::vector<alley::records::ResourceSchema> schemas = [] {
    std::vector<alley::records::ResourceSchema> all = alley::registry::registry_resources();
    for (auto& plan : alley::plans::plan_resources()) all.push_back(std::move(plan));
    all.push_back(alley::policies::policy_resource());
    return all;
  }();
  for (const alley::records::ResourceSchema& schema : schemas) {
    (void)alley::records::validate_write(schema, parsed.value(), nullptr, alley::records::Writer::kOwner);
    (void)alley::records::validate_write(schema, parsed.value(), nullptr);
  }
  return 0;
}
