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
  static rc::Gen<Input> gen(const EncoderEntry& e) { return map_case(e, true); }

  template <class T>
  struct Complex {
    T re, im;
    Complex operator*(const Complex& o) const { return {re * o.re - im * o.im, re * o.im + im * o.re}; }
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
    const auto alpha = [&](double p) { return tol::apply_error(prof, d, p, u); };
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
      out = worst(out, {to_double(dz), nx * (2 * alpha(c.a) + 4 * u)});
      const T modulus = wa[kk].re * wa[kk].re + wa[kk].im * wa[kk].im - T(1);
      out = worst(out, {std::fabs(to_double(modulus)), 3 * alpha(c.a) + 4 * u});
      const Complex<T> prod = wa[kk] * wb[kk];
      const T dp = abs(prod.re - wab[kk].re) + abs(prod.im - wab[kk].im);
      out = worst(out, {to_double(dp), 2 * (alpha(c.a) + alpha(c.b) + alpha(c.a + c.b)) + 8 * u});
    }
    return out;
  }
};

POSPROP_PROPERTY(RopeComplexView);

}  // namespace
}  // namespace posprop
