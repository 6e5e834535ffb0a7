// spec.multiaxis_reference: apply(x, p) at VECTOR positions equals the published formula written
// out independently from the raw parameters (not from lib/):
//   M-RoPE (transformers modeling_qwen2_vl.py): inv_freq = 1 / theta^(arange(0, d, 2) / d);
//     emb = cat(freqs, freqs) per axis; the last dimension is split by mrope_section * 2 and
//     chunk c takes axis c % 3; y = x cos + rotate_half(x) sin, rotate_half(x) = (-x2, x1);
//   rope-vit (models/vit_rope.py): mag = 1 / theta^(arange(0, d, 4)[:d/4] / d);
//     axial: angles (t_x mag | t_y mag); mixed: f_x = (mag cos phi | mag cos(pi/2 + phi)),
//     f_y = (mag sin phi | mag sin(pi/2 + phi)), angle = t_x f_x + t_y f_y; complex (interleaved)
//     pairs x_{2k} + i x_{2k+1} multiplied by e^{i angle_k}.
// Catches frequency tables that every invariant accepts (bug class 1: index reset per section,
// frequencies over head_dim instead of head_dim / 2). Proof: proofs/multiaxis.md (section 5.3).
#include "support/generated_property.hpp"
#include "support/multiaxis_cases.hpp"

#include "posprop/encoders/axis_rope.hpp"

namespace posprop {
namespace {

template <class T>
T inverse_power(double theta, double num, double den) {  // 1 / theta^(num / den)
  using std::exp;
  using std::log;
  return exp(-(T(num) / T(den)) * log(T(theta)));
}

template <class T>
Vec<T> mrope_reference(const Vec<T>& x, const std::vector<double>& pos, double theta,
                       const std::vector<long long>& section) {
  using std::cos;
  using std::sin;
  const Index d = x.size();
  std::vector<int> chunk_axis;  // mrope_section * 2, chunk c takes axis c % 3
  for (int rep = 0; rep < 2; ++rep)
    for (std::size_t s = 0; s < section.size(); ++s)
      for (long long k = 0; k < section[s]; ++k)
        chunk_axis.push_back(static_cast<int>((rep * section.size() + s) % section.size()));
  Vec<T> cosv(d), sinv(d);
  for (Index c = 0; c < d; ++c) {
    const Index k = c % (d / 2);  // emb = cat(freqs, freqs)
    const T angle = T(pos[static_cast<std::size_t>(chunk_axis[static_cast<std::size_t>(c)])]) *
                    inverse_power<T>(theta, 2.0 * k, d);
    cosv(c) = cos(angle);
    sinv(c) = sin(angle);
  }
  Vec<T> half(d);  // rotate_half
  for (Index c = 0; c < d / 2; ++c) {
    half(c) = -x(c + d / 2);
    half(c + d / 2) = x(c);
  }
  return x.cwiseProduct(cosv) + half.cwiseProduct(sinv);
}

template <class T>
Vec<T> rope_vit_reference(const Vec<T>& x, const std::vector<double>& pos, double theta, bool mixed,
                          double phi) {
  using std::acos;
  using std::cos;
  using std::sin;
  const Index d = x.size(), q = d / 4;
  const T half_pi = acos(T(-1)) / T(2);
  Vec<T> y(d);
  for (Index k = 0; k < d / 2; ++k) {
    const T mag = inverse_power<T>(theta, 4.0 * (k % q), d);
    T angle;
    if (!mixed) {
      angle = T(pos[k < q ? 0 : 1]) * mag;
    } else {
      const T a = k < q ? T(phi) : half_pi + T(phi);
      angle = T(pos[0]) * (mag * cos(a)) + T(pos[1]) * (mag * sin(a));
    }
    const T c = cos(angle), s = sin(angle);
    y(2 * k) = x(2 * k) * c - x(2 * k + 1) * s;
    y(2 * k + 1) = x(2 * k) * s + x(2 * k + 1) * c;
  }
  return y;
}

struct SpecMultiaxisReference {
  static PropertyInfo info() {
    return {"spec.multiaxis_reference", "spec",
            "apply(x, p) at vector positions equals the published formula (Qwen2-VL M-RoPE, "
            "rope-vit axial / mixed) evaluated independently from the raw parameters.",
            "proofs/multiaxis.md"};
  }
  static bool applies_to(const EncoderEntry& e) {
    return e.formula == Formula::mrope || e.formula == Formula::rope_2d_axial ||
           e.formula == Formula::rope_2d_mixed;
  }
  using Input = AxisCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return axis_case(e, true); }
  static std::vector<Input> boundary(const EncoderEntry& e) { return axis_boundaries(e, true); }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const MultiAxisEncoder<T>& enc = axis_instance<T>(entry, c.dim);
    const Params p =
        Params{{"head_dim", std::to_string(c.dim)}}.completed(entry.name, entry.params);
    const double theta = p.get_double("rope_theta"), u = unit_roundoff<T>(), d = c.dim;
    const Vec<T> x = gen::to_vector<T>(c.x);
    Vec<T> ref;
    if (entry.formula == Formula::mrope) {
      std::vector<long long> section;
      if (p.get_string("mrope_section") == "auto") {
        section = {c.dim / 8, 3 * c.dim / 16, 3 * c.dim / 16};
      } else {
        for (double s : p.get_double_list("mrope_section")) section.push_back(std::llround(s));
      }
      ref = mrope_reference<T>(x, c.i, theta, section);
    } else {
      const bool mixed = entry.formula == Formula::rope_2d_mixed;
      ref = rope_vit_reference<T>(x, c.i, theta, mixed,
                                  mixed ? mixed_head_angle(seed_of_params(p)) : 0.0);
    }
    // proofs/multiaxis.md section 5.3: the reference's frequencies carry 16 more units of u
    // (exp(-e ln theta): 4; cos(fl(pi/2) + phi), phi < 2 pi: 11.5, rounded up); both sides
    // approximate the same exact map.
    ErrorProfile prof = enc.axis_error_profile();
    prof.frequency_error_units += 16;
    return {to_double((enc.apply_query(x, c.i) - ref).norm()),
            2 * (1 + tol::gamma(d, u)) * axis_apply_error(prof, d, c.i, u) *
                gen::to_vector<double>(c.x).norm()};
  }

  static std::uint64_t seed_of_params(const Params& p) {
    return static_cast<std::uint64_t>(p.get_int("seed", 0, (1LL << 53)));
  }
};

POSPROP_PROPERTY(SpecMultiaxisReference);

}  // namespace
}  // namespace posprop
