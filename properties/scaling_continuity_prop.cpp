// scaling.continuity: the frequency schedule is Lipschitz in its configuration, in the parameter
// each family varies: |inv_k(v + delta) - inv_k(v)| <= expm1(K delta) inv_k(v), K the derived
// bound on |d ln inv_k / dv| (proofs/scaled_rope.md, section 3):
//   linear, NTK   v = factor             K = 1 / v
//   dynamic NTK   v = seq_len, delta 1   K = factor / L
//   YaRN          v = beta_fast          K = (s - 1) d / (2 ln b v (h - a(v)))  (untruncated ramp)
//   YaRN paper    v = beta_fast          K = (s - 1) / (v - beta_slow)
//   Llama 3       v = low_freq_factor    K = (s - 1) / (high_freq_factor - v - delta)
//   LongRoPE      v = seq_len, delta 1   K = 0 (the lists do not depend on seq_len off the switch)
// Half of the inputs sit on the family's candidate jump points (integral YaRN correction
// dimension, Llama 3 band edges, YaRN-paper ramp ends, seq_len = L), the rest are random.
// Expected to FAIL where the spec jumps: YaRN with truncate = true (floor / ceil), LongRoPE (the
// short / long switch).
#include "support/generated_property.hpp"
#include "support/scaling_cases.hpp"

#include <cmath>
#include <limits>

namespace posprop {
namespace {

/// The varied key, v, delta and the Lipschitz bound K (all in double, from the exact inputs).
struct Step {
  std::string key, v, v_next;
  double delta = 0, lipschitz = 0;
};

struct ContinuityCase {
  ScalingCase base;
  bool seek = false;  // on a candidate jump point
  int index = 0;      // which one
  double t = 0;       // position of a random point in the family's range
  Step step;          // derived from the above in gen(): shown in counterexamples
};
std::ostream& operator<<(std::ostream& os, const ContinuityCase& c) {
  const auto old = os.precision(17);
  os << "{base=" << c.base << ", seek=" << c.seek << ", index=" << c.index << ", t=" << c.t << ", "
     << c.step.key << ": " << c.step.v << " -> " << c.step.v_next << ", K=" << c.step.lipschitz
     << "}";
  os.precision(old);
  return os;
}

std::string text(double x) {
  return to_decimal(x);
}

Step step(const EncoderEntry& e, const ContinuityCase& c) {
  const Params p = scaling_params(e, c.base.dim, c.base.config);
  const RopeScalingConfig cfg = rope_scaling_config(scaling_type(e), p);
  const double d = static_cast<double>(cfg.rotary_dim), b = std::stod(cfg.rope_theta);
  const double s = cfg.factor.empty() ? 1.0 : std::stod(cfg.factor);
  const double big_l = cfg.original_max_position_embeddings.empty()
                           ? 1.0
                           : std::stod(cfg.original_max_position_embeddings);
  const double two_pi = 2 * M_PI, tiny = 0x1p-20;
  const int n_pairs = static_cast<int>(d / 2);
  Step st;
  switch (cfg.type) {
    case RopeScalingType::linear:
    case RopeScalingType::ntk: {
      const double v = 1 + 63 * c.t;
      st = {"factor", text(v), text(v + v * tiny), v * tiny, 1 / v};
      break;
    }
    case RopeScalingType::dynamic_ntk:
    case RopeScalingType::longrope: {
      const long l = static_cast<long>(big_l);
      const long v = c.seek ? l - 1 + c.index % 3 : static_cast<long>(std::floor(c.t * 4 * big_l));
      st = {"seq_len", std::to_string(v), std::to_string(v + 1), 1.0,
            cfg.type == RopeScalingType::longrope ? 0.0 : s / big_l};
      break;
    }
    case RopeScalingType::yarn: {
      const double beta_slow = std::stod(cfg.beta_slow);
      const auto cd = [&](double r) {
        return d * std::log(big_l / (r * two_pi)) / (2 * std::log(b));
      };
      const double h = std::min(cd(beta_slow), d - 1);
      double v = beta_slow * 1.01 + (128 - beta_slow) * c.t;
      if (c.seek) {  // cd(v) = n: floor(cd) changes between v - delta / 2 and v + delta / 2
        const int n = 1 + c.index % std::max(1, n_pairs);
        const double beta_n = big_l / two_pi * std::pow(b, -2.0 * n / d);
        if (beta_n > beta_slow * 1.01) v = beta_n * (1 - tiny / 2);
      }
      const double gap = h - std::max(cd(v), 0.0);
      const double k = gap > 0.5 ? (s - 1) * d / (2 * std::log(b) * v * gap) * (1 + 1e-9)
                                 : std::numeric_limits<double>::infinity();  // degenerate ramp
      st = {"beta_fast", text(v), text(v + v * tiny), v * tiny, k};
      break;
    }
    case RopeScalingType::yarn_paper: {
      const double alpha = std::stod(cfg.beta_slow);
      double v = alpha * 1.01 + (128 - alpha) * c.t;
      if (c.seek) {  // v = r_n: pair n leaves the top of the ramp
        const int n = c.index % std::max(1, n_pairs);
        const double r_n = big_l * std::pow(b, -2.0 * n / d) / two_pi;
        if (r_n > alpha * 1.01) v = r_n * (1 - tiny / 2);
      }
      st = {"beta_fast", text(v), text(v + v * tiny), v * tiny, (s - 1) / (v - alpha) * (1 + 1e-9)};
      break;
    }
    case RopeScalingType::llama3: {
      const double hf = std::stod(cfg.high_freq_factor);
      double v = 0.9 * hf * (c.t + tiny);
      if (c.seek) {  // v = L / lambda_n: pair n on the low band edge
        const int n = c.index % std::max(1, n_pairs);
        const double edge = big_l * std::pow(b, -2.0 * n / d) / two_pi;
        if (edge < 0.9 * hf && edge > 0) v = edge * (1 - tiny / 2);
      }
      const double delta = v * tiny;
      st = {"low_freq_factor", text(v), text(v + delta), delta,
            (s - 1) / (hf - v - delta) * (1 + 1e-9)};
      break;
    }
  }
  return st;
}

struct ScalingContinuity {
  static PropertyInfo info() {
    return {"scaling.continuity", "scaling",
            "The inverse frequencies are Lipschitz in the configuration parameter the family "
            "varies (factor, seq_len, beta_fast, low_freq_factor), with the derived constant K.",
            "proofs/scaled_rope.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return is_scaling_entry(e); }
  using Input = ContinuityCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) {
    return rc::gen::map(rc::gen::tuple(scaling_case(e), rc::gen::arbitrary<bool>(),
                                       rc::gen::inRange(0, 96), rc::gen::inRange(0, 1 << 20)),
                        [&e](const std::tuple<ScalingCase, bool, int, int>& t) {
                          ContinuityCase c;
                          c.base = std::get<0>(t);
                          c.seek = std::get<1>(t);
                          c.index = std::get<2>(t);
                          c.t = std::ldexp(static_cast<double>(std::get<3>(t)), -20);
                          c.step = step(e, c);
                          return c;
                        });
  }

  /// On the defaults at every boundary dim: every candidate jump point (all pairs up to d = 64,
  /// seven spread over the pairs above); on the other boundary configurations one jump point and
  /// three random points each (t = 0, 1/2, 1 - 2^-20).
  static std::vector<Input> boundary(const EncoderEntry& e) {
    std::vector<Input> out;
    const auto add = [&](const ScalingCase& base, bool seek, int index, double t) {
      ContinuityCase c;
      c.base = base;
      c.seek = seek;
      c.index = index;
      c.t = t;
      c.step = step(e, c);
      out.push_back(c);
    };
    // The switch points are this property's seek points: bases without them.
    const std::vector<ScalingCase> bases = scaling_boundaries(e, false);
    const std::size_t n_dims = boundary::dims(e, 256).size();
    for (std::size_t b = 0; b < bases.size(); ++b) {
      const ScalingCase& base = bases[b];
      if (b < n_dims) {  // the defaults at one boundary dim
        const int pairs = std::max(3, base.dim / 2);
        if (base.dim <= 64) {
          for (int k = 0; k < pairs; ++k) add(base, true, k, 0);
        } else {
          for (int k : {0, 1, 2, pairs / 4, pairs / 2, 3 * pairs / 4, pairs - 1})
            add(base, true, k, 0);
        }
      } else {
        add(base, true, static_cast<int>(b), 0);
        for (double t : {0.0, 0.5, 1 - 0x1p-20}) add(base, false, 0, t);
      }
    }
    return out;
  }
  static void record(Coverage& c, const EncoderEntry& e, const Input& in) {
    posprop::record(c, e, in.base);
    c.param(in.step.key, in.step.v);
    c.param(in.step.key, in.step.v_next);
  }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Step& st = c.step;
    Overrides at_v = c.base.config, at_next = c.base.config;
    at_v.emplace_back(st.key, st.v);
    at_next.emplace_back(st.key, st.v_next);
    const auto enc_v = make_scaled<T>(entry, c.base.dim, at_v);
    const auto enc_next = make_scaled<T>(entry, c.base.dim, at_next);
    const PairReadout<T> a = read_pairs(*enc_v), b = read_pairs(*enc_next);
    const double u = unit_roundoff<T>();
    const double ee = angle_readout_error(enc_v->error_profile(), u) +
                      angle_readout_error(enc_next->error_profile(), u);
    const double growth = std::expm1(st.lipschitz * st.delta);
    Measurement out;
    for (std::size_t k = 0; k < a.angle.size() && k < b.angle.size(); ++k) {
      const double inv = to_double(a.angle[k]);
      out = worst(
          out, {magnitude(T(b.angle[k] - a.angle[k])), (growth * (inv + ee) + ee) * (1 + 4 * u)});
    }
    return out;
  }
};

POSPROP_PROPERTY(ScalingContinuity);

}  // namespace
}  // namespace posprop
