#include "posprop/precision/format.hpp"

#include "posprop/params.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>

namespace posprop::precision {

const Format& format(FormatId id) {
  static const Format kFormats[] = {
      {FormatId::fp64, "fp64", 53, -1022, 1023, 64},
      {FormatId::fp32, "fp32", 24, -126, 127, 32},
      {FormatId::fp16, "fp16", 11, -14, 15, 16},
      {FormatId::bf16, "bf16", 8, -126, 127, 16},
  };
  return kFormats[static_cast<int>(id)];
}

const std::vector<FormatId>& all_formats() {
  static const std::vector<FormatId> ids = {FormatId::fp64, FormatId::fp32, FormatId::fp16,
                                            FormatId::bf16};
  return ids;
}

const Format& parse_format(const std::string& name) {
  for (FormatId id : all_formats())
    if (name == format(id).name) return format(id);
  throw InputError("unknown number format '" + name + "' (valid: fp64, fp32, fp16, bf16)");
}

double unit_roundoff(const Format& f) {
  return std::ldexp(1.0, -f.precision);
}

double max_finite(const Format& f) {
  return std::ldexp(2.0 - std::ldexp(1.0, 1 - f.precision), f.emax);
}

double max_exact_integer(const Format& f) {
  return std::ldexp(1.0, f.precision);
}

double round_to(double x, const Format& f) {
  if (f.id == FormatId::fp64 || !std::isfinite(x) || x == 0) return x;
  // x = m 2^e, 0.5 <= |m| < 1: the binade [2^(e-1), 2^e) has quantum 2^(e - p); below the
  // normal range the quantum stays 2^(emin + 1 - p) (gradual underflow).
  int e = 0;
  std::frexp(x, &e);
  const int quantum_exp = std::max(e, f.emin + 1) - f.precision;
  // Scaling by a power of two is exact; nearbyint rounds half to even in the default mode.
  const double r = std::ldexp(std::nearbyint(std::ldexp(x, -quantum_exp)), quantum_exp);
  if (std::fabs(r) > max_finite(f))
    return std::copysign(std::numeric_limits<double>::infinity(), x);
  return r;
}

bool representable(double x, const Format& f) {
  return round_to(x, f) == x;
}

long long ordinal(double v, const Format& f) {
  if (!std::isfinite(v) || !representable(v, f)) {
    throw InputError("ordinal: " + to_decimal(v) + " is not a finite " + f.name + " value");
  }
  if (v == 0) return 0;
  const double a = std::fabs(v);
  int e = 0;
  std::frexp(a, &e);  // a in [2^(e-1), 2^e)
  const int binade = std::max(e - 1, f.emin);
  // Significand as an integer m in [0, 2^p); the binades above emin each hold 2^(p-1) values.
  const auto m = static_cast<long long>(std::ldexp(a, f.precision - 1 - binade));
  const long long ord = static_cast<long long>(binade - f.emin) * (1LL << (f.precision - 1)) + m;
  return v < 0 ? -ord : ord;
}

double bits_of_error(double approx, double exact, const Format& f) {
  if (!std::isfinite(approx)) return f.width;
  const double rounded = round_to(exact, f);
  if (!std::isfinite(rounded)) return f.width;
  const long long between = std::llabs(ordinal(approx, f) - ordinal(rounded, f));
  return std::log2(1.0 + static_cast<double>(between));
}

}  // namespace posprop::precision
