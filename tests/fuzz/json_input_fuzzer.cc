// libFuzzer target for what a JSON body goes through before the store
// (core/json_text.h, registry/record_validator.h): any bytes are refused or
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
#include "registry/record_validator.h"
#include "registry/schemas.h"
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
  for (const alley::registry::ResourceSchema& schema : alley::registry::registry_schemas()) {
    (void)alley::registry::validate_write(schema, parsed.value(), nullptr, alley::registry::Writer::kOwner);
    (void)alley::registry::validate_write(schema, parsed.value(), nullptr);
  }
  return 0;
}
