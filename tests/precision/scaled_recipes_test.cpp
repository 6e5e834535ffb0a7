// The admitted-recipe budgets of proofs/pair_bounds.md section 3 against an INDEPENDENT
// emulation of transformers' fp32 recipes for every scaled RoPE family (written here from
// modeling_rope_utils.py, not from lib/src/bounds_recipes.cpp): basic operations rounded to
// nearest in fp32, every pow / log / sqrt result pushed one fp32 ulp up or down at random
// (within the 2 ulps the model admits), Python scalars in double. Each computed angle fl(p w_k)
// must lie within p w_k A_k of the exact p w_k (M1), and the attention factor within c C (M3),
// at positions up to 2^24, for the registry's configurations and variants of them.
#include "posprop/bounds/recipes.hpp"
#include "posprop/precision/format.hpp"
#include "posprop/registry.hpp"
#include "posprop/rope_scaling.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <random>

using namespace posprop;
using precision::FormatId;

namespace {

double f32(double x) {
  return static_cast<double>(static_cast<float>(x));
}

/// An fp32 elementary function within 2 ulps: the correctly rounded value moved by one ulp
/// (or not) at random.
struct Libm {
  std::mt19937_64 rng;
  double operator()(double exact) {
    const float r = static_cast<float>(exact);
    switch (rng() % 3) {
      case 0:
        return static_cast<double>(std::nextafter(r, 1e30f));
      case 1:
        return static_cast<double>(std::nextafter(r, -1e30f));
      default:
        return static_cast<double>(r);
    }
  }
};

double num(const std::string& s) {
  return std::stod(s);
}

/// transformers _compute_yarn_parameters' find_correction_dim, in Python doubles.
double correction_dim(double rot, double d, double base, double big_l) {
  return (d * std::log(big_l / (rot * 2 * M_PI))) / (2 * std::log(base));
}

/// inv_freq of the recipe, in fp32 (values held in doubles).
std::vector<double> hf_inv_freq(const RopeScalingConfig& c, Libm& libm) {
  const double d = static_cast<double>(c.rotary_dim);
  const int half = static_cast<int>(c.rotary_dim / 2);
  double base = num(c.rope_theta);
  const double factor = c.factor.empty() ? 1 : num(c.factor);
  if (c.type == RopeScalingType::ntk) base = base * std::pow(factor, d / (d - 2));
  if (c.type == RopeScalingType::dynamic_ntk) {
    const double big_l = num(c.original_max_position_embeddings);
    const double seq = std::max(num(c.seq_len), big_l);
    base = base * std::pow((factor * seq / big_l) - (factor - 1), d / (d - 2));
  }
  std::vector<double> pos_freqs, inv;
  for (int k = 0; k < half; ++k) {
    const double e = f32(2.0 * k / d);  // arange(0, dim, 2).float() / dim
    pos_freqs.push_back(k == 0 ? 1.0 : libm(std::pow(f32(base), e)));
    inv.push_back(f32(1.0 / pos_freqs.back()));
  }
  switch (c.type) {
    case RopeScalingType::linear:
      for (double& w : inv) w = f32(w / f32(factor));
      break;
    case RopeScalingType::yarn: {
      const double big_l = num(c.original_max_position_embeddings);
      double low = correction_dim(num(c.beta_fast), d, num(c.rope_theta), big_l);
      double high = correction_dim(num(c.beta_slow), d, num(c.rope_theta), big_l);
      if (c.truncate) low = std::floor(low), high = std::ceil(high);
      low = std::max(low, 0.0), high = std::min(high, d - 1);
      if (low == high) high += 0.001;
      for (int k = 0; k < half; ++k) {
        const double interp = f32(1.0 / f32(f32(factor) * pos_freqs[static_cast<std::size_t>(k)]));
        const double ramp =
            std::clamp(f32(f32(static_cast<double>(k) - f32(low)) / f32(high - low)), 0.0, 1.0);
        const double ext = f32(1.0 - ramp);
        const std::size_t kk = static_cast<std::size_t>(k);
        inv[kk] = f32(f32(interp * f32(1.0 - ext)) + f32(inv[kk] * ext));
      }
      break;
    }
    case RopeScalingType::llama3: {
      const double big_l = num(c.original_max_position_embeddings);
      const double lf = num(c.low_freq_factor), hf = num(c.high_freq_factor);
      const double low_wl = big_l / lf, high_wl = big_l / hf;
      for (double& w : inv) {
        const double wavelen = f32(f32(2 * M_PI) / w);
        const double llama = wavelen > f32(low_wl) ? f32(w / f32(factor)) : w;
        const double smooth = f32(f32(f32(big_l) / wavelen - f32(lf)) / f32(hf - lf));
        const double smoothed =
            f32(f32(f32(f32(1 - smooth) * llama) / f32(factor)) + f32(smooth * llama));
        const bool medium = !(wavelen < f32(high_wl)) && !(wavelen > f32(low_wl));
        w = medium ? smoothed : llama;
      }
      break;
    }
    case RopeScalingType::longrope: {
      const bool long_ = num(c.seq_len) > num(c.original_max_position_embeddings);
      const auto& ext = long_ ? c.long_factor : c.short_factor;
      for (int k = 0; k < half; ++k) {
        const std::size_t kk = static_cast<std::size_t>(k);
        inv[kk] = f32(1.0 / f32(f32(num(ext[kk])) * pos_freqs[kk]));
      }
      break;
    }
    case RopeScalingType::yarn_paper: {  // the paper's formula, operations in fp32
      const double big_l = f32(num(c.original_max_position_embeddings));
      const double alpha = f32(num(c.beta_slow)), beta = f32(num(c.beta_fast));
      for (double& w : inv) {
        const double r = f32(f32(big_l * w) / f32(2 * f32(M_PI)));
        const double g = std::clamp(f32(f32(r - alpha) / f32(beta - alpha)), 0.0, 1.0);
        w = f32(f32(f32(f32(1 - g) * w) / f32(factor)) + f32(g * w));
      }
      break;
    }
    case RopeScalingType::ntk:
    case RopeScalingType::dynamic_ntk:
      break;
  }
  return inv;
}

/// The attention factor as transformers computes it (Python doubles), cast to fp32.
double hf_attention(const RopeScalingConfig& c) {
  const double s = c.factor.empty() ? 1 : num(c.factor);
  const auto mscale = [](double scale, double m) {
    return scale <= 1 ? 1.0 : 0.1 * m * std::log(scale) + 1.0;
  };
  if (c.has_attention_factor) return f32(num(c.attention_factor));
  if (c.type == RopeScalingType::yarn) {
    const double m = num(c.mscale), m_all = num(c.mscale_all_dim);
    return f32(m != 0 && m_all != 0 ? mscale(s, m) / mscale(s, m_all) : mscale(s, 1));
  }
  if (c.type == RopeScalingType::yarn_paper) return f32(mscale(s, 1));
  if (c.type == RopeScalingType::longrope && s > 1)
    return f32(std::sqrt(1 + std::log(s) / std::log(num(c.original_max_position_embeddings))));
  return 1;
}

std::vector<Params> variants(const EncoderEntry& e) {
  std::vector<Params> out;
  for (const char* dim : {"64", "128"}) out.push_back({{"head_dim", dim}});
  out.push_back({{"head_dim", "96"}, {"rope_theta", "500000"}});
  out.push_back({{"head_dim", "80"}, {"rope_theta", "1000000"}});
  for (auto& p : out)
    if (!e.dims.empty()) p.set("head_dim", std::to_string(e.dims.front()));
  if (e.name == "rope-longrope")
    out.push_back({{"head_dim", "16"}, {"seq_len", "2048"}});  // the short factors
  return out;
}

}  // namespace

TEST_CASE("scaled recipes: transformers' fp32 angles stay within the admitted budget") {
  int checked = 0;
  for (const EncoderEntry& entry : encoders()) {
    if (!entry.scaling) continue;
    for (const Params& user : variants(entry)) {
      const auto enc = entry.make<Hp100>(user);
      const auto structure = enc->rotary_structure();
      if (!structure || !structure->scaling) continue;  // rope-scaled: c R(p), no rope_scaling
      const RopeScalingConfig& config = *structure->scaling;
      const bounds::RecipeBudget budget = bounds::admitted_budget(*structure, FormatId::fp32);
      double worst = 0;  // max |error| / bound: how much of the budget the emulation used
      for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        Libm libm{std::mt19937_64(seed)};
        const std::vector<double> inv = hf_inv_freq(config, libm);
        for (double p : {1.0, 4097.0, 65537.0, 1000003.0, 16777215.0}) {
          for (std::size_t k = 0; k < inv.size(); ++k) {
            const double exact = p * structure->frequency[k];
            const double angle = f32(p * inv[k]);
            INFO(entry.name << " head_dim " << user.get_string("head_dim") << " pair " << k
                            << " position " << p << " seed " << seed);
            CHECK(std::fabs(angle - exact) <= exact * budget.angle[k] * (1 + 1e-12));
            if (budget.angle[k] > 0)
              worst = std::max(worst, std::fabs(angle - exact) / (exact * budget.angle[k]));
            ++checked;
          }
        }
      }
      std::printf("%-22s head_dim %-4s worst angle error / budget %.3f\n", entry.name.c_str(),
                  user.get_string("head_dim").c_str(), worst);
      const double c = structure->attention;
      INFO(entry.name << " attention factor");
      CHECK(std::fabs(hf_attention(config) - c) <= c * budget.attention * (1 + 1e-12));
    }
  }
  CHECK(checked > 10000);
}
