#include "server/server.h"

#include <algorithm>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <memory>
#include <thread>

#include "core/loggable.h"
#include "core/utf8.h"
#include "http/problem.h"
#include "http/query_string.h"
#include "http/security_headers.h"
#include "search/chinese_script.h"

namespace alley::server {

using namespace http;  // requests, responses, problems and the router

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

bool has_encoded_separator(const std::string& path) {
  for (std::size_t i = 0; i + 2 < path.size(); ++i) {
    if (path[i] != '%') continue;
    const std::string code = path.substr(i + 1, 2);
    if (code == "2F" || code == "2f" || code == "5C" || code == "5c" || code == "00") return true;
  }
  return false;
}

std::string choose_lang(const HttpRequest& request, bool& invalid) {
  invalid = false;
  if (auto pairs = parse_query(request.query)) {
    for (const auto& [key, value] : *pairs) {
      if (key != "lang") continue;
      for (const char* known : kLanguages) {
        if (value == known) return value;
      }
      invalid = true;
    }
  }
  const std::string accept = request.header("accept-language");
  if (accept.starts_with("en")) return "en";
  if (accept.starts_with("zh-HK") || accept.starts_with("zh-MO") || accept.starts_with("zh-Hant-HK") ||
      accept.starts_with("zh-Hant-MO"))
    return "zh-Hant-HK";
  if (accept.starts_with("zh-Hant") || accept.starts_with("zh-TW")) return "zh-Hant";
  return "zh-Hans";
}

HttpResponse route(const Router& router, HttpRequest& request, RequestContext& context) {
  const std::string raw_target = request.path;
  const std::size_t question = raw_target.find('?');
  std::string raw_path = raw_target.substr(0, question);
  request.query = question == std::string::npos ? "" : raw_target.substr(question + 1);
  if (has_encoded_separator(raw_path)) {
    return problem_response(400, "the path contains an encoded '/', '\\' or NUL, which no resource uses");
  }
  auto path = percent_decode(raw_path, false);
  if (!path) return problem_response(400, "the path has a broken %-escape or is not UTF-8");
  request.path = *path;

  bool bad_lang = false;
  context.lang = choose_lang(request, bad_lang);
  if (bad_lang) return problem_response(400, "lang must be zh-Hans, zh-Hant, zh-Hant-TW, zh-Hant-HK or en");

  Router::Match match = router.match(request.method, request.path);
  const Handler* handler = match.route ? &match.route->handler : nullptr;
  const bool app_path = !request.path.starts_with("/api/") && request.path != "/api" && request.path != "/healthz";
  if (!handler && app_path && router.fallback() && (request.method == "GET" || request.method == "HEAD")) {
    handler = &router.fallback();
  }
  if (!handler) {
    if (!match.allowed_methods.empty()) {
      std::string allow;
      for (const std::string& method : match.allowed_methods) allow += (allow.empty() ? "" : ", ") + method;
      HttpResponse response = problem_response(405, request.method + " is not supported here; use " + allow);
      response.set_header("Allow", allow);
      return response;
    }
    return problem_response(404, "there is nothing at " + request.path);
  }
  try {
    if (router.authenticator()) {
      if (Status known = router.authenticator()(context, request); !known) return problem_response(known.error());
    }
    if (match.route) {
      if (Status allowed = access::authorize(match.route->doc.access, context.user ? &*context.user : nullptr);
          !allowed)
        return problem_response(allowed.error());
    }
    // Data is kept in Simplified Chinese: what a Traditional client writes
    // is folded to Simplified, and what it reads is converted on the way out,
    // in its own region's usage.
    const search::ChineseScript* script = router.chinese_script();
    if (!script && context.lang.starts_with("zh-Hant")) context.lang = "zh-Hans";
    const bool traditional = context.lang.starts_with("zh-Hant");
    const search::TraditionalUsage usage =
        context.lang == "zh-Hant-HK" ? search::TraditionalUsage::kHongKong : search::TraditionalUsage::kTaiwan;
    if (traditional && !request.body.empty() && request.header("content-type").find("json") != std::string::npos) {
      if (!is_valid_utf8(request.body)) return problem_response(400, "the body is not UTF-8 text");
      request.body = script->to_simplified(request.body, usage);
    }
    HttpResponse response = (*handler)(context, request, match.params);
    // Refusals too: their Chinese messages are read in the reader's script.
    if (traditional && response.header_value("Content-Type").find("json") != std::string::npos) {
      response.body = script->to_traditional(response.body, usage);
    }
    response.set_header("Content-Language", context.lang);
    return response;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "alley: request %s %s failed: %s\n", loggable(request.method).c_str(),
                 loggable(request.path).c_str(), loggable(error.what()).c_str());
    return problem_response(Error::internal(error.what()));
  }
}

HttpResponse dispatch(const Router& router, HttpRequest& request, const std::string& remote,
                      const std::vector<AddressRange>& trusted_proxies) {
  RequestContext context;
  context.remote_address = client_address(remote, request.header("x-forwarded-for"), trusted_proxies);
  // Only a trusted proxy can say the client reached it over TLS.
  context.over_tls = is_trusted(trusted_proxies, remote) && request.header("x-forwarded-proto") == "https";
  HttpResponse response = route(router, request, context);
  add_security_headers(response, context.user && request.path.starts_with("/api/"));
  return response;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const Router& router, const ServerOptions& options)
      : stream_(std::move(socket)), router_(router), options_(options) {
    beast::error_code ignored;
    remote_ = stream_.socket().remote_endpoint(ignored).address().to_string(ignored);
  }

  void start() { read_request(); }

 private:
  void read_request() {
    parser_.emplace();
    parser_->header_limit(std::uint32_t(options_.header_limit));
    // The header is read under the largest limit any route takes; once the
    // route is known, its own limit (the server's for all but file uploads).
    body_limit_ = router_.largest_body(options_.body_limit);
    parser_->body_limit(body_limit_);
    stream_.expires_after(options_.request_timeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code error, std::size_t) { self->on_header(error); });
  }

  void on_header(beast::error_code error) {
    if (error) return on_read(error);
    const std::string target(parser_->get().target());
    const Router::Match match =
        router_.match(std::string(parser_->get().method_string()), target.substr(0, target.find('?')));
    body_limit_ = options_.body_limit;
    if (match.route) body_limit_ = std::max(body_limit_, match.route->doc.max_body_bytes);
    if (parser_->content_length() && *parser_->content_length() > body_limit_) {
      return on_read(bhttp::error::body_limit);
    }
    parser_->body_limit(body_limit_);  // a chunked body is counted as it comes
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code error, std::size_t) { self->on_read(error); });
  }

  void on_read(beast::error_code error) {
    if (error == bhttp::error::end_of_stream || error == asio::error::connection_reset || error == asio::error::eof) {
      return close();
    }
    if (error == beast::error::timeout) {
      // The stream has already closed the socket; nothing more can be said.
      std::fprintf(stderr, "alley: closed a connection from %s whose request did not arrive within %lld ms\n",
                   remote_.c_str(), static_cast<long long>(options_.request_timeout.count()));
      return close();
    }
    if (error == bhttp::error::body_limit) {
      return send_and_close(
          problem_response(413, "the body is larger than " + std::to_string(body_limit_ / 1024) + " KiB"));
    }
    if (error == bhttp::error::header_limit) {
      return send_and_close(problem_response(431, "the request headers are too large"));
    }
    if (error) {
      return send_and_close(problem_response(400, "the request is not valid HTTP/1.1"));
    }
    bhttp::request<bhttp::string_body> message = parser_->release();
    if (message.version() >= 11 && message.find(bhttp::field::host) == message.end()) {
      // RFC 9112 §3.2: a server must answer an HTTP/1.1 request without Host with 400.
      return send_and_close(problem_response(400, "an HTTP/1.1 request must carry a Host header"));
    }
    HttpRequest request;
    request.method = std::string(message.method_string());
    request.path = std::string(message.target());
    for (const auto& header : message) {
      std::string name(header.name_string());
      for (char& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
      request.headers[name] = std::string(header.value());
    }
    request.body = std::move(message.body());
    const auto started = std::chrono::steady_clock::now();
    HttpResponse response = dispatch(router_, request, remote_, options_.trusted_proxies);
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    if (response.status >= 500) {
      std::fprintf(stderr, "alley: %s %s -> %d (%.1f ms)\n", loggable(request.method).c_str(),
                   loggable(request.path).c_str(), response.status, double(elapsed.count()) / 1000);
    }
    send(std::move(response), message.keep_alive(), request.method == "HEAD");
  }

  void send(HttpResponse response, bool keep_alive, bool head_only) {
    auto message = std::make_shared<bhttp::response<bhttp::string_body>>();
    message->version(11);
    message->result(static_cast<unsigned>(response.status));
    message->set(bhttp::field::server, "alley");
    for (auto& [name, value] : response.headers) message->set(name, value);
    message->body() = head_only ? std::string() : std::move(response.body);
    message->keep_alive(keep_alive);
    message->prepare_payload();
    if (head_only) message->content_length(response.body.size());
    stream_.expires_after(options_.request_timeout);
    bhttp::async_write(stream_, *message,
                       [self = shared_from_this(), message, keep_alive](beast::error_code error, std::size_t) {
                         if (error || !keep_alive) return self->close();
                         self->read_request();
                       });
  }

  void send_and_close(HttpResponse response) { send(std::move(response), false, false); }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::size_t body_limit_ = 0;  // this request's
  const Router& router_;
  const ServerOptions& options_;
  std::string remote_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& io, const Router& router, const ServerOptions& options)
      : io_(io), acceptor_(asio::make_strand(io)), router_(router), options_(options) {}

  Status open(const tcp::endpoint& endpoint) {
    beast::error_code error;
    acceptor_.open(endpoint.protocol(), error);
    if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) acceptor_.bind(endpoint, error);
    if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
    if (error) {
      return Error::unavailable("cannot listen on " + endpoint.address().to_string() + ":" +
                                std::to_string(endpoint.port()) + ": " + error.message());
    }
    return ok_status();
  }

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

  void accept() {
    acceptor_.async_accept(asio::make_strand(io_),
                           [self = shared_from_this()](beast::error_code error, tcp::socket socket) {
                             if (error == asio::error::operation_aborted) return;
                             if (!error)
                               std::make_shared<Session>(std::move(socket), self->router_, self->options_)->start();
                             self->accept();
                           });
  }

  void stop() {
    beast::error_code ignored;
    acceptor_.close(ignored);
  }

 private:
  asio::io_context& io_;
  tcp::acceptor acceptor_;
  const Router& router_;
  const ServerOptions& options_;
};

}  // namespace

Status serve(const ServerOptions& options, const Router& router,
             const std::function<void(std::uint16_t port)>& on_listening) {
  beast::error_code error;
  const auto address = asio::ip::make_address(options.host, error);
  if (error) return Error::invalid("'" + options.host + "' is not an IP address to listen on");
  const std::size_t threads = std::max<std::size_t>(1, options.threads);
  asio::io_context io{int(threads)};
  auto listener = std::make_shared<Listener>(io, router, options);
  if (Status opened = listener->open({address, options.port}); !opened) return opened;
  listener->accept();
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) {
    listener->stop();
    io.stop();
  });
  on_listening(listener->port());
  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < threads; ++i) pool.emplace_back([&] { io.run(); });
  io.run();
  for (std::thread& thread : pool) thread.join();
  return ok_status();
}

}  // namespace alley::server
