// sinusoidal.shift_is_rotation: p(i + t) = B(t) p(i), with B(t) rotating each (sin, cos) pair
// by t w_k, independent of i (Vaswani 3.5: "PE_{pos+k} is a linear function of PE_pos"). The
// rotation is read off the table itself: z_k(p) = p_cos + i p_sin, w_k(t) = z_k(t) / z_k(0), and
// the property checks |w_k| = 1 and z_k(i + t) = w_k(t) z_k(i). CLAIMS.md S5, S6.
// Proof: proofs/sinusoidal.md (Theorem 1).
#include "support/cases.hpp"
#include "support/generated_property.hpp"

namespace posprop {
namespace {

struct SinusoidalShiftIsRotation {
  static PropertyInfo info() {
    return {"sinusoidal.shift_is_rotation", "sinusoidal",
            "p(i + t) = B(t) p(i) with B(t) a rotation of each (sin, cos) pair independent of i: "
            "the table at any position is a fixed rotation of the table at any other.",
            "proofs/sinusoidal.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return e.site == Site::embedding; }
  using Input = ScoreCase;  // uses i and t
  static rc::Gen<Input> gen(const EncoderEntry& e) { return score_case(e); }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    using std::abs;
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const bool half = enc.layout() == Layout::half_split;  // none: interleaved pairs
    const Index h = c.dim / 2;
    const Vec<T> p0 = enc.position_vector(0), pt = enc.position_vector(c.t);
    const Vec<T> pi = enc.position_vector(c.i), pit = enc.position_vector(c.i + c.t);
    const double u = unit_roundoff<T>();
    const ErrorProfile prof = enc.error_profile();
    const double eps = tol::entry_error(prof, c.i + c.t, u) + tol::entry_error(prof, c.t, u) +
                       tol::entry_error(prof, c.i, u) + tol::entry_error(prof, 0, u);
    Measurement out;
    for (Index k = 0; k < h; ++k) {
      const Index s = half ? k : 2 * k, co = half ? k + h : 2 * k + 1;  // sin and cos slots
      // w = z(t) / z(0) as a complex quotient; z = cos + i sin.
      const T den = p0(co) * p0(co) + p0(s) * p0(s);
      const T w_re = (pt(co) * p0(co) + pt(s) * p0(s)) / den;
      const T w_im = (pt(s) * p0(co) - pt(co) * p0(s)) / den;
      const T pred_re = w_re * pi(co) - w_im * pi(s), pred_im = w_re * pi(s) + w_im * pi(co);
      const T diff = abs(pit(co) - pred_re) + abs(pit(s) - pred_im);
      out = worst(out, {to_double(diff), 8 * eps + 16 * u});
      const T modulus = w_re * w_re + w_im * w_im - T(1);
      out = worst(out, {to_double(abs(modulus)), 8 * eps + 16 * u});
    }
    return out;
  }
};

POSPROP_PROPERTY(SinusoidalShiftIsRotation);

}  // namespace
}  // namespace posprop
