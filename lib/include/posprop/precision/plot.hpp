// Log-log line plot (SVG) of the precision study: one line per path, decade ticks on both axes,
// twelve distinguishable colours. Points with a non-positive or non-finite value are skipped.
#pragma once

#include "posprop/svg.hpp"

#include <string>
#include <vector>

namespace posprop::precision {

std::string log_log_plot(const std::vector<svg::Series>& series, const std::string& title,
                         const std::string& x_label, const std::string& y_label);

}  // namespace posprop::precision
