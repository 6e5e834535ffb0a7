// Binary floating-point formats of the precision study (fp64, fp32, fp16, bf16) and exact
// emulation of their rounding: round to nearest, ties to even, gradual underflow, overflow to
// infinity -- what IEEE 754 hardware does for fp32/fp64 and what Eigen::half / Eigen::bfloat16
// (Eigen 3.4, float_to_half_rtne / float_to_bfloat16_rtne) do for the 16-bit formats. A value of
// any format is held in a double, which represents every one of them exactly.
// Proof of the rounding model: proofs/precision.md, section 1.
#pragma once

#include <string>
#include <vector>

namespace posprop::precision {

enum class FormatId { fp64, fp32, fp16, bf16 };

struct Format {
  FormatId id;
  const char* name;
  int precision;  // significand bits, implicit bit included (53, 24, 11, 8)
  int emin;       // exponent of the smallest normal number, 2^emin
  int emax;       // exponent of the largest binade
  int width;      // storage bits (64, 32, 16, 16): the "bits of error" of a non-finite result
};

const Format& format(FormatId id);
/// "fp64" | "fp32" | "fp16" | "bf16"; InputError naming the valid ones otherwise.
const Format& parse_format(const std::string& name);
const std::vector<FormatId>& all_formats();

/// Unit roundoff u = 2^-precision.
double unit_roundoff(const Format& f);
/// Largest finite value (2 - 2^(1-p)) 2^emax.
double max_finite(const Format& f);
/// Smallest M such that M + 1 is not representable: 2^precision (every integer <= M is exact).
double max_exact_integer(const Format& f);

/// x rounded to the format: nearest, ties to even; +-inf beyond the overflow threshold; NaN kept.
double round_to(double x, const Format& f);
bool representable(double x, const Format& f);

/// Position of a finite representable value in the ordered set of the format's values
/// (signed: ordinal(-x) = -ordinal(x), ordinal(0) = 0); adjacent values differ by 1.
long long ordinal(double representable_value, const Format& f);

/// Herbie's bits of error of `approx` (a value of the format) against the exact value `exact`:
/// log2(1 + number of format values between approx and round_to(exact)); the format width if
/// approx is not finite.
double bits_of_error(double approx, double exact, const Format& f);

}  // namespace posprop::precision
