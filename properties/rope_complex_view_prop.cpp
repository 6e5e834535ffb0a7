// rope.complex_view: on each rotated pair (a, b) the map is multiplication of z = x_a + i x_b by
// a unit complex number w_k(p), and w_k(a) w_k(b) = w_k(a + b) (CLAIMS.md S2). The multiplier is
// read off the encoder itself (w_k(p) = y_a + i y_b for x = e_a), not from a formula.
// Proof: proofs/rotation_group.md (Theorem 3).
#include "support/cases.hpp"
#include "support/generated_property.hpp"

namespace posprop {
namespace {

struct RopeComplexView {
  static PropertyInfo info() {
    return {"rope.complex_view", "rope",
            "On every rotated pair (a, b), apply(x, p) multiplies z = x_a + i x_b by a unit "
            "complex number w_k(p) with w_k(a) w_k(b) = w_k(a + b).",
            "proofs/rotation_group.md"};
  }
  static bool applies_to(const EncoderEntry& e) {
    if (e.site != Site::qk_transform) return false;
    return e.make<double>(Params{})->layout() != Layout::none;
  }
  using Input = MapCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return map_case(e, true, 256); }
  static std::vector<Input> boundary(const EncoderEntry& e) { return map_boundaries(e, true, 256); }

  template <class T>
  struct Complex {
    T re, im;
    Complex operator*(const Complex& o) const {
      return {re * o.re - im * o.im, re * o.im + im * o.re};
    }
  };

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    using std::abs;
    using std::sqrt;
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const Index r = enc.rotary_dim();
    const bool half = enc.layout() == Layout::half_split;
    const double u = unit_roundoff<T>(), d = c.dim;
    const ErrorProfile prof = enc.error_profile();
    // proofs/tolerances.md section 10.2. alpha: apply error against the exact map (checks that
    // compare angles at a, b and a + b); alpha0: against the exact map at the *computed* angles
    // (the angle error dropped), valid for the checks that hold for every angle (Lemma 9.6).
    const ErrorProfile at_computed_angles = tol::at_computed_angles(prof);
    const auto alpha = [&](double p) { return tol::apply_error(prof, d, p, u); };
    const auto alpha0 = [&](double p) { return tol::apply_error(at_computed_angles, d, p, u); };
    const auto norm = [&](double p) { return tol::map_norm(prof, p); };
    const double g2 = tol::gamma(2, u), r2 = std::sqrt(2.0) * (1 + u);  // r2 >= fl(sqrt 2)
    const auto multipliers = [&](double p) {  // w_k(p) from the images of the basis vectors e_a
      std::vector<Complex<T>> w;
      for (Index k = 0; k < r / 2; ++k) {
        const Index ia = half ? k : 2 * k, ib = half ? k + r / 2 : 2 * k + 1;
        Vec<T> e = Vec<T>::Zero(c.dim);
        e(ia) = T(1);
        const Vec<T> y = enc.apply_query(e, p);
        w.push_back({y(ia), y(ib)});
      }
      return w;
    };
    const auto wa = multipliers(c.a), wb = multipliers(c.b), wab = multipliers(c.a + c.b);
    const Vec<T> x = gen::to_vector<T>(c.x);
    const Vec<T> y = enc.apply_query(x, c.a);
    const double nx = gen::to_vector<double>(c.x).norm();
    Measurement out;
    for (Index k = 0; k < r / 2; ++k) {
      const Index ia = half ? k : 2 * k, ib = half ? k + r / 2 : 2 * k + 1;
      const auto kk = static_cast<std::size_t>(k);
      const Complex<T> z{x(ia), x(ib)}, wz = wa[kk] * z;
      const T dz = sqrt((y(ia) - wz.re) * (y(ia) - wz.re) + (y(ib) - wz.im) * (y(ib) - wz.im));
      // |y - fl(w z)| <= 2 alpha0 |x| + sqrt2 gamma_2 |w^| |z|, its norm computed (H4, nu_2).
      const double a0 = alpha0(c.a);
      out = worst(out,
                  {to_double(dz), (1 + u) * (1 + g2) * (2 * a0 + r2 * g2 * (norm(c.a) + a0)) * nx});
      const T modulus = wa[kk].re * wa[kk].re + wa[kk].im * wa[kk].im - T(1);
      out =
          worst(out, {std::fabs(to_double(modulus)), 2 * a0 + a0 * a0 + g2 * (1 + a0) * (1 + a0)});
      const Complex<T> prod = wa[kk] * wb[kk];
      const T dp = abs(prod.re - wab[kk].re) + abs(prod.im - wab[kk].im);
      const double aa = alpha(c.a), ab = alpha(c.b), na = norm(c.a), nb = norm(c.b);
      out = worst(out, {to_double(dp), r2 * (1 + u) * (1 + u) *
                                           (aa * nb + na * ab + aa * ab + alpha(c.a + c.b) +
                                            r2 * g2 * (na + aa) * (nb + ab))});
    }
    return out;
  }
};

POSPROP_PROPERTY(RopeComplexView);

}  // namespace
}  // namespace posprop
