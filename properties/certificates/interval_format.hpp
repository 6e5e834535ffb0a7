// Printing interval enclosures.
#pragma once

#include "posprop/scalar.hpp"

#include <string>

namespace posprop {

/// "[lower, upper]" with `digits` significant digits, endpoints rounded outward.
std::string enclosure(const Interval& x, int digits = 20);
double lower_bound(const Interval& x);  // rounded down
double upper_bound(const Interval& x);  // rounded up

}  // namespace posprop
