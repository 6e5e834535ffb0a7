// The ratio every verify judgement reports: error / tolerance, and 1e300 for a nonzero error where
// the tolerance is 0 (an exact quantity that is not exact).
#pragma once

namespace posprop::cli {

inline double error_ratio(double error, double tolerance) {
  return tolerance > 0 ? error / tolerance : (error > 0 ? 1e300 : 0);
}

}  // namespace posprop::cli
