#pragma once
// Text from outside on its way into a log line.

#include <string>
#include <string_view>

namespace alley {

// `text` with control bytes (a newline, ESC), backslashes and bytes that are
// not UTF-8 written as \xNN, so that a request cannot forge or hide log lines.
std::string loggable(std::string_view text);

}  // namespace alley
