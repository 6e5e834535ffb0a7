// Inputs and read-outs shared by the `scaling.*` properties (proofs/scaled_rope.md): a random
// rope_scaling configuration of a scaled-RoPE entry, the encoder built from it, and the angle
// and magnitude of every rotated pair read off the map at position 1 (behaviour, not the lib's
// spec: a broken encoder is judged by what it computes).
#pragma once

#include "posprop/encoders/rope.hpp"
#include "posprop/rope_scaling.hpp"
#include "support/cases.hpp"
#include "support/coverage.hpp"

#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace posprop {

/// 140-digit reference scalar: its rounding (< 1e-139 relative) is negligible against every u.
using Ref = Mpfr<140>;

using Overrides = std::vector<std::pair<std::string, std::string>>;

/// The entries that declare a scaling schedule (EncoderEntry::scaling): whatever their family
/// and parameter names, every scaling.* property applies.
inline bool is_scaling_entry(const EncoderEntry& e) {
  return e.scaling.has_value() && e.site == Site::qk_transform;
}
inline RopeScalingType scaling_type(const EncoderEntry& e) {
  return *e.scaling;
}
/// The rope_scaling keys the entry's schedule reads (and so accepts).
inline RopeScalingKeys scaling_keys(const EncoderEntry& e) {
  return rope_scaling_keys(scaling_type(e));
}

/// The completed parameters at head_dim `dim` with `o` applied.
Params scaling_params(const EncoderEntry& e, int dim, const Overrides& o);
std::ostream& print_overrides(std::ostream& os, const Overrides& o);

/// A random configuration for the entry's keys (factor, L, seq_len, betas, band factors,
/// rope_theta), always valid; truncate, mscale and the lists keep the entry's defaults.
rc::Gen<Overrides> scaling_config(const EncoderEntry& e);

struct ScalingCase {
  int dim = 2;
  Overrides config;
};
std::ostream& operator<<(std::ostream& os, const ScalingCase& c);
rc::Gen<ScalingCase> scaling_case(const EncoderEntry& e);

/// The boundary configurations (support/boundary.hpp), simplest first: the entry's defaults at
/// every boundary dim; the ends of every key's range (factor 1 and 40, L 512 and 8192, rope_theta
/// 1e4, 5e5 and 1e6, seq_len 0, 1, L - 1, L, L + 1 and 4 L, every beta and band pair); and at the
/// default dim, configurations 2^-21 (relative) on both sides of the points where the schedule
/// switches (switch_points; left out with `with_switches` false).
std::vector<ScalingCase> scaling_boundaries(const EncoderEntry& e, bool with_switches = true);

/// The values of the varied key at which pair n switches branch, n = 0 .. pairs - 1 (double):
/// YaRN beta_fast with cd(beta_fast) = n (floor / ceil of the correction range jump); YaRN paper
/// beta_fast = r_n (a ramp end); Llama 3 low_freq_factor = L / lambda_n (a band edge); only the
/// values the configuration admits (beta_fast > beta_slow, low_freq_factor < high_freq_factor).
/// Empty for the other families (their switch, seq_len = L, is a listed seq_len).
std::vector<std::pair<std::string, double>> switch_points(const EncoderEntry& e, int dim,
                                                          const Overrides& o);

/// Records the dim and every numeric parameter of the completed configuration.
void record(Coverage& c, const EncoderEntry& e, int dim, const Overrides& o);
void record(Coverage& c, const EncoderEntry& e, const ScalingCase& in);

template <class T>
std::unique_ptr<Encoder<T>> make_scaled(const EncoderEntry& e, int dim, const Overrides& o) {
  return e.make<T>(scaling_params(e, dim, o));
}

/// Angle atan2(A_ba, A_aa) and magnitude |(A_aa, A_ba)| of every rotated pair (a, b) of A(1):
/// for A(p) = c R(p) they are inv_k (in (0, pi) when inv_k <= 1) and c.
template <class T>
struct PairReadout {
  std::vector<T> angle, magnitude;
};
template <class T>
PairReadout<T> read_pairs(const Encoder<T>& enc) {
  using std::atan2;
  using std::sqrt;
  const Mat<T> a = enc.query_map(1.0);
  const Index r = enc.rotary_dim();
  const bool half = enc.layout() == Layout::half_split;
  PairReadout<T> out;
  for (Index k = 0; k < r / 2; ++k) {
    const Index i = half ? k : 2 * k, j = half ? k + r / 2 : 2 * k + 1;
    out.angle.push_back(atan2(a(j, i), a(i, i)));
    out.magnitude.push_back(sqrt(a(i, i) * a(i, i) + a(j, i) * a(j, i)));
  }
  return out;
}

/// |angle_k - inv_k| <= 4 entry_error(1) (proofs/scaled_rope.md, Lemma 5.2).
inline double angle_readout_error(const ErrorProfile& e, double u) {
  return 4.0 * tol::entry_error(e, 1.0, u);
}

/// A 140-digit value in T (rounded once; an enclosure for intervals).
template <class T>
T narrow(const Ref& x) {
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    return static_cast<T>(static_cast<double>(x));
  } else {
    return T(x.str(0, std::ios_base::scientific).c_str());
  }
}

/// |x| as a double (a rigorous lower bound for intervals: see to_double).
template <class T>
double magnitude(const T& x) {
  using std::abs;
  return to_double(T(abs(x)));
}

/// b^(-2k/d) at 140 digits, written from RoFormer eq. 34 (independent of lib/).
inline std::vector<Ref> reference_default(const RopeScalingConfig& c) {
  std::vector<Ref> out;
  const Ref b(c.rope_theta.c_str());
  for (Index k = 0; k < c.rotary_dim / 2; ++k)
    out.push_back(exp(-Ref(2 * k) / Ref(c.rotary_dim) * log(b)));
  return out;
}

/// The inputs of the properties that check every valid rope_scaling configuration
/// (scaling.frequency_schedule, scaling.spec_reference): derive from it.
struct ScalingConfigInputs {
  static bool applies_to(const EncoderEntry& e) { return is_scaling_entry(e); }
  using Input = ScalingCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return scaling_case(e); }
  static std::vector<Input> boundary(const EncoderEntry& e) { return scaling_boundaries(e); }
};

}  // namespace posprop
