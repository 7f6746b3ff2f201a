#include "http/client_address.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <optional>

namespace alley::http {
namespace {

using Bytes = std::array<std::uint8_t, 16>;

constexpr int kMappedPrefixBits = 96;  // ::ffff:0:0/96 holds IPv4

// IPv4 as IPv4-mapped IPv6, so one comparison serves both families.
std::optional<Bytes> parse_address(std::string_view text) {
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string terminated(text);
  Bytes bytes{};
  if (in_addr v4{}; ::inet_pton(AF_INET, terminated.c_str(), &v4) == 1) {
    bytes[10] = bytes[11] = 0xff;
    const auto* octets = reinterpret_cast<const std::uint8_t*>(&v4.s_addr);
    std::copy(octets, octets + 4, bytes.begin() + 12);
    return bytes;
  }
  if (in6_addr v6{}; ::inet_pton(AF_INET6, terminated.c_str(), &v6) == 1) {
    std::copy(v6.s6_addr, v6.s6_addr + 16, bytes.begin());
    return bytes;
  }
  return std::nullopt;
}

bool is_mapped_ipv4(const Bytes& bytes) {
  return std::all_of(bytes.begin(), bytes.begin() + 10, [](std::uint8_t b) { return b == 0; }) && bytes[10] == 0xff &&
         bytes[11] == 0xff;
}

std::string spelled(const Bytes& bytes) {
  char text[INET6_ADDRSTRLEN] = {};
  if (is_mapped_ipv4(bytes)) {
    ::inet_ntop(AF_INET, bytes.data() + 12, text, sizeof text);
  } else {
    ::inet_ntop(AF_INET6, bytes.data(), text, sizeof text);
  }
  return text;
}

// The first `bits` bits of `bytes`, the rest zero.
Bytes masked(Bytes bytes, int bits) {
  for (int i = 0; i < 16; ++i) {
    const int kept = std::clamp(bits - i * 8, 0, 8);
    bytes[i] &= std::uint8_t(0xff << (8 - kept));
  }
  return bytes;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> comma_separated(std::string_view text) {
  std::vector<std::string_view> items;
  for (std::size_t start = 0;;) {
    const std::size_t comma = text.find(',', start);
    items.push_back(
        trimmed(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
    if (comma == std::string_view::npos) return items;
    start = comma + 1;
  }
}

}  // namespace

Result<AddressRange> AddressRange::parse(std::string_view text) {
  const std::string shown(text);
  const Error bad = Error::invalid("'" + shown + "' is not an IP address or a network such as 10.0.0.0/8");
  const std::size_t slash = text.find('/');
  const std::string_view address = text.substr(0, slash);
  const std::optional<Bytes> network = parse_address(address);
  if (!network) return bad;
  const bool ipv4 = address.find(':') == std::string_view::npos;
  AddressRange range;
  range.network_ = *network;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    int bits = -1;
    auto [end, code] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
    if (digits.empty() || code != std::errc() || end != digits.data() + digits.size() || bits < 0 ||
        bits > (ipv4 ? 32 : 128)) {
      return bad;
    }
    range.prefix_bits_ = ipv4 ? kMappedPrefixBits + bits : bits;
    if (masked(range.network_, range.prefix_bits_) != range.network_) {
      return Error::invalid("'" + shown + "' has address bits set past its prefix; write the network's first address");
    }
  }
  return range;
}

bool AddressRange::contains(std::string_view address) const {
  const std::optional<Bytes> parsed = parse_address(address);
  return parsed && masked(*parsed, prefix_bits_) == network_;
}

bool is_trusted(const std::vector<AddressRange>& trusted, std::string_view address) {
  return std::any_of(trusted.begin(), trusted.end(),
                     [&](const AddressRange& range) { return range.contains(address); });
}

std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<AddressRange>& trusted) {
  const std::optional<Bytes> peer_bytes = parse_address(peer);
  if (!peer_bytes) return peer;
  const std::string peer_spelled = spelled(*peer_bytes);
  if (trimmed(forwarded_for).empty() || !is_trusted(trusted, peer_spelled)) return peer_spelled;
  // Each proxy appends the address it was reached from, so the list is read
  // from the right: the first entry no trusted proxy stands for is the client.
  const std::vector<std::string_view> entries = comma_separated(forwarded_for);
  std::string entry_spelled;
  for (auto entry = entries.rbegin(); entry != entries.rend(); ++entry) {
    const std::optional<Bytes> parsed = parse_address(*entry);
    if (!parsed) return peer_spelled;
    entry_spelled = spelled(*parsed);
    if (!is_trusted(trusted, entry_spelled)) return entry_spelled;
  }
  return entry_spelled;  // every hop was trusted: the leftmost is where it began
}

}  // namespace alley::http
