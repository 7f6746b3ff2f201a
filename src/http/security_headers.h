#pragma once
// The headers every answer carries so that a browser holds the web app to
// what it is: its own scripts only, never framed, no content sniffing, and
// nothing personal kept in a cache.

#include "http/message.h"

namespace alley::http {

// `personal`: the answer was made for a signed-in user (it may hold fields
// the public does not see) or carries session data; it is then never stored
// by a browser or a proxy.
void add_security_headers(HttpResponse& response, bool personal);

}  // namespace alley::http
