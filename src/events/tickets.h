#pragma once
// Tickets: each registration's code, which its QR image carries and the door
// reads. A code is 16 characters drawn at random from 31 that are hard to
// misread (about 79 bits), so it can be neither guessed nor enumerated; it
// is shown to its registrant and to no one else. Typed at the door it may
// come in lower case or with the dashes it is printed with.

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace alley::events {

// A new code, printed as XXXX-XXXX-XXXX-XXXX.
std::string new_ticket_code();

// The code as stored, from what was scanned or typed (case and dashes
// aside); nullopt when it cannot be a code at all.
std::optional<std::string> normalized_ticket_code(std::string_view typed);

// The code as a QR code (error correction level M), a PNG of `module_pixels`
// pixels a module with the quiet zone the standard asks for.
Result<std::string> ticket_png(const std::string& code, int module_pixels = 8);

}  // namespace alley::events
