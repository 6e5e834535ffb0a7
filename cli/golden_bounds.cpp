// The tolerances of a group of golden vectors (proofs/golden_vectors.md section 2).
#include "golden.hpp"

#include "posprop/bounds/pair_bounds.hpp"
#include "posprop/bounds/recipes.hpp"
#include "posprop/bounds/vector_tolerance.hpp"
#include "posprop/encoders/scaled_rope.hpp"
#include "support/tolerance.hpp"

#include <cmath>

namespace posprop::cli {

using precision::FormatId;

struct GroupBounds::State {
  int digits = 40;
  double dim = 0;
  ErrorProfile generic;  // posprop's own double profile (encoders without a pair structure)
  std::optional<RotaryStructure> exact;  // at 100 digits
  PairProfile fp32, fp64, reference;     // the models, and posprop's own Hp100 profile
  std::string recipes_fp32, recipes_fp64;
  std::unique_ptr<Encoder<Hp100>> encoder;
};

namespace {

double unit(FormatId f) {
  return precision::unit_roundoff(precision::format(f));
}

/// The relative error of printed decimals: the reference at `digits` digits, the
/// implementation's own outputs at 9 (fp32) or 17 (fp64, round-trip) digits.
bounds::Printing printing(FormatId f, int digits) {
  return {6.0 * std::pow(10.0, -digits), f == FormatId::fp32 ? 5e-9 : 0.0};
}

double norm(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x * x;
  return std::sqrt(s) * (1 + 1e-15);  // upper bound: A5 of proofs/tolerances.md
}

/// The generic 2-norm bound of golden_vectors.md section 2 (maps without a pair profile).
CaseTolerance generic_tolerance(const ErrorProfile& e, double d, double u, double p, double p0,
                                double q_norm, double k_norm, int digits) {
  const double u100 = unit_roundoff<Hp100>();
  const double print = 6.0 * std::pow(10.0, -digits);
  const double out = u > 1e-10 ? 5e-9 : 0.0;
  const double a_p = tol::apply_error(e, d, p, u), a_0 = tol::apply_error(e, d, p0, u);
  const double b_p = tol::apply_error(e, d, p, u100), b_0 = tol::apply_error(e, d, p0, u100);
  const double n_p = tol::map_norm(e, p), n_0 = tol::map_norm(e, p0);
  const double g = tol::gamma(d, u100);
  const double margin = 1.01;  // A5: the bound is evaluated in double
  CaseTolerance t;
  const double vec = a_p + b_p + print * (n_p + b_p) + out * (n_p + a_p);
  t.q = margin * vec * q_norm;
  t.k = margin * vec * k_norm;
  const double user = a_p * n_0 + a_0 * n_p + a_p * a_0 + g * (n_p + a_p) * (n_0 + a_0) +
                      out * ((n_p + a_p) * (n_0 + a_0)) * 2.0;
  const double ref = b_p * n_0 + b_0 * n_p + b_p * b_0 + g * (n_p + b_p) * (n_0 + b_0) +
                     print * (n_p + b_p) * (n_0 + b_0);
  t.score = margin * (user + ref) * q_norm * k_norm;
  return t;
}

ModelSummary summary(const PairProfile& pp, std::string recipes) {
  const std::string prefix = "admitted: ";
  if (recipes.rfind(prefix, 0) == 0) recipes = recipes.substr(prefix.size());
  return {recipes, pp.angle_units, pp.trig_units, pp.attention_units};
}

}  // namespace

GroupBounds::GroupBounds(const EncoderEntry& entry, const Params& params, int digits)
    : s_(std::make_unique<State>()) {
  s_->digits = digits;
  s_->encoder = entry.make<Hp100>(params);
  const Encoder<Hp100>* enc = s_->encoder.get();
  s_->dim = static_cast<double>(enc->dim());
  s_->generic = entry.make<double>(params)->error_profile();
  s_->exact = enc->rotary_structure();
  const std::optional<PairProfile> own = enc->error_profile().pairs;
  if (!s_->exact || !own) {
    s_->exact.reset();
    return;
  }
  s_->fp32 = bounds::implementation_profile(*s_->exact, FormatId::fp32);
  s_->fp64 = bounds::implementation_profile(*s_->exact, FormatId::fp64);
  s_->recipes_fp32 = bounds::admitted_budget(*s_->exact, FormatId::fp32).name;
  s_->recipes_fp64 = bounds::admitted_budget(*s_->exact, FormatId::fp64).name;
  s_->reference = *own;
}

GroupBounds::~GroupBounds() = default;

bool GroupBounds::pair_structured() const {
  return s_->exact.has_value();
}

CaseTolerance GroupBounds::tolerance(FormatId format, double p, double p0,
                                     const std::vector<double>& q,
                                     const std::vector<double>& k) const {
  const double u = unit(format);
  if (!s_->exact) {
    return generic_tolerance(s_->generic, s_->dim, u, p, p0, norm(q), norm(k), s_->digits);
  }
  const PairProfile& model = format == FormatId::fp32 ? s_->fp32 : s_->fp64;
  const bounds::VectorTolerance v =
      bounds::vector_tolerance(*s_->exact, model, u, s_->reference, unit_roundoff<Hp100>(),
                               {&q, &k, p, p0}, printing(format, s_->digits));
  CaseTolerance t;
  t.q = v.q;
  t.k = v.k;
  t.score = v.score;
  t.q_pairs = v.q_pairs;
  t.k_pairs = v.k_pairs;
  t.pass_through = v.pass_through;
  t.magnitude = v.magnitude;
  return t;
}

void GroupBounds::describe(GoldenGroup& group) const {
  if (!s_->exact) return;
  const RotaryStructure& e = *s_->exact;
  for (Index k = 0; k < e.pairs(); ++k) {
    group.pairs.emplace_back(static_cast<int>(e.first(k)), static_cast<int>(e.second(k)));
  }
  group.model_fp32 = summary(s_->fp32, s_->recipes_fp32);
  group.model_fp64 = summary(s_->fp64, s_->recipes_fp64);
  // The exact spec at 100 digits, printed like the reference values.
  if (const auto* rope = dynamic_cast<const Rope<Hp100>*>(s_->encoder.get())) {
    for (const Hp100& w : rope->inv_freq()) group.inv_freq.push_back(to_string(w, s_->digits));
  }
  const auto* scaled = dynamic_cast<const ScaledRope<Hp100>*>(s_->encoder.get());
  group.attention_factor =
      scaled ? to_string(scaled->attention_factor(), s_->digits) : std::string("1");
}

}  // namespace posprop::cli
