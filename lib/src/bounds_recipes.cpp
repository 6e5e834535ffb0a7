// The admitted recipes of proofs/pair_bounds.md section 3, transcribed operation by operation
// from their sources and evaluated with running error bounds (bounds/tracked.hpp).
#include "posprop/bounds/recipes.hpp"

#include "posprop/bounds/tracked.hpp"
#include "posprop/params.hpp"
#include "posprop/rope_scaling.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

namespace posprop::bounds {
namespace {

using precision::FormatId;
using Frequencies = std::vector<Tracked>;

const char* const kPi = "3.14159265358979323846264338327950288419716939937510";

/// The arithmetics of one recipe: `f` the implementation's format, `py` Python's double
/// (transformers' scalars: math.log, math.floor, ...; glibc, below one ulp).
struct Setting {
  Arithmetic f, py;
};

Tracked exact(double v, const Arithmetic& a) {
  return Tracked::exact(v, a);
}

/// Relative error bound of fl(p w) for an exact position p (any p: rounding is scale-free),
/// given the computed w: 0 when w is exactly 1 (p * 1 = p), else one more rounding.
double times_position(const Tracked& w) {
  if (w.is_exact() && w.value() == 1) return 0;
  const double u = w.arithmetic().u();
  return w.relative() * (1 + u) + u;
}

/// transformers _compute_default_rope_parameters: 1 / (base ** (arange(0, d, 2).float() / d)).
Frequencies hf_default(const Tracked& base, Index d, const Arithmetic& f) {
  Frequencies out;
  for (Index k = 0; k < d / 2; ++k) {
    const Tracked e = exact(2.0 * k, f) / exact(static_cast<double>(d), f);
    out.push_back(exact(1, f) / pow(base, e));
  }
  return out;
}

/// 0.1 * m * log(s) + 1 for s > 1, else 1 (transformers get_mscale), in arithmetic `a`.
Tracked get_mscale(const Tracked& s, const Tracked& m, const Arithmetic& a) {
  if (!(s.value() > 1)) return exact(1, a);
  return Tracked::input("0.1", a) * m * log(s) + exact(1, a);
}

/// YaRN's correction dimension d ln(L / (r 2 pi)) / (2 ln b) (find_correction_dim).
Tracked correction_dim(Index d, const Tracked& big_l, const Tracked& rot, const Tracked& base,
                       const Arithmetic& a) {
  const Tracked pi = Tracked::input(kPi, a);
  return exact(static_cast<double>(d), a) * log(big_l / (rot * exact(2, a) * pi)) /
         (exact(2, a) * log(base));
}

struct HfFamily {
  Frequencies inv;
  Tracked attention;  // as applied in the format (the Python double converted)
};

HfFamily hf_yarn(const RopeScalingConfig& c, const Setting& s, Decisions& dec) {
  const Arithmetic &f = s.f, &py = s.py;
  const Index d = c.rotary_dim;
  const Tracked base_py = Tracked::input(c.rope_theta, py);
  const Tracked base_f = Tracked::input(c.rope_theta, f);
  const Tracked factor_py = Tracked::input(c.factor, py);
  const Tracked factor_f = Tracked::input(c.factor, f);
  const Tracked big_l = Tracked::input(c.original_max_position_embeddings, py);
  const Tracked cd_fast = correction_dim(d, big_l, Tracked::input(c.beta_fast, py), base_py, py);
  const Tracked cd_slow = correction_dim(d, big_l, Tracked::input(c.beta_slow, py), base_py, py);
  Tracked low = cd_fast, high = cd_slow;
  if (c.truncate) {
    low = exact(dec.floor(cd_fast, "YaRN low = floor(correction_dim(beta_fast))"), py);
    high = exact(dec.ceil(cd_slow, "YaRN high = ceil(correction_dim(beta_slow))"), py);
  }
  if (low.value() < 0) low = exact(0, py);
  if (high.value() > d - 1) high = exact(static_cast<double>(d - 1), py);
  if (low.value() == high.value()) high = high + Tracked::input("0.001", py);
  const Tracked span = (high - low).converted(f);  // (max - min) in Python, then the tensor op
  const Tracked low_f = low.converted(f);
  HfFamily out;
  for (Index k = 0; k < d / 2; ++k) {
    const Tracked e = exact(2.0 * k, f) / exact(static_cast<double>(d), f);
    const Tracked pos_freqs = pow(base_f, e);
    const Tracked extrap = exact(1, f) / pos_freqs;
    const Tracked interp = exact(1, f) / (factor_f * pos_freqs);
    const Tracked ramp = clamp((exact(static_cast<double>(k), f) - low_f) / span, 0, 1);
    const Tracked ext_factor = exact(1, f) - ramp;
    out.inv.push_back(interp * (exact(1, f) - ext_factor) + extrap * ext_factor);
  }
  Tracked att;
  const Tracked m = Tracked::input(c.mscale, py), m_all = Tracked::input(c.mscale_all_dim, py);
  if (c.has_attention_factor) {
    att = Tracked::input(c.attention_factor, py);
  } else if (m.value() != 0 && m_all.value() != 0) {
    att = get_mscale(factor_py, m, py) / get_mscale(factor_py, m_all, py);
  } else {
    att = get_mscale(factor_py, exact(1, py), py);
  }
  out.attention = att.converted(f);
  return out;
}

HfFamily hf_llama3(const RopeScalingConfig& c, const Setting& s, Decisions& dec) {
  const Arithmetic &f = s.f, &py = s.py;
  const Tracked big_l = Tracked::input(c.original_max_position_embeddings, py);
  const Tracked lf = Tracked::input(c.low_freq_factor, py);
  const Tracked hf = Tracked::input(c.high_freq_factor, py);
  const Tracked low_wl = big_l / lf, high_wl = big_l / hf;
  const Tracked two_pi = (exact(2, py) * Tracked::input(kPi, py)).converted(f);
  const Tracked factor_f = Tracked::input(c.factor, f);
  const Tracked span = (hf - lf).converted(f);
  HfFamily out;
  Index k = 0;
  for (const Tracked& inv : hf_default(Tracked::input(c.rope_theta, f), c.rotary_dim, f)) {
    const Tracked wavelen = two_pi / inv;
    const std::string pair = " (pair " + std::to_string(k++) + ")";
    // Comparisons of the fp tensor with Python thresholds: ambiguous within the error of
    // wavelen plus the conversion of the threshold.
    const bool low_band =
        dec.less(low_wl.converted(f), wavelen, "Llama 3 low-frequency band edge" + pair);
    const bool high_band =
        dec.less(wavelen, high_wl.converted(f), "Llama 3 high-frequency band edge" + pair);
    const Tracked llama = low_band ? inv / factor_f : inv;
    if (!low_band && !high_band) {
      const Tracked smooth =
          (big_l.converted(f) / wavelen - lf.converted(f)) / span;  // smooth_factor
      out.inv.push_back((exact(1, f) - smooth) * llama / factor_f + smooth * llama);
    } else {
      out.inv.push_back(llama);
    }
  }
  out.attention = exact(1, f);
  return out;
}

HfFamily hf_longrope(const RopeScalingConfig& c, const Setting& s) {
  const Arithmetic &f = s.f, &py = s.py;
  const Index d = c.rotary_dim;
  const bool use_long = std::stod(c.seq_len) > std::stod(c.original_max_position_embeddings);
  const std::vector<std::string>& ext = use_long ? c.long_factor : c.short_factor;
  const Tracked base = Tracked::input(c.rope_theta, f);
  HfFamily out;
  for (Index k = 0; k < d / 2; ++k) {
    const Tracked shape = exact(2.0 * k, f) / exact(static_cast<double>(d), f);
    const Tracked e = Tracked::input(ext[static_cast<std::size_t>(k)], f);
    out.inv.push_back(exact(1, f) / (e * pow(base, shape)));
  }
  const Tracked factor = Tracked::input(c.factor, py);
  if (c.has_attention_factor) {
    out.attention = Tracked::input(c.attention_factor, py).converted(f);
  } else if (factor.value() > 1) {
    const Tracked big_l = Tracked::input(c.original_max_position_embeddings, py);
    out.attention = sqrt(exact(1, py) + log(factor) / log(big_l)).converted(f);
  } else {
    out.attention = exact(1, f);
  }
  return out;
}

/// The NTK bases in Python doubles (_compute_ntk_parameters, _compute_dynamic_ntk_parameters).
Tracked ntk_base(const RopeScalingConfig& c, const Arithmetic& py) {
  const double d = static_cast<double>(c.rotary_dim);
  const Tracked base = Tracked::input(c.rope_theta, py);
  const Tracked factor = Tracked::input(c.factor, py);
  const Tracked power = exact(d, py) / exact(d - 2, py);
  if (c.type == RopeScalingType::ntk) return base * pow(factor, power);
  const Tracked big_l = Tracked::input(c.original_max_position_embeddings, py);
  const Tracked n = Tracked::input(c.seq_len, py);
  const Tracked seq = n.value() > big_l.value() ? n : big_l;
  return base * pow(factor * seq / big_l - (factor - exact(1, py)), power);
}

/// The paper's NTK-by-parts ramp (posprop's rope-yarn-paper: no public code), its operations
/// in the format as rope_scaling.hpp writes them.
HfFamily paper_yarn(const RopeScalingConfig& c, const Setting& s) {
  const Arithmetic &f = s.f, &py = s.py;
  const Tracked big_l = Tracked::input(c.original_max_position_embeddings, f);
  const Tracked alpha = Tracked::input(c.beta_slow, f), beta = Tracked::input(c.beta_fast, f);
  const Tracked factor = Tracked::input(c.factor, f);
  const Tracked two_pi = exact(2, f) * Tracked::input(kPi, f);
  HfFamily out;
  for (const Tracked& inv : hf_default(Tracked::input(c.rope_theta, f), c.rotary_dim, f)) {
    const Tracked r = big_l * inv / two_pi;
    const Tracked g = clamp((r - alpha) / (beta - alpha), 0, 1);
    out.inv.push_back((exact(1, f) - g) * inv / factor + g * inv);
  }
  out.attention =
      (c.has_attention_factor ? Tracked::input(c.attention_factor, py)
                              : get_mscale(Tracked::input(c.factor, py), exact(1, py), py))
          .converted(f);
  return out;
}

HfFamily hf_family(const RotaryStructure& formula, const Setting& s, Decisions& dec) {
  const Arithmetic& f = s.f;
  if (!formula.scaling) {
    return {hf_default(Tracked::input(formula.rope_theta, f), formula.rotary_dim, f), exact(1, f)};
  }
  const RopeScalingConfig& c = *formula.scaling;
  switch (c.type) {
    case RopeScalingType::linear: {
      HfFamily out{hf_default(Tracked::input(c.rope_theta, f), c.rotary_dim, f), exact(1, f)};
      for (Tracked& w : out.inv) w = w / Tracked::input(c.factor, f);  // inv_freq /= factor
      return out;
    }
    case RopeScalingType::ntk:
    case RopeScalingType::dynamic_ntk:
      return {hf_default(ntk_base(c, s.py).converted(f), c.rotary_dim, f), exact(1, f)};
    case RopeScalingType::yarn:
      return hf_yarn(c, s, dec);
    case RopeScalingType::yarn_paper:
      return paper_yarn(c, s);
    case RopeScalingType::llama3:
      return hf_llama3(c, s, dec);
    case RopeScalingType::longrope:
      return hf_longrope(c, s);
  }
  throw InputError("internal: unknown rope_scaling type");
}

RecipeBudget transformers_budget(const RotaryStructure& formula, FormatId format) {
  // CUDA's powf, sinf, cosf: 2 ulps (phi = 4), which covers CPU libraries (1 ulp).
  const Setting s{{format, 4, 4}, {FormatId::fp64, 2, 2}};
  RecipeBudget out{"transformers", {}, 0, {}};
  Decisions dec;
  const HfFamily fam = hf_family(formula, s, dec);
  for (const Tracked& w : fam.inv) out.angle.push_back(times_position(w));
  out.attention = fam.attention.relative();
  out.ambiguous = dec.ambiguous;
  return out;
}

}  // namespace

// ---- ggml (llama.cpp) recipes: relative errors of angles for an exact position p.

namespace {

/// (1 + a)(1 + b)(1 + u) - 1: the relative error of a rounded product.
double product_rel(double a, double b, double u) {
  return (1 + a) * (1 + b) * (1 + u) - 1;
}

/// ggml's theta_extrap per pair: CPU iterates theta *= theta_scale from theta = p; CUDA forms
/// p * powf(theta_scale, k). theta_scale = powf(freq_base, -2.0f / n_dims) on the CPU (host).
std::vector<double> ggml_extrapolated(const Tracked& base, Index n_dims, bool cuda,
                                      const Arithmetic& host, const Arithmetic& device) {
  const Tracked ts = pow(base, exact(-2, host) / exact(static_cast<double>(n_dims), host));
  const double u = device.u();
  std::vector<double> rel;
  double theta = 0;  // relative error of theta at pair k (theta_0 = p exactly)
  for (Index k = 0; k < n_dims / 2; ++k) {
    if (cuda) {
      const Tracked ts_d = ts.with_arithmetic(device);  // the host value, passed as is
      rel.push_back(times_position(pow(ts_d, exact(static_cast<double>(k), device))));
    } else {
      rel.push_back(theta);
      theta = product_rel(theta, ts.relative(), u);
    }
  }
  return rel;
}

/// Relative error of the angle after ggml's family step, for families llama.cpp implements;
/// std::nullopt for the others (yarn-paper, untruncated YaRN, dynamic NTK's seq_len rule is
/// the caller's base).
std::optional<std::vector<double>> ggml_family(const RotaryStructure& formula,
                                               const std::vector<double>& extrap,
                                               const Arithmetic& f, Decisions& dec) {
  const double u = f.u();
  if (!formula.scaling) return extrap;
  const RopeScalingConfig& c = *formula.scaling;
  std::vector<double> out;
  switch (c.type) {
    case RopeScalingType::ntk:
    case RopeScalingType::dynamic_ntk:
      return extrap;  // the base was changed; no further step
    case RopeScalingType::linear: {
      const double fs = (exact(1, f) / Tracked::input(c.factor, f)).relative();
      for (double r : extrap) out.push_back(product_rel(r, fs, u));
      return out;
    }
    case RopeScalingType::longrope:
    case RopeScalingType::llama3: {
      // freq_factors: per-pair divisors computed at conversion in double and stored as f32:
      // theta = theta_extrap / freq_factor. The divisor's own relative error: its f32 storage
      // (u) plus the double computation (below 16 u_64 for these short formulas).
      const double ff = u + 16 * std::ldexp(1.0, -53);
      for (double r : extrap) out.push_back((1 + r) / (1 - ff) * (1 + u) - 1);
      return out;
    }
    case RopeScalingType::yarn: {
      if (!c.truncate) return std::nullopt;  // ggml always floors / ceils the range
      const Index d = c.rotary_dim;
      const Tracked base = Tracked::input(c.rope_theta, f);
      const Tracked big_l = Tracked::input(c.original_max_position_embeddings, f);
      const double low =
          std::max(0.0, dec.floor(correction_dim(d, big_l, Tracked::input(c.beta_fast, f), base, f),
                                  "ggml YaRN corr_dims[0] = floorf(...) in f32"));
      const double high =
          std::min(static_cast<double>(d - 1),
                   dec.ceil(correction_dim(d, big_l, Tracked::input(c.beta_slow, f), base, f),
                            "ggml YaRN corr_dims[1] = ceilf(...) in f32"));
      const Tracked fs = exact(1, f) / Tracked::input(c.factor, f);
      const Tracked span = exact(std::max(0.001, high - low), f);
      const double ln_base = std::log(std::stod(c.rope_theta));
      for (Index k = 0; k < d / 2; ++k) {
        // theta_extrap / p (value w_k^default) as ggml_extrapolated bounds it.
        const double w = std::exp(-2.0 * static_cast<double>(k) / static_cast<double>(d) * ln_base);
        const Tracked ext = Tracked::bounded(w, w * extrap[static_cast<std::size_t>(k)], f);
        const Tracked interp = fs * ext;  // theta_interp = freq_scale * theta_extrap
        // ramp_mix = rope_yarn_ramp(low, high, i0) * ext_factor (= 1):
        //   1 - min(1, max(0, (i0/2 - low) / max(0.001, high - low))).
        const Tracked y = clamp((exact(static_cast<double>(k), f) - exact(low, f)) / span, 0, 1);
        const Tracked mix = exact(1, f) - y;
        out.push_back((interp * (exact(1, f) - mix) + ext * mix).relative());
      }
      return out;
    }
    case RopeScalingType::yarn_paper:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::vector<RecipeBudget> recipe_budgets(const RotaryStructure& formula, FormatId format) {
  if (format != FormatId::fp32 && format != FormatId::fp64) {
    throw InputError(std::string("no implementation model for ") + precision::format(format).name +
                     " (fp32 and fp64 only)");
  }
  std::vector<RecipeBudget> out{transformers_budget(formula, format)};
  const Arithmetic host{format, 2, 2}, device{format, 4, 4};
  const std::string theta =
      formula.scaling && (formula.scaling->type == RopeScalingType::ntk ||
                          formula.scaling->type == RopeScalingType::dynamic_ntk)
          ? ""
          : formula.rope_theta;
  const Arithmetic py{FormatId::fp64, 2, 2};
  const Tracked base =
      theta.empty() ? ntk_base(*formula.scaling, py).converted(host) : Tracked::input(theta, host);
  for (const bool cuda : {false, true}) {
    const Arithmetic& f = cuda ? device : host;
    Decisions dec;
    const std::vector<double> extrap =
        ggml_extrapolated(base, formula.rotary_dim, cuda, host, device);
    const auto angles = ggml_family(formula, extrap, f, dec);
    if (!angles) continue;
    RecipeBudget b{cuda ? "ggml-cuda" : "ggml-cpu", *angles, 0, dec.ambiguous};
    // ggml forms the magnitude in f32 (mscale, attn_factor): transformers' formula in f32.
    const Setting in_f{f, f};
    Decisions unused;
    b.attention = hf_family(formula, in_f, unused).attention.relative();
    out.push_back(std::move(b));
  }
  return out;
}

RecipeBudget admitted_budget(const RotaryStructure& formula, FormatId format) {
  RecipeBudget out{"admitted", {}, 0, {}};
  std::string rejected;
  for (const RecipeBudget& b : recipe_budgets(formula, format)) {
    if (!b.ambiguous.empty()) {
      rejected += (rejected.empty() ? "" : "; ") + b.name + ": " + b.ambiguous.front();
      continue;
    }
    if (out.angle.empty()) out.angle.assign(b.angle.size(), 0.0);
    for (std::size_t k = 0; k < b.angle.size(); ++k)
      out.angle[k] = std::max(out.angle[k], b.angle[k]);
    out.attention = std::max(out.attention, b.attention);
    out.name += (out.name == "admitted" ? ": " : ", ") + b.name;
  }
  if (out.angle.empty()) {
    throw InputError(
        "no correct-implementation model for this configuration: a decision of every recipe "
        "is within rounding of its threshold (" +
        rejected + "); implementations may legitimately differ");
  }
  return out;
}

}  // namespace posprop::bounds
