#include "interval_format.hpp"

namespace posprop {

double lower_bound(const Interval& x) {
  return mpfr_get_d(boost::multiprecision::lower(x).backend().data(), MPFR_RNDD);
}

double upper_bound(const Interval& x) {
  return mpfr_get_d(boost::multiprecision::upper(x).backend().data(), MPFR_RNDU);
}

std::string enclosure(const Interval& x, int digits) {
  char lo[128], hi[128];
  mpfr_snprintf(lo, sizeof lo, "%.*RDe", digits - 1,
                boost::multiprecision::lower(x).backend().data());
  mpfr_snprintf(hi, sizeof hi, "%.*RUe", digits - 1,
                boost::multiprecision::upper(x).backend().data());
  return "[" + std::string(lo) + ", " + std::string(hi) + "]";
}

}  // namespace posprop
