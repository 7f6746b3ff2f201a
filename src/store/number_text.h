#pragma once
// Numbers as the text a database client library speaks. Written in the
// shortest form that reads back to the same double, and read without ever
// throwing: a value the server holds (a subnormal like 5e-324, Infinity)
// must never make a read fail.

#include <cstdint>
#include <string>
#include <string_view>

namespace alley::store {

// The shortest text that reads back to exactly `value` ("5e-324", "0.1").
std::string real_to_text(double value);

// Exactly the double `text` spells, subnormals included; ±Infinity and NaN
// as the server writes them; NaN for text that is no number.
double real_from_text(std::string_view text);

// The integer `text` spells; 0 for text that is not one in range (a server
// column of a 64-bit type never gives such text).
std::int64_t integer_from_text(std::string_view text);

}  // namespace alley::store
