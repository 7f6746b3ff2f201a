#include "plans/pdf_page.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

namespace alley::plans {

PdfPages::PdfPages(std::string& out) {
  surface_ = cairo_pdf_surface_create_for_stream(
      [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
      },
      &out, kWidth, kHeight);
  cairo_ = cairo_create(surface_);
  layout_ = pango_cairo_create_layout(cairo_);
}

PdfPages::~PdfPages() {
  cairo_show_page(cairo_);
  g_object_unref(layout_);
  cairo_destroy(cairo_);
  cairo_surface_finish(surface_);
  cairo_surface_destroy(surface_);
}

void PdfPages::lay_out(double width, const std::string& content, const char* font) {
  PangoFontDescription* description = pango_font_description_from_string(font);
  pango_layout_set_font_description(layout_, description);
  pango_font_description_free(description);
  pango_layout_set_width(layout_, int(width * PANGO_SCALE));
  pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(layout_, content.c_str(), -1);
}

double PdfPages::measure(double width, const std::string& content, const char* font) {
  lay_out(width, content, font);
  int w = 0, h = 0;
  pango_layout_get_size(layout_, &w, &h);
  return double(h) / PANGO_SCALE;
}

double PdfPages::text(double x, double y, double width, const std::string& content, const char* font, Rgb colour) {
  const double height = measure(width, content, font);
  cairo_set_source_rgb(cairo_, colour.r, colour.g, colour.b);
  cairo_move_to(cairo_, x, y);
  pango_cairo_show_layout(cairo_, layout_);
  return height;
}

void PdfPages::box(double x, double y, double w, double h, Rgb colour, bool filled) {
  cairo_set_source_rgb(cairo_, colour.r, colour.g, colour.b);
  cairo_rectangle(cairo_, x, y, w, h);
  if (filled) {
    cairo_fill(cairo_);
  } else {
    cairo_set_line_width(cairo_, 0.8);
    cairo_stroke(cairo_);
  }
}

void PdfPages::line(double x1, double y1, double x2, double y2, Rgb colour) {
  cairo_set_source_rgb(cairo_, colour.r, colour.g, colour.b);
  cairo_set_line_width(cairo_, 1.5);
  cairo_move_to(cairo_, x1, y1);
  cairo_line_to(cairo_, x2, y2);
  cairo_stroke(cairo_);
}

void PdfPages::next_page() { cairo_show_page(cairo_); }

}  // namespace alley::plans
