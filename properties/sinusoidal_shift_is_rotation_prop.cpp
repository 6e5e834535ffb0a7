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
  static std::vector<Input> boundary(const EncoderEntry& e) { return score_boundaries(e); }

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
    // proofs/tolerances.md section 10.3. e(p): 2-norm error of a computed (cos, sin) pair
    // (Lemma 2.2); e0(p): the same against the table at the computed angles (for the modulus,
    // which holds at every angle: Lemma 9.6).
    const ErrorProfile at_computed_angles = tol::at_computed_angles(prof);
    const auto e = [&](double p) { return tol::entry_error(prof, p, u); };
    const auto e0 = [&](double p) { return tol::entry_error(at_computed_angles, p, u); };
    const double g2 = tol::gamma(2, u), r2 = std::sqrt(2.0) * (1 + u);
    // |z| of a computed pair from its entries: hypot in double (< 1 ulp) of values converted
    // with relative error <= 2^-53, so within a relative 2^-51 of the exact |z|.
    const auto mag = [](const T& re, const T& im) {
      return std::hypot(to_double(re), to_double(im));
    };
    Measurement out;
    for (Index k = 0; k < h; ++k) {
      const Index s = half ? k : 2 * k, co = half ? k + h : 2 * k + 1;  // sin and cos slots
      // w = z(t) / z(0) as a complex quotient; z = cos + i sin.
      const T den = p0(co) * p0(co) + p0(s) * p0(s);
      const T w_re = (pt(co) * p0(co) + pt(s) * p0(s)) / den;
      const T w_im = (pt(s) * p0(co) - pt(co) * p0(s)) / den;
      const T pred_re = w_re * pi(co) - w_im * pi(s), pred_im = w_re * pi(s) + w_im * pi(co);
      const T diff = abs(pit(co) - pred_re) + abs(pit(s) - pred_im);
      const T modulus = w_re * w_re + w_im * w_im - T(1);
      // Bounds on |w| = |z(t)| / |z(0)| and on |w^ - w| (w^ the computed quotient): the quotient
      // is exact when the computed z(0) is (1, 0) (both sinusoids), else within gamma_6 |w^|.
      const bool exact_origin = is_zero(T(p0(co) - T(1))) && is_zero(p0(s));  // no T comparisons
      const double z0 = mag(p0(co), p0(s)) * (1 - 0x1p-51), zt = mag(pt(co), pt(s)) * (1 + 0x1p-51);
      const double zi = mag(pi(co), pi(s)) * (1 + 0x1p-51);
      const auto quotient = [&](double et, double ez) {  // {bound on |w|, bound on |w^ - w|}
        if (!(z0 > ez)) return std::make_pair(HUGE_VAL, HUGE_VAL);
        const double w = (zt + et) / (z0 - ez);
        return std::make_pair(
            w, (exact_origin ? 0.0 : tol::gamma(6, u) * zt / z0) + (et + w * ez) / z0);
      };
      const auto [w, ew] = quotient(e(c.t), e(0));
      out = worst(out, {to_double(diff),
                        r2 * (1 + u) * (1 + u) *
                            (e(c.i + c.t) + ew * zi + w * e(c.i) + r2 * g2 * (w + ew) * zi)});
      const auto [w0, ew0] = quotient(e0(c.t), e0(0));
      out = worst(out, {to_double(abs(modulus)),
                        (1 + u) * ((2 * w0 + ew0) * ew0 + g2 * (w0 + ew0) * (w0 + ew0))});
    }
    return out;
  }
};

POSPROP_PROPERTY(SinusoidalShiftIsRotation);

}  // namespace
}  // namespace posprop
