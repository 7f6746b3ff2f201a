#pragma once
// Whom a request comes from, for the sign-in throttle. Behind a reverse proxy
// the socket's peer is the proxy, and the proxy names the client in
// X-Forwarded-For; anyone else can write anything there. So the header is
// believed only when the peer is a proxy the operator trusts
// (`alley serve --trusted-proxy`), and only as far as it was written by
// trusted proxies.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace alley::http {

// One trusted address, or a network of them: "127.0.0.1", "10.0.0.0/8",
// "::1", "fd00::/8". IPv4 matches IPv4-mapped IPv6 ("::ffff:10.0.0.1") too.
class AddressRange {
 public:
  // Invalid for anything else, including a network with bits set past its
  // prefix ("10.1.0.0/8"), which is most likely a typing mistake.
  static Result<AddressRange> parse(std::string_view text);

  bool contains(std::string_view address) const;

 private:
  std::array<std::uint8_t, 16> network_{};  // IPv6, IPv4 as ::ffff:a.b.c.d
  int prefix_bits_ = 128;
};

// Whether `address` lies in one of the `trusted` ranges.
bool is_trusted(const std::vector<AddressRange>& trusted, std::string_view address);

// The client's address: when `peer` is in `trusted`, the first entry of
// `forwarded_for` (an X-Forwarded-For value) from the right that is not
// trusted, or the leftmost if all are; otherwise, and when the header is
// absent or holds anything but a list of plain IP addresses, `peer`.
// Addresses come back in one spelling ("::ffff:10.0.0.1" as "10.0.0.1"), so
// one client is one address to the throttle however it was written.
std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<AddressRange>& trusted);

}  // namespace alley::http
