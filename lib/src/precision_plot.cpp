#include "posprop/precision/plot.hpp"

#include "posprop/svg.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace posprop::precision {
namespace {

bool usable(double x, double y) {
  return x > 0 && y > 0 && std::isfinite(x) && std::isfinite(y);
}

}  // namespace

std::string log_log_plot(const std::vector<svg::Series>& series, const std::string& title,
                         const std::string& x_label, const std::string& y_label) {
  static const char* kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                   "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f",
                                   "#bcbd22", "#17becf", "#000000", "#aec7e8"};
  static const char* kDashes[] = {"", "6,3", "2,2"};
  const double w = 620, h = 380, left = 80, top = 40, legend = 250;
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  for (const auto& s : series)
    for (const auto& [x, y] : s.points)
      if (usable(x, y)) {
        x0 = std::min(x0, std::log10(x)), x1 = std::max(x1, std::log10(x));
        y0 = std::min(y0, std::log10(y)), y1 = std::max(y1, std::log10(y));
      }
  if (x0 > x1) x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  x0 = std::floor(x0), x1 = std::max(std::ceil(x1), x0 + 1);
  y0 = std::floor(y0), y1 = std::max(std::ceil(y1), y0 + 1);
  const auto px = [&](double x) { return left + (std::log10(x) - x0) / (x1 - x0) * w; };
  const auto py = [&](double y) { return top + h - (std::log10(y) - y0) / (y1 - y0) * h; };
  std::ostringstream os;
  os.precision(6);
  os << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << left + w + legend << "\" height=\""
     << top + h + 60 << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
     << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
     << "<text x=\"" << left << "\" y=\"22\" font-size=\"14\">" << svg::escape(title)
     << "</text>\n";
  // Decade grid and labels.
  const int ystep = std::max(1, static_cast<int>((y1 - y0) / 10) + 1);
  for (int e = static_cast<int>(y0); e <= static_cast<int>(y1); e += ystep) {
    const double yy = top + h - (e - y0) / (y1 - y0) * h;
    os << "<line x1=\"" << left << "\" y1=\"" << yy << "\" x2=\"" << left + w << "\" y2=\"" << yy
       << "\" stroke=\"#dddddd\"/><text x=\"" << left - 8 << "\" y=\"" << yy + 4
       << "\" text-anchor=\"end\">1e" << e << "</text>\n";
  }
  for (int e = static_cast<int>(x0); e <= static_cast<int>(x1); ++e) {
    const double xx = left + (e - x0) / (x1 - x0) * w;
    os << "<line x1=\"" << xx << "\" y1=\"" << top << "\" x2=\"" << xx << "\" y2=\"" << top + h
       << "\" stroke=\"#dddddd\"/><text x=\"" << xx << "\" y=\"" << top + h + 16
       << "\" text-anchor=\"middle\">1e" << e << "</text>\n";
  }
  os << "<rect x=\"" << left << "\" y=\"" << top << "\" width=\"" << w << "\" height=\"" << h
     << "\" fill=\"none\" stroke=\"black\"/>\n"
     << "<text x=\"" << left + w / 2 << "\" y=\"" << top + h + 40 << "\" text-anchor=\"middle\">"
     << svg::escape(x_label) << "</text>\n"
     << "<text x=\"16\" y=\"" << top + h / 2 << "\" transform=\"rotate(-90 16 " << top + h / 2
     << ")\" text-anchor=\"middle\">" << svg::escape(y_label) << "</text>\n";
  for (std::size_t s = 0; s < series.size(); ++s) {
    const char* colour = kColours[s % 12];
    const char* dash = kDashes[(s / 12) % 3];
    os << "<polyline fill=\"none\" stroke-width=\"1.8\" stroke=\"" << colour << "\""
       << (*dash ? std::string(" stroke-dasharray=\"") + dash + "\"" : std::string())
       << " points=\"";
    for (const auto& [x, y] : series[s].points)
      if (usable(x, y)) os << px(x) << "," << py(y) << " ";
    os << "\"/>\n";
    const double ly = top + 10 + 18 * s;
    os << "<line x1=\"" << left + w + 12 << "\" y1=\"" << ly - 4 << "\" x2=\"" << left + w + 36
       << "\" y2=\"" << ly - 4 << "\" stroke=\"" << colour << "\" stroke-width=\"2\"/>"
       << "<text x=\"" << left + w + 42 << "\" y=\"" << ly << "\">" << svg::escape(series[s].name)
       << "</text>\n";
  }
  os << "</svg>\n";
  return os.str();
}

}  // namespace posprop::precision
