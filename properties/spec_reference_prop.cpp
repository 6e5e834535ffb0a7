// spec.reference: the encoder equals its published formula, evaluated independently from the
// raw parameters (bug class 1 of ../shared/reference/bug-classes.md: wrong exponent, wrong base,
// frequencies from head_dim instead of rotary_dim, ... pass every invariant; only this catches
// them). Reference formulas, written from the papers and not from lib/:
//   RoPE (RoFormer eq. 34):  theta_k = exp(-(2k/r) ln b), pairs by layout, coordinates >= r copied;
//   sinusoidal (Vaswani 3.5 / tensor2tensor): see lib/include/posprop/encoders/sinusoidal.hpp.
// Proof: proofs/tolerances.md, section 5.
#include "support/cases.hpp"
#include "support/generated_property.hpp"

namespace posprop {
namespace {

template <class T>
Vec<T> rope_reference(const Vec<T>& x, double pos, double base, Index r, bool half_split) {
  using std::cos;
  using std::exp;
  using std::log;
  using std::sin;
  Vec<T> y = x;
  for (Index k = 0; k < r / 2; ++k) {
    const T theta = T(pos) * exp(-T(2 * k) / T(r) * log(T(base)));
    const Index a = half_split ? k : 2 * k, b = half_split ? k + r / 2 : 2 * k + 1;
    y(a) = x(a) * cos(theta) - x(b) * sin(theta);
    y(b) = x(a) * sin(theta) + x(b) * cos(theta);
  }
  return y;
}

template <class T>
Vec<T> sinusoidal_reference(Index d, double pos, double base, bool concatenated) {
  using std::cos;
  using std::exp;
  using std::log;
  using std::sin;
  Vec<T> p(d);
  for (Index k = 0; k < d / 2; ++k) {
    const T exponent = concatenated ? T(k) / T(std::max<Index>(d / 2 - 1, 1)) : T(2 * k) / T(d);
    const T angle = T(pos) * exp(-exponent * log(T(base)));
    p(concatenated ? k : 2 * k) = sin(angle);
    p(concatenated ? k + d / 2 : 2 * k + 1) = cos(angle);
  }
  return p;
}

struct SpecReference {
  static PropertyInfo info() {
    return {"spec.reference", "spec",
            "The encoder's output equals its published formula evaluated independently from the "
            "raw parameters.",
            "proofs/tolerances.md"};
  }
  static bool applies_to(const EncoderEntry& e) {
    return e.formula == Formula::rope || e.formula == Formula::sinusoidal ||
           e.formula == Formula::sinusoidal_concatenated;
  }
  using Input = MapCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return map_case(e, false, 256); }
  static std::vector<Input> boundary(const EncoderEntry& e) {
    return map_boundaries(e, false, 256);
  }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const Params p =
        Params{{"head_dim", std::to_string(c.dim)}}.completed(entry.name, entry.params);
    const double u = unit_roundoff<T>();
    ErrorProfile prof = enc.error_profile();
    prof.frequency_error_units += 4;  // the reference's exp(-e ln b): ln b, the product, exp
    if (prof.pairs) {
      // Per pair (tolerances.md Lemma 2.1(b), first order with the margin of section 5 of
      // pair_bounds.md): exp(-x_k (1 + eta')) costs (phi + 2) x_k + phi + 1 units, x_k = -ln w_k,
      // phi = 2; the encoder's own units already include the product with p.
      for (std::size_t k = 0; k < prof.pairs->frequency.size(); ++k)
        prof.pairs->angle_units[k] += 4.01 * std::fabs(std::log(prof.pairs->frequency[k])) + 4.0;
    }
    if (entry.formula != Formula::rope) {
      const double base = p.get_double("base");
      const bool concat = entry.formula == Formula::sinusoidal_concatenated;
      const Vec<T> ref = sinusoidal_reference<T>(c.dim, c.a, base, concat);
      return {max_abs_entry(Vec<T>(enc.position_vector(c.a) - ref)),
              2 * tol::entry_error(prof, c.a, u)};
    }
    // Formula::rope: partial_rotary_factor and layout are optional (1, interleaved).
    const double factor =
        p.has("partial_rotary_factor") ? p.get_double("partial_rotary_factor") : 1;
    const bool half_split = p.has("layout") && p.get_string("layout") == "half_split";
    const auto r = static_cast<Index>(std::floor(c.dim * factor));
    const Vec<T> x = gen::to_vector<T>(c.x);
    const Vec<T> ref = rope_reference<T>(x, c.a, p.get_double("rope_theta"), r, half_split);
    return {to_double((enc.apply_query(x, c.a) - ref).norm()),
            2 * tol::apply_error(prof, c.dim, c.a, u) * gen::to_vector<double>(c.x).norm()};
  }
};

POSPROP_PROPERTY(SpecReference);

}  // namespace
}  // namespace posprop
