// The plan of a golden-vectors file (golden_plan.cpp): its groups (requested parameters and dim,
// then the extra groups: partial rotary widths, a non-power-of-two dim, cache lengths) and the
// positions of each, with the flags naming the bug class each position or group targets.
#pragma once

#include "golden.hpp"

#include <string>
#include <vector>

namespace posprop::cli {

struct PlannedPosition {
  double p = 0;              // the scalar position, or the largest |axis| of a vector position
  std::vector<double> axes;  // a vector position (multi-axis encoders); empty for scalar ones
  std::string why;           // purpose text ("requested", "knee L (L = 8192)")
  std::vector<std::string> flags;  // "requested", "knee", "large-position"
};

struct PlannedGroup {
  std::string purpose;
  Params user;  // without head_dim
  int dim = 0;
  std::string flag;  // the extra class of the group ("" for the requested group)
  std::vector<PlannedPosition> positions;
};

/// The requested group, then the extra groups `r.extras` selects. `axes` is the number of
/// position axes of a multi-axis encoder (0: scalar positions): its requested positions become
/// text positions (p, .., p), and the class vector-positions adds positions with distinct axes.
std::vector<PlannedGroup> plan_groups(const EncoderEntry& entry, const GoldenRequest& r, int axes);

}  // namespace posprop::cli
