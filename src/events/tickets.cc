#include "events/tickets.h"

#include <cairo.h>
#include <qrencode.h>
#include <sodium.h>

#include <memory>
#include <stdexcept>

namespace alley::events {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
constexpr std::size_t kCodeLength = 16;
constexpr int kQuietModules = 4;

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::string new_ticket_code() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
  std::string code;
  for (std::size_t i = 0; i < kCodeLength; ++i) {
    if (i && i % 4 == 0) code += '-';
    code += kAlphabet[randombytes_uniform(std::uint32_t(kAlphabet.size()))];
  }
  return code;
}

std::optional<std::string> normalized_ticket_code(std::string_view typed) {
  if (typed.size() > 64) return std::nullopt;
  std::string letters;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    const char upper = (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
    if (kAlphabet.find(upper) == std::string_view::npos) return std::nullopt;
    letters += upper;
  }
  if (letters.size() != kCodeLength) return std::nullopt;
  std::string code;
  for (std::size_t i = 0; i < letters.size(); ++i) {
    if (i && i % 4 == 0) code += '-';
    code += letters[i];
  }
  return code;
}

Result<std::string> ticket_png(const std::string& code, int module_pixels) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(QRcode_encodeString(code.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1),
                                                     &QRcode_free);
  if (!qr) return Error::internal("the ticket's QR code cannot be drawn");
  const int modules = qr->width + 2 * kQuietModules;
  const int size = modules * module_pixels;
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, size, size), &cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), &cairo_destroy);
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  cairo_set_source_rgb(cr.get(), 0, 0, 0);
  for (int y = 0; y < qr->width; ++y) {
    for (int x = 0; x < qr->width; ++x) {
      // The low bit of each module says dark.
      if (!(qr->data[y * qr->width + x] & 1)) continue;
      cairo_rectangle(cr.get(), (x + kQuietModules) * module_pixels, (y + kQuietModules) * module_pixels, module_pixels,
                      module_pixels);
    }
  }
  cairo_fill(cr.get());
  std::string png;
  if (cairo_surface_write_to_png_stream(surface.get(), append_bytes, &png) != CAIRO_STATUS_SUCCESS)
    return Error::internal("the ticket's image cannot be written");
  return png;
}

}  // namespace alley::events
