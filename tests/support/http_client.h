#pragma once
// A deliberately plain HTTP/1.1 client over POSIX sockets, for talking to the
// real server in tests — including the things a polite client never does
// (stopping halfway through a request).

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace alley::testing {

struct Response {
  int status = 0;                              // 0 when the connection closed without an answer
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  std::string header(const std::string& name) const {
    auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// Requests to `port` carry this Authorization header unless they set their own
// or pass kAnonymous (integration tests act as an admin by default).
void set_default_authorization(int port, const std::string& value);

// A marker header, never sent: make this request as the anonymous public.
inline const std::pair<std::string, std::string> kAnonymousMarker = {"X-Alley-Test-Anonymous", "1"};

// A marker header, never sent: connect from this loopback address (any of
// 127.0.0.0/8), so that one test can be many clients as the server sees them.
inline std::pair<std::string, std::string> from_address(const std::string& loopback_address) {
  return {"X-Alley-Test-Source-Address", loopback_address};
}

// One request on a fresh connection (Connection: close). JSON content type is
// added when a body is given and no Content-Type header is.
Response request(int port, const std::string& method, const std::string& target, const std::string& body = {},
                 const Headers& headers = {}, std::chrono::milliseconds timeout = std::chrono::seconds(20));

// Sends raw bytes, then reads until the server closes or `timeout` passes.
// Returns what was read; `closed` tells whether the server closed.
std::string raw_exchange(int port, const std::string& bytes, std::chrono::milliseconds timeout, bool& closed);

// Parses a raw HTTP/1.1 response text.
Response parse_response(const std::string& text);

}  // namespace alley::testing
