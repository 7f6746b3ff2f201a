#include "http/client_address.h"

#include <gtest/gtest.h>

namespace alley::http {
namespace {

std::vector<AddressRange> ranges(std::initializer_list<const char*> texts) {
  std::vector<AddressRange> parsed;
  for (const char* text : texts) {
    Result<AddressRange> range = AddressRange::parse(text);
    EXPECT_TRUE(range.ok()) << text;
    if (range) parsed.push_back(range.value());
  }
  return parsed;
}

TEST(ClientAddress, RangesParseAddressesAndNetworks) {
  for (const char* good :
       {"127.0.0.1", "10.0.0.0/8", "192.168.1.0/24", "0.0.0.0/0", "::1", "fd00::/8", "2001:db8::/32", "10.1.2.3/32"}) {
    EXPECT_TRUE(AddressRange::parse(good).ok()) << good;
  }
  for (const char* bad :
       {"", "localhost", "10.0.0", "10.0.0.256", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/-1", "::1/129",
        "10.0.0.0/8/8", " 10.0.0.1", "010.0.0.1", "fe80::1%eth0", "10.1.0.0/8"}) {
    EXPECT_FALSE(AddressRange::parse(bad).ok()) << "'" << bad << "'";
  }
}

TEST(ClientAddress, RangesContainWhatTheirPrefixCovers) {
  const AddressRange ten = AddressRange::parse("10.0.0.0/8").value();
  EXPECT_TRUE(ten.contains("10.0.0.1"));
  EXPECT_TRUE(ten.contains("10.255.255.255"));
  EXPECT_TRUE(ten.contains("::ffff:10.2.3.4")) << "IPv4 as the IPv6 stack reports it";
  EXPECT_FALSE(ten.contains("11.0.0.1"));
  EXPECT_FALSE(ten.contains("not an address"));
  const AddressRange odd = AddressRange::parse("192.168.0.128/25").value();
  EXPECT_TRUE(odd.contains("192.168.0.200"));
  EXPECT_FALSE(odd.contains("192.168.0.127"));
  const AddressRange one = AddressRange::parse("127.0.0.1").value();
  EXPECT_TRUE(one.contains("127.0.0.1"));
  EXPECT_FALSE(one.contains("127.0.0.2"));
  const AddressRange v6 = AddressRange::parse("fd00::/8").value();
  EXPECT_TRUE(v6.contains("fd12:3456::1"));
  EXPECT_FALSE(v6.contains("fe80::1"));
  EXPECT_FALSE(v6.contains("10.0.0.1"));
}

TEST(ClientAddress, AnUntrustedPeerIsTheClientWhateverTheHeaderSays) {
  EXPECT_EQ(client_address("198.51.100.4", "203.0.113.7", {}), "198.51.100.4");
  EXPECT_EQ(client_address("198.51.100.4", "203.0.113.7", ranges({"127.0.0.1"})), "198.51.100.4");
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.7", {}), "127.0.0.1") << "no proxy is trusted by default";
}

TEST(ClientAddress, BehindATrustedProxyTheRightmostUntrustedEntryIsTheClient) {
  const auto trusted = ranges({"127.0.0.1", "10.0.0.0/8"});
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.7", trusted), "203.0.113.7");
  EXPECT_EQ(client_address("127.0.0.1", " 203.0.113.7 ", trusted), "203.0.113.7");
  // A client that writes its own X-Forwarded-For gets its real address appended
  // by the proxy; what it wrote further left is never believed.
  EXPECT_EQ(client_address("127.0.0.1", "1.2.3.4, 203.0.113.7", trusted), "203.0.113.7");
  EXPECT_EQ(client_address("127.0.0.1", "garbage, 203.0.113.7", trusted), "203.0.113.7");
  // Several trusted hops are skipped.
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.7, 10.1.1.1,10.2.2.2", trusted), "203.0.113.7");
  EXPECT_EQ(client_address("10.0.0.9", "2001:db8::7, 10.0.0.3", trusted), "2001:db8::7");
  // Every hop trusted: the request began at the leftmost.
  EXPECT_EQ(client_address("127.0.0.1", "10.0.0.5, 10.0.0.6", trusted), "10.0.0.5");
}

TEST(ClientAddress, AMalformedOrMissingHeaderFallsBackToThePeer) {
  const auto trusted = ranges({"127.0.0.1"});
  EXPECT_EQ(client_address("127.0.0.1", "", trusted), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "   ", trusted), "127.0.0.1");
  for (const char* bad : {"unknown", "203.0.113.7:4711", "[2001:db8::1]", "203.0.113.7,", "203.0.113.7, ,127.0.0.1",
                          "203.0.113.7;127.0.0.1", "for=203.0.113.7", "203.0.113.7/32"}) {
    EXPECT_EQ(client_address("127.0.0.1", bad, trusted), "127.0.0.1") << "'" << bad << "'";
  }
}

TEST(ClientAddress, OneClientHasOneSpelling) {
  const auto trusted = ranges({"127.0.0.1"});
  EXPECT_EQ(client_address("::ffff:198.51.100.4", "", {}), "198.51.100.4");
  EXPECT_EQ(client_address("::ffff:127.0.0.1", "203.0.113.7", trusted), "203.0.113.7");
  EXPECT_EQ(client_address("127.0.0.1", "2001:DB8:0:0::7", trusted), "2001:db8::7");
  EXPECT_EQ(client_address("127.0.0.1", "::ffff:203.0.113.7", trusted), "203.0.113.7");
}

}  // namespace
}  // namespace alley::http
