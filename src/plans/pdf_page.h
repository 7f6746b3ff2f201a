#pragma once
// A4 pages of a PDF report, drawn by cairo with Chinese laid out by Pango
// (Noto Sans CJK), written into a string. The reports (progress_report.cc,
// year_end_pdf.cc) place text themselves; `measure` lets them move to a new
// page before a block would run off the bottom.

#include <string>

struct _cairo_surface;
struct _cairo;
struct _PangoLayout;

namespace alley::plans {

struct Rgb {
  double r, g, b;
};

constexpr Rgb kInk{0.1, 0.1, 0.1};
constexpr Rgb kGrey{0.4, 0.4, 0.4};

class PdfPages {
 public:
  static constexpr double kWidth = 595, kHeight = 842, kMargin = 48;  // A4 in points

  // Appends the document to `out` as it is drawn; complete when destroyed.
  explicit PdfPages(std::string& out);
  ~PdfPages();
  PdfPages(const PdfPages&) = delete;
  PdfPages& operator=(const PdfPages&) = delete;

  // Writes text at (x, y) wrapped within `width`; returns its height.
  double text(double x, double y, double width, const std::string& content, const char* font, Rgb colour = kInk);
  // The height `text` would take.
  double measure(double width, const std::string& content, const char* font);
  void box(double x, double y, double w, double h, Rgb colour, bool filled);
  void line(double x1, double y1, double x2, double y2, Rgb colour);
  void next_page();

 private:
  void lay_out(double width, const std::string& content, const char* font);

  _cairo_surface* surface_;
  _cairo* cairo_;
  _PangoLayout* layout_;
};

}  // namespace alley::plans
