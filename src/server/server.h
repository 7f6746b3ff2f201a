#pragma once
// The HTTP/1.1 server: asynchronous sockets on a small thread pool, with a
// deadline on every request (a client that stops sending is cut off), limits
// on header and body size, and every answer produced by the Router.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/error.h"
#include "http/client_address.h"
#include "http/router.h"

namespace alley::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  std::size_t threads = 4;
  std::chrono::milliseconds request_timeout{15000};
  std::size_t body_limit = 1 << 20;  // 1 MiB
  std::size_t header_limit = 16 << 10;
  // Reverse proxies whose X-Forwarded-For names the client (client_address.h);
  // none by default, so the header is ignored.
  std::vector<http::AddressRange> trusted_proxies;
};

// Binds, calls `on_listening` with the bound port, then serves until SIGINT
// or SIGTERM. An error (bad address, port in use) returns before serving.
Status serve(const ServerOptions& options, const http::Router& router,
             const std::function<void(std::uint16_t port)>& on_listening);

}  // namespace alley::server
