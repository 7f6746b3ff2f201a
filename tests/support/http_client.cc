#include "support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <map>
#include <mutex>
#include <stdexcept>

namespace alley::testing {
namespace {

int connect_to(int port, const std::string& source_address = {}) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  if (!source_address.empty()) {
    sockaddr_in source{};
    source.sin_family = AF_INET;
    if (::inet_pton(AF_INET, source_address.c_str(), &source.sin_addr) != 1 ||
        ::bind(fd, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0) {
      ::close(fd);
      throw std::runtime_error("cannot send from " + source_address);
    }
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(std::uint16_t(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot connect to port " + std::to_string(port));
  }
  return fd;
}

void send_all(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;  // the server may close early (e.g. after 413); read what it said
    sent += std::size_t(n);
  }
}

std::string read_until_close(int fd, std::chrono::milliseconds timeout, bool& closed) {
  std::string text;
  closed = false;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buffer[65536];
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return text;
    pollfd poller{fd, POLLIN, 0};
    if (::poll(&poller, 1, int(left.count())) <= 0) return text;
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) {
      closed = true;
      return text;
    }
    text.append(buffer, std::size_t(n));
  }
}

std::mutex default_mutex;
std::map<int, std::string> default_authorization;

}  // namespace

void set_default_authorization(int port, const std::string& value) {
  std::lock_guard lock(default_mutex);
  default_authorization[port] = value;
}

Response parse_response(const std::string& text) {
  Response response;
  const std::size_t end_of_head = text.find("\r\n\r\n");
  if (text.size() < 12 || end_of_head == std::string::npos) return response;
  response.status = std::stoi(text.substr(9, 3));
  std::size_t line_start = text.find("\r\n") + 2;
  while (line_start < end_of_head) {
    const std::size_t line_end = text.find("\r\n", line_start);
    const std::string line = text.substr(line_start, line_end - line_start);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      response.headers[name] = value;
    }
    line_start = line_end + 2;
  }
  response.body = text.substr(end_of_head + 4);
  return response;
}

std::string raw_exchange(int port, const std::string& bytes, std::chrono::milliseconds timeout, bool& closed) {
  const int fd = connect_to(port);
  send_all(fd, bytes);
  std::string text = read_until_close(fd, timeout, closed);
  ::close(fd);
  return text;
}

Response request(int port, const std::string& method, const std::string& target, const std::string& body,
                 const Headers& headers, std::chrono::milliseconds timeout) {
  std::string text = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  bool has_type = false, has_authorization = false, anonymous = false;
  std::string source_address;
  for (const auto& [name, value] : headers) {
    if (name == kAnonymousMarker.first) {
      anonymous = true;
      continue;
    }
    if (name == from_address("").first) {
      source_address = value;
      continue;
    }
    text += name + ": " + value + "\r\n";
    if (name == "Content-Type" || name == "content-type") has_type = true;
    if (name == "Authorization" || name == "Cookie") has_authorization = true;
  }
  if (!anonymous && !has_authorization) {
    std::lock_guard lock(default_mutex);
    auto found = default_authorization.find(port);
    if (found != default_authorization.end()) text += "Authorization: " + found->second + "\r\n";
  }
  if (!body.empty() && !has_type) text += "Content-Type: application/json\r\n";
  if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
    text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  text += "\r\n" + body;
  const int fd = connect_to(port, source_address);
  send_all(fd, text);
  bool closed = false;
  const std::string answer = read_until_close(fd, timeout, closed);
  ::close(fd);
  return parse_response(answer);
}

}  // namespace alley::testing
