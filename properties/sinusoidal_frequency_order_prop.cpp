// sinusoidal.frequency_order: the angular frequency of pair k, read off the table as
// w_k = atan2(p_sin(1), p_cos(1)) (all w_k <= 1 < pi), decreases with k: the
// lowest-index pairs have the SHORTEST wavelengths 2 pi / w_k and resolve nearby offsets; the
// highest-index pairs the longest. (CLAIMS.md S1 states the reverse.) Proof: proofs/sinusoidal.md.
#include "support/cases.hpp"
#include "support/generated_property.hpp"

namespace posprop {
namespace {

struct SinusoidalFrequencyOrder {
  static PropertyInfo info() {
    return {"sinusoidal.frequency_order", "sinusoidal",
            "The angular frequency of the (sin, cos) pairs decreases with the dimension "
            "index: low dimensions have the shortest wavelengths (they resolve nearby positions).",
            "proofs/sinusoidal.md"};
  }
  static bool applies_to(const EncoderEntry& e) {
    return e.formula == Formula::sinusoidal || e.formula == Formula::sinusoidal_concatenated;
  }
  using Input = MapCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return map_case(e, false, 256); }
  static std::vector<Input> boundary(const EncoderEntry& e) {
    return map_boundaries(e, false, 256);
  }

  /// Only the dim varies: the frequencies are read at position 1, no position is exercised.
  static void record(Coverage& c, const EncoderEntry&, const Input& in) { c.dim(in.dim); }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    using std::atan2;
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const bool half = enc.layout() == Layout::half_split;
    const Index h = c.dim / 2;
    const Vec<T> p1 = enc.position_vector(1);
    std::vector<T> w;
    for (Index k = 0; k < h; ++k)
      w.push_back(atan2(p1(half ? k : 2 * k), p1(half ? k + h : 2 * k + 1)));
    // Residual: the largest rise w_{k+1} - w_k > 0 (0 when the sequence decreases).
    double worst_rise = 0;
    for (std::size_t k = 0; k + 1 < w.size(); ++k)
      worst_rise = max_residual(worst_rise, positive_part(T(w[k + 1] - w[k])));
    // proofs/tolerances.md section 10.4: each computed w_k is within
    // err = (1 + 2u) Delta + gamma_5 of the exact w_k (Delta: angle error at p = 1; cos, sin and
    // atan2 within one ulp), and the exact sequence decreases, so a computed rise is at most
    // fl(err_{k+1} + err_k) <= 2 (1 + u) err.
    const double u = unit_roundoff<T>();
    const double delta = tol::angle_error(enc.error_profile(), 1, u);
    return {worst_rise, 2 * (1 + u) * ((1 + 2 * u) * delta + tol::gamma(5, u))};
  }
};

POSPROP_PROPERTY(SinusoidalFrequencyOrder);

}  // namespace
}  // namespace posprop
