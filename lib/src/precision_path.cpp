#include "posprop/precision/path.hpp"

#include "posprop/encoder.hpp"
#include "posprop/params.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace posprop::precision {
namespace {

constexpr double kPhi = 2;  // elementary functions: error below phi * u (proofs/precision.md A2)
constexpr double kMargin = 1 + 1e-9;

/// -log(1 - x) >= |log(1 + delta)| for |delta| <= x: the log-error of one rounding.
double ell(double x) {
  return -std::log1p(-x);
}

const char* const kHfSource =
    "transformers src/transformers/modeling_rope_utils.py _compute_default_rope_parameters; "
    "models/llama/modeling_llama.py LlamaRotaryEmbedding.forward";

}  // namespace

FormatId PathSpec::format() const {
  FormatId lowest = compute;
  for (FormatId f : {inv_freq_storage, position_storage, table_storage})
    if (precision::format(f).precision < precision::format(lowest).precision) lowest = f;
  return lowest;
}

const std::vector<PathSpec>& paths() {
  using F = FormatId;
  using M = InvFreqMethod;
  static const std::vector<PathSpec> list = {
      {"fp64-angles", "the transformers formula evaluated in float64 (top rung of the ladder)",
       kHfSource, F::fp64, M::pow_reciprocal, F::fp64, F::fp64, F::fp64},
      {"fp32-angles", "transformers: inv_freq = 1/base^(2k/d), angle = pos * inv_freq, all fp32",
       kHfSource, F::fp32, M::pow_reciprocal, F::fp32, F::fp32, F::fp32},
      {"ggml-cpu", "llama.cpp CPU: theta_scale = powf(base, -2/d), theta *= theta_scale per pair",
       "llama.cpp ggml/src/ggml-cpu/ops.cpp ggml_rope_cache_init", F::fp32, M::iterated_product,
       F::fp32, F::fp32, F::fp32},
      {"ggml-cuda", "llama.cpp CUDA: theta = pos * powf(theta_scale, k) per pair",
       "llama.cpp ggml/src/ggml-cuda/rope.cu rope_norm", F::fp32, M::pow_per_index, F::fp32,
       F::fp32, F::fp32},
      {"bf16-inv-freq", "fp32 angles from inv_freq stored in bf16 (buffer cast with the model)",
       kHfSource, F::fp32, M::pow_reciprocal, F::bf16, F::fp32, F::fp32},
      {"fp16-inv-freq", "fp32 angles from inv_freq stored in fp16 (buffer cast with the model)",
       kHfSource, F::fp32, M::pow_reciprocal, F::fp16, F::fp32, F::fp32},
      {"bf16-positions", "positions held in bf16 (arange in the model dtype), fp32 angles",
       kHfSource, F::fp32, M::pow_reciprocal, F::fp32, F::bf16, F::fp32},
      {"fp16-positions", "positions held in fp16 (arange in the model dtype), fp32 angles",
       kHfSource, F::fp32, M::pow_reciprocal, F::fp32, F::fp16, F::fp32},
      {"bf16-cos-sin", "fp32 angles, cos/sin cast to bf16 and q, k rotated in bf16", kHfSource,
       F::fp32, M::pow_reciprocal, F::fp32, F::fp32, F::bf16},
      {"fp16-cos-sin", "fp32 angles, cos/sin cast to fp16 and q, k rotated in fp16", kHfSource,
       F::fp32, M::pow_reciprocal, F::fp32, F::fp32, F::fp16},
      {"fp16-angles", "the transformers formula with every operation in fp16 (ladder rung)",
       kHfSource, F::fp16, M::pow_reciprocal, F::fp16, F::fp16, F::fp16},
      {"bf16-angles", "the transformers formula with every operation in bf16 (ladder rung)",
       kHfSource, F::bf16, M::pow_reciprocal, F::bf16, F::bf16, F::bf16},
  };
  return list;
}

const PathSpec& find_path(const std::string& name) {
  std::string valid;
  for (const PathSpec& p : paths()) {
    if (p.name == name) return p;
    valid += (valid.empty() ? "" : ", ") + p.name;
  }
  throw InputError("unknown precision path '" + name + "' (valid: " + valid + ")");
}

void PhaseSetup::validate() const {
  check_even_dim(head_dim, "head_dim");
  if (!std::isfinite(base) || !(base > 1.0)) {
    throw InputError("rope_theta must be a finite number > 1, got " + to_decimal(base));
  }
}

bool PhaseRow::finite() const {
  for (std::size_t k = 0; k < cos.size(); ++k)
    if (!std::isfinite(cos[k]) || !std::isfinite(sin[k]) || !std::isfinite(angle[k])) return false;
  return true;
}

void check_study_position(double pos) {
  if (!std::isfinite(pos) || pos < 0 || pos != std::floor(pos) || pos > std::ldexp(1.0, 53)) {
    throw InputError("position must be an integer in [0, 2^53], got " + to_decimal(pos));
  }
}

PathModel::PathModel(const PathSpec& spec, const PhaseSetup& setup) : spec_(spec), setup_(setup) {
  setup.validate();
  const Format& c = format(spec.compute);
  const auto C = [&c](double v) { return round_to(v, c); };
  const double base = C(setup.base), d = C(setup.head_dim);
  switch (spec.method) {
    case InvFreqMethod::pow_reciprocal:
      for (int k = 0; k < pairs(); ++k) {
        const double e = C(C(2.0 * k) / d);  // arange(0, d, 2).float() / d
        const double w = C(1.0 / C(std::pow(base, e)));
        inv_freq_.push_back(round_to(w, format(spec.inv_freq_storage)));
      }
      break;
    case InvFreqMethod::iterated_product:
    case InvFreqMethod::pow_per_index:
      theta_scale_ = C(std::pow(base, C(-2.0 / d)));  // powf(freq_base, -2.0f/n_dims)
      for (int k = 0; k < pairs(); ++k) inv_freq_.push_back(std::pow(theta_scale_, k));
      break;
  }
}

double PathModel::held_position(double pos) const {
  return round_to(round_to(pos, format(spec_.position_storage)), format(spec_.compute));
}

PhaseRow PathModel::row(double pos) const {
  check_study_position(pos);
  const Format& c = format(spec_.compute);
  const Format& t = format(spec_.table_storage);
  const auto C = [&c](double v) { return round_to(v, c); };
  const double p = held_position(pos);
  PhaseRow r;
  r.angle.resize(pairs());
  double theta = p;  // iterated_product: theta_base = p
  for (int k = 0; k < pairs(); ++k) {
    switch (spec_.method) {
      case InvFreqMethod::pow_reciprocal:
        r.angle[k] = C(p * inv_freq_[k]);
        break;
      case InvFreqMethod::iterated_product:
        r.angle[k] = theta;
        theta = C(theta * theta_scale_);
        break;
      case InvFreqMethod::pow_per_index:
        r.angle[k] = C(p * C(std::pow(theta_scale_, static_cast<double>(k))));
        break;
    }
    // cosf / sinf of the computed angle, then the cast to the table format.
    r.cos.push_back(round_to(C(std::cos(r.angle[k])), t));
    r.sin.push_back(round_to(C(std::sin(r.angle[k])), t));
  }
  return r;
}

PathBounds::PathBounds(const PathSpec& spec, const PhaseSetup& setup) : spec_(spec), setup_(setup) {
  setup.validate();
  // The relative-error model needs every inverse frequency (and base^(2k/d)) inside the normal
  // range of the compute and storage formats (proofs/precision.md, A3).
  const double ln_b = std::log(setup.base);
  const double w_min = std::exp(-(setup.head_dim - 2.0) / setup.head_dim * ln_b);
  const double p_max = std::exp((setup.head_dim - 2.0) / setup.head_dim * ln_b);
  for (FormatId f : {spec.compute, spec.inv_freq_storage}) {
    const Format& fm = format(f);
    if (w_min < std::ldexp(1.0, fm.emin) * (1 + 8 * unit_roundoff(fm)) ||
        p_max > max_finite(fm) / 2) {
      valid_ = false;
      invalid_reason_ =
          std::string("an inverse frequency or base^(2k/d) leaves the normal range of ") + fm.name +
          " (base " + to_decimal(setup.base) + ", head_dim " + std::to_string(setup.head_dim) + ")";
    }
  }
}

bool PathBounds::in_domain(double pos) const {
  const double held =
      round_to(round_to(pos, format(spec_.position_storage)), format(spec_.compute));
  return std::isfinite(held);
}

double PathBounds::log_factor(int k, double pos) const {
  const Format& c = format(spec_.compute);
  const double u = unit_roundoff(c);
  const double ln_b = std::log(setup_.base);
  const double d = setup_.head_dim;
  const double lu = ell(u), lphi = ell(kPhi * u);
  // Rounding of the base itself: b_hat = b(1 + delta) changes b^e by (1 + delta)^e.
  const double base_term = representable(setup_.base, c) ? 0.0 : lu;
  const double d_term = representable(d, c) ? 0.0 : lu;
  double L = 0;
  switch (spec_.method) {
    case InvFreqMethod::pow_reciprocal: {
      // e = fl(fl(2k) / fl(d)): relative error eta; b^e_hat = b^e exp(e eta ln b).
      const double e = 2.0 * k / d;
      const double two_k_term = representable(2.0 * k, c) ? 0.0 : lu;
      const double eta = std::expm1(two_k_term + d_term + lu);
      L = e * ln_b * eta + e * (1 + eta) * base_term + lphi /* pow */ + lu /* 1/x */;
      if (spec_.inv_freq_storage != spec_.compute)
        L += ell(unit_roundoff(format(spec_.inv_freq_storage)));
      L += lu;  // angle = pos * inv_freq
      break;
    }
    case InvFreqMethod::iterated_product:
    case InvFreqMethod::pow_per_index: {
      // theta_scale = fl(pow(b, fl(-2/d))): log-error x_1 eta + (2/d) base_term + lphi, and
      // theta_scale^k multiplies it by k; then k products (CPU) or pow + one product (CUDA).
      const double eta = std::expm1(d_term + lu);
      const double per_step = (2.0 / d) * ln_b * eta + (2.0 / d) * (1 + eta) * base_term + lphi;
      L = k * per_step;
      if (spec_.method == InvFreqMethod::iterated_product) {
        L += k * lu;
      } else {
        L += (k > 0 ? lphi : 0.0) + lu;  // powf(theta_scale, k) (exact 1 at k = 0), pos * that
      }
      break;
    }
  }
  // Position: rounded to its storage format, then to the compute format.
  const Format& ps = format(spec_.position_storage);
  const double held = round_to(pos, ps);
  if (held != pos) L += ell(unit_roundoff(ps));
  if (!representable(held, c)) L += lu;
  return L;
}

double PathBounds::angle(int k, double pos) const {
  if (pos == 0) return 0;  // every path forms angle 0 exactly (0 * w, theta_base = 0)
  const double w = std::exp(-2.0 * k / setup_.head_dim * std::log(setup_.base));
  return kMargin * pos * w * std::expm1(log_factor(k, pos));
}

double PathBounds::entry(int k, double pos) const {
  const Format& c = format(spec_.compute);
  const Format& t = format(spec_.table_storage);
  // Chord of the angle error, then cos/sin rounded in the compute format (phi u, plus half the
  // subnormal spacing per entry), then the cast to the table format.
  const auto sub = [](const Format& f) {
    return std::sqrt(2.0) * std::ldexp(1.0, f.emin - f.precision);
  };
  double eps = std::min(angle(k, pos), 2.0) + kPhi * (unit_roundoff(c) + sub(c));
  if (spec_.table_storage != spec_.compute)
    eps += unit_roundoff(t) * (1 + kPhi * (unit_roundoff(c) + sub(c))) + sub(t);
  return kMargin * eps;
}

}  // namespace posprop::precision
