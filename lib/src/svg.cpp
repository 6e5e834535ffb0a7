#include "posprop/svg.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace posprop::svg {
namespace {

/// Blue (negative) - white (0) - red (positive), t in [-1, 1].
std::string colour(double t) {
  t = std::clamp(t, -1.0, 1.0);
  const auto channel = [](double v) { return static_cast<int>(std::lround(255 * v)); };
  double r = 1, g = 1, b = 1;
  if (t >= 0) {
    g = b = 1 - t;
  } else {
    r = g = 1 + t;
  }
  std::ostringstream os;
  os << "rgb(" << channel(r) << "," << channel(g) << "," << channel(b) << ")";
  return os.str();
}

}  // namespace

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else
      out += c;
  }
  return out;
}

std::string heatmap(const std::vector<std::vector<double>>& values, const std::string& title,
                    const std::string& row_label, const std::string& col_label) {
  const int rows = static_cast<int>(values.size());
  const int cols = rows ? static_cast<int>(values[0].size()) : 0;
  const int cell = 8, left = 60, top = 40;
  // Linear map of [min, max] onto the diverging palette (mid-range is white).
  double lo = 1e300, hi = -1e300;
  for (const auto& row : values)
    for (double v : row) lo = std::min(lo, v), hi = std::max(hi, v);
  if (!(hi > lo)) hi = lo + 1;
  const double mid = (lo + hi) / 2, half = (hi - lo) / 2;
  std::ostringstream os;
  const int width = std::max(left + cols * cell + 90, 7 * static_cast<int>(title.size()) + left),
            height = top + rows * cell + 50;
  os << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
     << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
     << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
     << "<text x=\"" << left << "\" y=\"20\" font-size=\"14\">" << escape(title) << "</text>\n";
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c)
      os << "<rect x=\"" << left + c * cell << "\" y=\"" << top + r * cell << "\" width=\"" << cell
         << "\" height=\"" << cell << "\" fill=\"" << colour((values[r][c] - mid) / half)
         << "\"/>\n";
  os << "<text x=\"" << left << "\" y=\"" << top + rows * cell + 20 << "\">" << escape(col_label)
     << " (0 .. " << cols - 1 << ")</text>\n"
     << "<text x=\"15\" y=\"" << top + rows * cell / 2 << "\" transform=\"rotate(-90 15 "
     << top + rows * cell / 2 << ")\">" << escape(row_label) << " (0 .. " << rows - 1
     << ")</text>\n";
  // Colour bar.
  const int bar_x = left + cols * cell + 20;
  for (int k = 0; k <= 20; ++k)
    os << "<rect x=\"" << bar_x << "\" y=\"" << top + k * rows * cell / 21
       << "\" width=\"15\" height=\"" << rows * cell / 21 + 1 << "\" fill=\""
       << colour(1 - k / 10.0) << "\"/>\n";
  os.precision(3);
  os << "<text x=\"" << bar_x + 18 << "\" y=\"" << top + 10 << "\">" << hi << "</text>\n"
     << "<text x=\"" << bar_x + 18 << "\" y=\"" << top + rows * cell << "\">" << lo << "</text>\n"
     << "</svg>\n";
  return os.str();
}

std::string line_plot(const std::vector<Series>& series, const std::string& title,
                      const std::string& x_label, const std::string& y_label, bool log_y) {
  const double w = 520, h = 320, left = 70, top = 40;
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  const auto fy = [log_y](double y) { return log_y ? std::log10(y) : y; };
  for (const auto& s : series)
    for (const auto& [x, y] : s.points) {
      x0 = std::min(x0, x), x1 = std::max(x1, x);
      y0 = std::min(y0, fy(y)), y1 = std::max(y1, fy(y));
    }
  if (x1 <= x0) x1 = x0 + 1;
  if (y1 <= y0) y1 = y0 + 1;
  const auto px = [&](double x) { return left + (x - x0) / (x1 - x0) * w; };
  const auto py = [&](double y) { return top + h - (fy(y) - y0) / (y1 - y0) * h; };
  static const char* kColours[] = {"#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e"};
  std::ostringstream os;
  os.precision(6);
  os << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << left + w + 170 << "\" height=\""
     << top + h + 60 << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
     << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
     << "<text x=\"" << left << "\" y=\"20\" font-size=\"14\">" << escape(title) << "</text>\n"
     << "<rect x=\"" << left << "\" y=\"" << top << "\" width=\"" << w << "\" height=\"" << h
     << "\" fill=\"none\" stroke=\"black\"/>\n";
  // y ticks at integer decades (log) or 5 even steps.
  for (int k = 0; k <= 4; ++k) {
    const double v = y0 + (y1 - y0) * k / 4;
    const double yy = top + h - (v - y0) / (y1 - y0) * h;
    os << "<line x1=\"" << left - 4 << "\" y1=\"" << yy << "\" x2=\"" << left << "\" y2=\"" << yy
       << "\" stroke=\"black\"/><text x=\"5\" y=\"" << yy + 4 << "\">"
       << (log_y ? std::pow(10.0, v) : v) << "</text>\n";
  }
  for (int k = 0; k <= 4; ++k) {
    const double v = x0 + (x1 - x0) * k / 4;
    os << "<text x=\"" << px(v) - 10 << "\" y=\"" << top + h + 16 << "\">" << v << "</text>\n";
  }
  os << "<text x=\"" << left + w / 2 - 40 << "\" y=\"" << top + h + 40 << "\">" << escape(x_label)
     << "</text>\n<text x=\"12\" y=\"" << top - 8 << "\">" << escape(y_label)
     << (log_y ? " (log scale)" : "") << "</text>\n";
  for (std::size_t s = 0; s < series.size(); ++s) {
    os << "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"" << kColours[s % 5]
       << "\" points=\"";
    for (const auto& [x, y] : series[s].points) os << px(x) << "," << py(y) << " ";
    os << "\"/>\n<text x=\"" << left + w + 10 << "\" y=\"" << top + 15 + 18 * s << "\" fill=\""
       << kColours[s % 5] << "\">" << escape(series[s].name) << "</text>\n";
  }
  os << "</svg>\n";
  return os.str();
}

}  // namespace posprop::svg
