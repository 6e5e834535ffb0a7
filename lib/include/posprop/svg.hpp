// Minimal, dependency-free SVG charts: a heat map and a line plot with a log axis option.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace posprop::svg {

/// Text escaped for SVG/XML character data (<, >, &).
std::string escape(const std::string& s);

/// Heat map of values[row][col] with a diverging colour scale symmetric about 0.
std::string heatmap(const std::vector<std::vector<double>>& values, const std::string& title,
                    const std::string& row_label, const std::string& col_label);

struct Series {
  std::string name;
  std::vector<std::pair<double, double>> points;
};

/// Line plot; log10 scale on the y axis when `log_y` (all y must then be > 0).
std::string line_plot(const std::vector<Series>& series, const std::string& title,
                      const std::string& x_label, const std::string& y_label, bool log_y);

}  // namespace posprop::svg
