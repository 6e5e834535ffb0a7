// scaling.spec_reference: a scaled RoPE turns pair k at position 1 by the inverse frequency of
// its published formula and scales it by the published attention factor, for random valid
// configurations. The reference below is written from transformers
// src/transformers/modeling_rope_utils.py (_compute_*_parameters) and arXiv 2309.00071 eq. 17-18,
// evaluated at 140 digits, and shares no code with lib/ (bug class 1 of bug-classes.md: a ramp
// over the wrong index, a scale factor ignored, a wrong NTK exponent keep every invariant).
// Proof: proofs/scaled_rope.md, section 5.
#include "support/generated_property.hpp"
#include "support/scaling_cases.hpp"

#include <boost/math/constants/constants.hpp>

namespace posprop {
namespace {

struct Reference {
  std::vector<Ref> inv;
  Ref attention = Ref(1);
};

Ref get_mscale(const Ref& s, const Ref& m) {  // yarn's get_mscale(scale, mscale)
  if (s <= 1) return Ref(1);
  return Ref("0.1") * m * log(s) + 1;
}

Reference reference(const RopeScalingConfig& c) {
  const Index d = c.rotary_dim;
  const Ref base(c.rope_theta.c_str());
  const Ref s = c.factor.empty() ? Ref(1) : Ref(c.factor.c_str());
  const Ref big_l = c.original_max_position_embeddings.empty()
                        ? Ref(1)
                        : Ref(c.original_max_position_embeddings.c_str());
  const Ref pi = boost::math::constants::pi<Ref>();
  // 1 / (base ** (arange(0, dim, 2) / dim))
  const auto inv_for = [&](const Ref& b) {
    std::vector<Ref> v;
    for (Index j = 0; j < d; j += 2) v.push_back(1 / pow(b, Ref(j) / Ref(d)));
    return v;
  };
  Reference r;
  switch (c.type) {
    case RopeScalingType::linear:
      for (const Ref& f : inv_for(base)) r.inv.push_back(f / s);
      break;
    case RopeScalingType::ntk:
      r.inv = inv_for(base * pow(s, Ref(d) / Ref(d - 2)));
      break;
    case RopeScalingType::dynamic_ntk: {
      Ref seq(c.seq_len.c_str());
      if (!(seq > big_l)) seq = big_l;
      r.inv = inv_for(base * pow(s * seq / big_l - (s - 1), Ref(d) / Ref(d - 2)));
      break;
    }
    case RopeScalingType::yarn: {
      const auto find_correction_dim = [&](const Ref& num_rotations) {
        return (Ref(d) * log(big_l / (num_rotations * 2 * pi))) / (2 * log(base));
      };
      Ref low = find_correction_dim(Ref(c.beta_fast.c_str()));
      Ref high = find_correction_dim(Ref(c.beta_slow.c_str()));
      if (c.truncate) {
        low = floor(low);
        high = ceil(high);
      }
      if (low < 0) low = 0;
      if (high > Ref(d - 1)) high = Ref(d - 1);
      if (low == high) high += Ref("0.001");
      const std::vector<Ref> extrapolation = inv_for(base);
      for (Index i = 0; i < d / 2; ++i) {
        Ref ramp = (Ref(i) - low) / (high - low);
        if (ramp < 0) ramp = 0;
        if (ramp > 1) ramp = 1;
        const Ref extrapolation_factor = 1 - ramp;
        const Ref& e = extrapolation[static_cast<std::size_t>(i)];
        r.inv.push_back(e / s * (1 - extrapolation_factor) + e * extrapolation_factor);
      }
      const Ref m(c.mscale.c_str()), m_all(c.mscale_all_dim.c_str());
      if (c.has_attention_factor) {
        r.attention = Ref(c.attention_factor.c_str());
      } else if (m != 0 && m_all != 0) {
        r.attention = get_mscale(s, m) / get_mscale(s, m_all);
      } else {
        r.attention = get_mscale(s, Ref(1));
      }
      break;
    }
    case RopeScalingType::yarn_paper: {
      // h(theta) = (1 - gamma(r)) theta / s + gamma(r) theta, r = L / lambda = L theta / (2 pi),
      // gamma = 0 below alpha = beta_slow, 1 above beta = beta_fast, linear in between.
      const Ref alpha(c.beta_slow.c_str()), beta(c.beta_fast.c_str());
      for (const Ref& theta : inv_for(base)) {
        const Ref ratio = big_l / (2 * pi / theta);
        const Ref gamma = ratio < alpha  ? Ref(0)
                          : ratio > beta ? Ref(1)
                                         : (ratio - alpha) / (beta - alpha);
        r.inv.push_back((1 - gamma) * theta / s + gamma * theta);
      }
      r.attention =
          c.has_attention_factor ? Ref(c.attention_factor.c_str()) : get_mscale(s, Ref(1));
      break;
    }
    case RopeScalingType::llama3: {
      const Ref lf(c.low_freq_factor.c_str()), hf(c.high_freq_factor.c_str());
      const Ref low_freq_wavelen = big_l / lf, high_freq_wavelen = big_l / hf;
      for (const Ref& f : inv_for(base)) {
        const Ref wavelen = 2 * pi / f;
        const Ref scaled = wavelen > low_freq_wavelen ? Ref(f / s) : f;
        const Ref smooth = (big_l / wavelen - lf) / (hf - lf);
        const bool medium = !(wavelen < high_freq_wavelen) && !(wavelen > low_freq_wavelen);
        r.inv.push_back(medium ? Ref((1 - smooth) * scaled / s + smooth * scaled) : scaled);
      }
      break;
    }
    case RopeScalingType::longrope: {
      const Ref seq(c.seq_len.c_str());
      const auto& ext = (seq != 0 && seq > big_l) ? c.long_factor : c.short_factor;
      for (Index j = 0; j < d; j += 2) {
        const Ref e(ext[static_cast<std::size_t>(j / 2)].c_str());
        r.inv.push_back(1 / (e * pow(base, Ref(j) / Ref(d))));
      }
      if (c.has_attention_factor) {
        r.attention = Ref(c.attention_factor.c_str());
      } else {
        r.attention = s <= 1 ? Ref(1) : Ref(sqrt(1 + log(s) / log(big_l)));
      }
      break;
    }
  }
  return r;
}

struct ScalingSpecReference : ScalingConfigInputs {
  static PropertyInfo info() {
    return {"scaling.spec_reference", "scaling",
            "For every valid rope_scaling configuration, A(1) turns rotated pair k by the "
            "published inverse frequency inv_k and scales it by the published attention factor.",
            "proofs/scaled_rope.md"};
  }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Params p = scaling_params(entry, c.dim, c.config);
    const Reference ref = reference(rope_scaling_config(scaling_type(entry), p));
    const auto enc = entry.make<T>(p);
    const PairReadout<T> got = read_pairs(*enc);
    const double u = unit_roundoff<T>(), ee = angle_readout_error(enc->error_profile(), u);
    const double att = static_cast<double>(ref.attention);
    Measurement out;
    if (got.angle.size() != ref.inv.size()) return {1.0, 0.0};  // wrong rotary width
    for (std::size_t k = 0; k < ref.inv.size(); ++k) {
      // Lemma 5.2: |angle - inv| <= 4 entry_error(1); the reference rounded to T: u inv.
      const double inv = static_cast<double>(ref.inv[k]);
      out = worst(
          out, {magnitude(T(got.angle[k] - narrow<T>(ref.inv[k]))), (ee + u * inv) * (1 + 4 * u)});
      // Lemma 5.3: |magnitude - c| <= 32 u c.
      out = worst(out, {magnitude(T(got.magnitude[k] - narrow<T>(ref.attention))), 32 * u * att});
    }
    return out;
  }
};

POSPROP_PROPERTY(ScalingSpecReference);

}  // namespace
}  // namespace posprop
