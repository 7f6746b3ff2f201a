#include "attachments/file_kinds.h"

#include <algorithm>
#include <cctype>

#include "core/utf8.h"

namespace alley::attachments {
namespace {

std::string lower_extension(std::string_view file_name) {
  const std::size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return "";
  std::string extension(file_name.substr(dot + 1));
  for (char& c : extension) c = char(std::tolower(static_cast<unsigned char>(c)));
  return extension;
}

bool looks_like_markup(std::string_view text) {
  std::string head(text.substr(0, 512));
  for (char& c : head) c = char(std::tolower(static_cast<unsigned char>(c)));
  for (const char* sign : {"<html", "<!doctype", "<script", "<svg", "<?xml"}) {
    if (head.find(sign) != std::string::npos) return true;
  }
  return false;
}

std::optional<std::string> sniffed_type(std::string_view bytes, const std::string& extension) {
  if (bytes.starts_with("%PDF-")) return "application/pdf";
  if (bytes.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
  if (bytes.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
  if (bytes.starts_with(std::string_view("PK\x03\x04", 4))) {
    if (extension == "docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (extension == "xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (extension == "pptx") return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    return std::nullopt;  // some other archive
  }
  if (is_valid_utf8(bytes) && bytes.find('\0') == std::string_view::npos && !looks_like_markup(bytes)) {
    return extension == "csv" ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8";
  }
  return std::nullopt;
}

// The extensions that promise one kind of file: a name must not promise another kind than the bytes are.
std::optional<std::string> promised_type(const std::string& extension) {
  if (extension == "pdf") return "application/pdf";
  if (extension == "png") return "image/png";
  if (extension == "jpg" || extension == "jpeg") return "image/jpeg";
  if (extension == "txt") return "text/plain; charset=utf-8";
  if (extension == "csv") return "text/csv; charset=utf-8";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> content_type_of(std::string_view bytes, std::string_view file_name) {
  const std::string extension = lower_extension(file_name);
  std::optional<std::string> type = sniffed_type(bytes, extension);
  const std::optional<std::string> promised = promised_type(extension);
  if (type && promised && *promised != *type) return std::nullopt;
  return type;
}

CheckedName checked_file_name(std::string_view sent) {
  const std::size_t slash = sent.find_last_of("/\\");
  std::string_view name = slash == std::string_view::npos ? sent : sent.substr(slash + 1);
  while (!name.empty() && (name.front() == ' ' || name.front() == '.')) name.remove_prefix(1);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  if (name.empty()) return {"", "the file needs a name (file_name=…)"};
  if (name.size() > 200) return {"", "the file name is longer than 200 bytes"};
  if (!is_valid_utf8(name)) return {"", "the file name is not UTF-8"};
  if (std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return {"", "the file name contains control characters"};
  }
  return {std::string(name), ""};
}

}  // namespace alley::attachments
