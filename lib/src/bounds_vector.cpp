#include "posprop/bounds/vector_tolerance.hpp"

#include "posprop/bounds/pair_bounds.hpp"

#include <cmath>

namespace posprop::bounds {
namespace {

double gamma(double n, double u) {
  return n * u / (1 - n * u);
}

/// Per pair: the implementation's error and the reference's (both against the exact map), the
/// reference printed with relative error `reference`, the outputs with `outputs`
/// (proofs/golden_vectors.md section 2).
struct PairErrors {
  std::vector<double> user, ref;  // alpha_k(p) and beta_k(p), per unit ||x_k||
};

PairErrors pair_errors(const PairProfile& model, double u, const PairProfile& reference,
                       double u_ref, double c, Index pairs, double p) {
  PairErrors e;
  for (Index k = 0; k < pairs; ++k) {
    const auto kk = static_cast<std::size_t>(k);
    e.user.push_back(pair_error(model, c, kk, p, u));
    e.ref.push_back(pair_error(reference, c, kk, p, u_ref));
  }
  return e;
}

struct VectorSide {
  double norm2 = 0;
  std::vector<double> pairs;
};

VectorSide vector_side(const RotaryStructure& s, const std::vector<double>& x, const PairErrors& e,
                       double c, const Printing& pr) {
  VectorSide out;
  double sum = 0;
  for (Index k = 0; k < s.pairs(); ++k) {
    const auto kk = static_cast<std::size_t>(k);
    const double t =
        (e.user[kk] + e.ref[kk] + pr.reference * (c + e.ref[kk]) + pr.outputs * (c + e.user[kk])) *
        pair_norm(s, x, k);
    out.pairs.push_back(kPairMargin * t);
    sum += t * t;
  }
  for (std::size_t i = static_cast<std::size_t>(s.rotary_dim); i < x.size(); ++i) {
    const double t = (pr.outputs + pr.reference) * std::fabs(x[i]);
    sum += t * t;
  }
  out.norm2 = kPairMargin * std::sqrt(sum);
  return out;
}

double norm(const std::vector<double>& x) {
  double s = 0;
  for (double v : x) s += v * v;
  return std::sqrt(s) * (1 + 0x1p-50);
}

}  // namespace

VectorTolerance vector_tolerance(const RotaryStructure& exact, const PairProfile& model, double u,
                                 const PairProfile& reference, double u_reference,
                                 const VectorCase& vc, const Printing& pr) {
  const double c = exact.attention * (1 + 0x1p-50);
  const Index pairs = exact.pairs();
  const PairErrors at_p = pair_errors(model, u, reference, u_reference, c, pairs, vc.position);
  const PairErrors at_0 = pair_errors(model, u, reference, u_reference, c, pairs, vc.key_position);
  VectorTolerance t;
  const VectorSide q = vector_side(exact, *vc.q, at_p, c, pr);
  const VectorSide k = vector_side(exact, *vc.k, at_p, c, pr);
  t.q = q.norm2;
  t.k = k.norm2;
  t.q_pairs = q.pairs;
  t.k_pairs = k.pairs;
  t.pass_through = kPairMargin * (pr.outputs + pr.reference);
  // Scores (pair_bounds.md Lemma 4.5) for the implementation's vectors (errors a, printing
  // included) and for the reference's (errors b, then the printed score), plus verify's and the
  // reference's dot products at the reference precision.
  const double o = pr.outputs;
  double user = 0, ref = 0, worst = 0;
  for (Index i = 0; i < pairs; ++i) {
    const auto kk = static_cast<std::size_t>(i);
    const double nq = pair_norm(exact, *vc.q, i), nk = pair_norm(exact, *vc.k, i);
    const double aq = at_p.user[kk] + o * (c + at_p.user[kk]);
    const double ak = at_0.user[kk] + o * (c + at_0.user[kk]);
    const double bq = at_p.ref[kk], bk = at_0.ref[kk];
    user += nq * nk * (aq * c + c * ak + aq * ak);
    ref += nq * nk * (bq * c + c * bk + bq * bk);
    worst = std::max({worst, aq, ak, bq, bk});
  }
  double pass = 0;
  for (std::size_t i = static_cast<std::size_t>(exact.rotary_dim); i < vc.q->size(); ++i)
    pass += std::fabs((*vc.q)[i] * (*vc.k)[i]);
  const double nq = norm(*vc.q), nk = norm(*vc.k);
  const double d = static_cast<double>(vc.q->size());
  const double dots = 2 * gamma(d, u_reference) * (c + worst) * (c + worst) * nq * nk;
  const double printed = pr.reference * (c + worst) * (c + worst) * nq * nk;
  t.score = kPairMargin * (user + ref + pass * (2 * o + o * o) + dots + printed);
  t.magnitude = kPairMargin * (magnitude_error(model, u) * (1 + o) + o + pr.reference + 0x1p-300);
  return t;
}

}  // namespace posprop::bounds
