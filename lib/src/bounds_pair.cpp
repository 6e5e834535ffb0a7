#include "posprop/bounds/pair_bounds.hpp"

#include "posprop/bounds/recipes.hpp"

#include <algorithm>
#include <cmath>

namespace posprop::bounds {
namespace {

double gamma2(double u) {
  return 2 * u / (1 - 2 * u);
}

/// eps_m of the header: the relative error of each table entry (cos / sin, the attention
/// factor, its product).
double entry_scale_error(const PairProfile& pp, double u) {
  return (1 + pp.trig_units * u) * (1 + pp.attention_units * u) * (pp.scaled ? 1 + u : 1.0) - 1;
}

/// Forming the outputs: two products and a sum per coordinate (sqrt(2) gamma_2 on the pair),
/// plus one rounding when the output, not the table, is multiplied by c.
double output_error(const PairProfile& pp, double eps_m, double u) {
  return (std::sqrt(2.0) * gamma2(u) + (pp.scaled ? u : 0.0)) * (1 + eps_m);
}

double angle_error(const PairProfile& pp, std::size_t k, double pos, double u) {
  return std::fabs(pos) * pp.frequency[k] * pp.angle_units[k] * u;
}

}  // namespace

double pair_error(const PairProfile& pp, double norm, std::size_t k, double pos, double u) {
  const double eps_m = entry_scale_error(pp, u);
  const double chord = std::min(angle_error(pp, k, pos, u), 2.0);
  return kPairMargin * norm * (chord + eps_m + output_error(pp, eps_m, u));
}

double max_pair_error(const PairProfile& pp, double norm, double pos, double u) {
  double worst = 0;
  for (std::size_t k = 0; k < pp.frequency.size(); ++k)
    worst = std::max(worst, pair_error(pp, norm, k, pos, u));
  return worst;
}

double max_entry_error(const PairProfile& pp, double pos, double u) {
  double worst = 0;
  for (std::size_t k = 0; k < pp.frequency.size(); ++k)
    worst = std::max(worst, std::min(angle_error(pp, k, pos, u), 2.0));
  return kPairMargin * (worst + entry_scale_error(pp, u));
}

double magnitude_error(const PairProfile& pp, double u) {
  const double eps_m = entry_scale_error(pp, u);
  return kPairMargin * (eps_m + output_error(pp, eps_m, u));
}

double same_position_logit_error(const PairProfile& pp, double u) {
  // (C x).(C y) = |(c_hat, s_hat)|^2 x.y exactly for the same block C; the output roundings
  // r_x, r_y (relative o) add the cross terms (pair_bounds.md Lemma 4.6).
  const double eps_m = entry_scale_error(pp, u);
  const double o = output_error(pp, eps_m, u);
  return kPairMargin * ((1 + eps_m) * (1 + eps_m) - 1 + 2 * (1 + eps_m) * o + o * o);
}

double pair_norm(const RotaryStructure& s, const std::vector<double>& x, Index k) {
  const double a = x[static_cast<std::size_t>(s.first(k))];
  const double b = x[static_cast<std::size_t>(s.second(k))];
  return std::hypot(a, b);
}

double vector_error(const PairProfile& pp, const RotaryStructure& s, double norm,
                    const std::vector<double>& x, double pos, double u) {
  double sum = 0;
  for (Index k = 0; k < s.pairs(); ++k) {
    const double e = pair_error(pp, norm, static_cast<std::size_t>(k), pos, u) * pair_norm(s, x, k);
    sum += e * e;
  }
  return kPairMargin * std::sqrt(sum);
}

PairProfile implementation_profile(const RotaryStructure& exact, precision::FormatId format) {
  const RecipeBudget budget = admitted_budget(exact, format);
  const double u = precision::unit_roundoff(precision::format(format));
  PairProfile pp;
  for (std::size_t k = 0; k < budget.angle.size(); ++k) {
    pp.frequency.push_back(exact.frequency.at(k) * (1 + 0x1p-50));
    pp.angle_units.push_back(budget.angle[k] / u * (1 + 0x1p-30));
  }
  pp.trig_units = 4;  // CUDA sinf / cosf: 2 ulps
  pp.attention_units = budget.attention / u * (1 + 0x1p-30);
  pp.scaled = exact.attention != 1;
  return pp;
}

}  // namespace posprop::bounds
