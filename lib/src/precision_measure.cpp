// The 100-digit side of the precision study (one scalar type in this unit: Hp100).
#include "posprop/precision/measure.hpp"

#include "posprop/encoder.hpp"
#include "posprop/params.hpp"
#include "posprop/scalar.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>

namespace posprop::precision {

StudyEncoder parse_study_encoder(const std::string& name) {
  if (name == "rope") return StudyEncoder::rope;
  if (name == "rope-neox") return StudyEncoder::rope_neox;
  if (name == "sinusoidal") return StudyEncoder::sinusoidal;
  throw InputError("precision study: unknown encoder '" + name +
                   "' (valid: rope, rope-neox, sinusoidal; they share the phase table)");
}

const char* to_string(StudyEncoder e) {
  switch (e) {
    case StudyEncoder::rope:
      return "rope";
    case StudyEncoder::rope_neox:
      return "rope-neox";
    case StudyEncoder::sinusoidal:
      return "sinusoidal";
  }
  return "?";
}

Probe make_probe(StudyEncoder e, int head_dim) {
  check_even_dim(head_dim, "head_dim");
  Probe p;
  double qq = 0, kk = 0;
  for (int m = 0; m < head_dim; ++m) {
    double q = ((37 * m + 11) % 61 - 30) / 32.0, k = ((53 * m + 7) % 59 - 29) / 32.0;
    if (e == StudyEncoder::sinusoidal) q = k = (m % 2 == 0) ? 1.0 : 0.0;  // (1, 0) per pair
    p.q.push_back(q);
    p.k.push_back(k);
    qq += q * q;
    kk += k * k;
  }
  p.norm_product = std::sqrt(qq) * std::sqrt(kk);
  return p;
}

const std::vector<int>& equivariance_offsets() {
  static const std::vector<int> offsets = {1, 2, 3, 4, 5, 6, 7, 8};
  return offsets;
}

struct PrecisionStudy::Reference {
  std::vector<Hp100> w;  // base^(-2k/d) to 100 digits
};

namespace {

/// Coordinates (a, b) of pair k: (k, k + d/2) for rope-neox, (2k, 2k + 1) otherwise (the
/// sinusoidal table interleaves sin and cos the same way).
std::pair<int, int> pair_of(StudyEncoder e, int k, int d) {
  return e == StudyEncoder::rope_neox ? std::make_pair(k, k + d / 2)
                                      : std::make_pair(2 * k, 2 * k + 1);
}

/// S = sum_k (R_i q_k) . (R_j k_k) from the stored tables, exactly (100 digits).
Hp100 score(StudyEncoder e, const Probe& pr, const PhaseRow& ri, const PhaseRow& rj) {
  const int d = static_cast<int>(pr.q.size());
  Hp100 s = 0;
  for (int k = 0; k < d / 2; ++k) {
    const auto [a, b] = pair_of(e, k, d);
    const Hp100 ci = ri.cos[k], si = ri.sin[k], cj = rj.cos[k], sj = rj.sin[k];
    const Hp100 qa = ci * pr.q[a] - si * pr.q[b], qb = si * pr.q[a] + ci * pr.q[b];
    const Hp100 ka = cj * pr.k[a] - sj * pr.k[b], kb = sj * pr.k[a] + cj * pr.k[b];
    s += qa * ka + qb * kb;
  }
  return s;
}

/// Bound on |S_hat(i, j) - S(i, j)| (proofs/precision.md section 5).
double score_bound(StudyEncoder e, const Probe& pr, const PathBounds& qb, const PathBounds& kb,
                   double i, double j) {
  const int d = static_cast<int>(pr.q.size());
  double total = 0;
  for (int k = 0; k < d / 2; ++k) {
    const auto [x, y] = pair_of(e, k, d);
    const double nq = std::hypot(pr.q[x], pr.q[y]), nk = std::hypot(pr.k[x], pr.k[y]);
    const double ei = qb.entry(k, i), ej = kb.entry(k, j);
    total += nq * nk * (ei + ej + ei * ej);
  }
  return total * (1 + 1e-9);
}

}  // namespace

PrecisionStudy::PrecisionStudy(StudyEncoder encoder, const PhaseSetup& setup)
    : encoder_(encoder), setup_(setup), reference_(std::make_unique<Reference>()) {
  setup.validate();
  probe_ = make_probe(encoder, setup.head_dim);
  for (int k = 0; k < setup.head_dim / 2; ++k) {
    reference_->w.push_back(pow(Hp100(setup.base), -Hp100(2 * k) / Hp100(setup.head_dim)));
  }
}

PrecisionStudy::~PrecisionStudy() = default;

double PrecisionStudy::equivariance(const PathModel& query_model, const PathModel& key_model,
                                    double i, double t) const {
  double worst = 0;
  const PhaseRow base_i = query_model.row(i), shifted_i = query_model.row(i + t);
  for (int j : equivariance_offsets()) {
    const PhaseRow key_j = key_model.row(i + j), key_jt = key_model.row(i + j + t);
    // Outside the formats' range (e.g. fp16 positions > 65504): no residual, not a wrong 0.
    if (!base_i.finite() || !shifted_i.finite() || !key_j.finite() || !key_jt.finite())
      return std::nan("");
    const Hp100 s0 = score(encoder_, probe_, base_i, key_j);
    const Hp100 s1 = score(encoder_, probe_, shifted_i, key_jt);
    worst = std::max(worst, static_cast<double>(abs(s1 - s0)));
  }
  return worst / probe_.norm_product;
}

double PrecisionStudy::equivariance_error_bound(const PathBounds& query_bounds,
                                                const PathBounds& key_bounds, double i,
                                                double t) const {
  double worst = 0;
  for (int j : equivariance_offsets()) {
    worst = std::max(worst,
                     score_bound(encoder_, probe_, query_bounds, key_bounds, i, i + j) +
                         score_bound(encoder_, probe_, query_bounds, key_bounds, i + t, i + j + t));
  }
  return worst / probe_.norm_product * (1 + 1e-9);
}

PositionRow PrecisionStudy::measure(const PathSpec& measured, const PathSpec& bounded, double pos,
                                    bool with_equivariance) const {
  check_study_position(pos);
  const PathModel model(measured, setup_);
  const PathBounds bounds(bounded, setup_);
  if (!bounds.valid())
    throw InputError("no bound for path " + bounded.name + ": " + bounds.invalid_reason());
  PositionRow row;
  row.position = pos;
  const double last = pos + equivariance_offsets().back();
  if (!std::isfinite(model.held_position(last)) || !bounds.in_domain(last)) {
    row.in_domain = false;
    return row;
  }
  const PhaseRow r = model.row(pos);
  const Format& out = format(measured.table_storage);
  const int d = setup_.head_dim;
  double bits_sum = 0;
  for (int k = 0; k < d / 2; ++k) {
    const Hp100 theta = Hp100(pos) * reference_->w[k];
    const Hp100 c = cos(theta), s = sin(theta);
    const double angle_error = static_cast<double>(abs(Hp100(r.angle[k]) - theta));
    const double dc = static_cast<double>(Hp100(r.cos[k]) - c);
    const double ds = static_cast<double>(Hp100(r.sin[k]) - s);
    const double entry_error = std::hypot(dc, ds);
    const double ab = bounds.angle(k, pos), eb = bounds.entry(k, pos);
    row.angle_error = std::max(row.angle_error, angle_error);
    row.angle_bound = std::max(row.angle_bound, ab);
    row.angle_ratio =
        std::max(row.angle_ratio, ab > 0 ? angle_error / ab : (angle_error > 0 ? 1e300 : 0));
    row.entry_error = std::max(row.entry_error, entry_error);
    row.entry_bound = std::max(row.entry_bound, eb);
    row.entry_ratio = std::max(row.entry_ratio, entry_error / eb);
    // Output: RoPE rotates q in the table format; the sinusoidal output is the table itself.
    double got[2], exact[2];
    if (encoder_ == StudyEncoder::sinusoidal) {
      got[0] = r.cos[k], got[1] = r.sin[k];
      exact[0] = static_cast<double>(c), exact[1] = static_cast<double>(s);
    } else {
      const auto [a, b] = pair_of(encoder_, k, d);
      const double xa = probe_.q[a], xb = probe_.q[b];
      got[0] = round_to(round_to(xa * r.cos[k], out) - round_to(xb * r.sin[k], out), out);
      got[1] = round_to(round_to(xa * r.sin[k], out) + round_to(xb * r.cos[k], out), out);
      exact[0] = static_cast<double>(c * xa - s * xb);
      exact[1] = static_cast<double>(s * xa + c * xb);
    }
    for (int m = 0; m < 2; ++m) {
      const double bits = bits_of_error(got[m], exact[m], out);
      bits_sum += bits;
      row.bits_max = std::max(row.bits_max, bits);
    }
  }
  row.bits_mean = bits_sum / d;
  if (!with_equivariance) return row;
  // Equivariance at shift t = pos from i = 0: max over j of residual and of residual / bound.
  const PhaseRow r0 = model.row(0);
  for (int j : equivariance_offsets()) {
    const Hp100 s0 = score(encoder_, probe_, r0, model.row(j));
    const Hp100 s1 = score(encoder_, probe_, r, model.row(pos + j));
    const double res = static_cast<double>(abs(s1 - s0)) / probe_.norm_product;
    const double bound = (score_bound(encoder_, probe_, bounds, bounds, 0, j) +
                          score_bound(encoder_, probe_, bounds, bounds, pos, pos + j)) /
                         probe_.norm_product * (1 + 1e-9);
    row.equivariance = std::max(row.equivariance, res);
    row.equivariance_bound = std::max(row.equivariance_bound, bound);
    row.equivariance_ratio = std::max(row.equivariance_ratio, res / bound);
  }
  return row;
}

std::vector<double> study_positions() {
  std::vector<double> p;
  // Powers of two (exact in every format) and round(2^(e + 1/2)) (generic significands).
  for (int e = 0; e <= 26; ++e) p.push_back(std::ldexp(1.0, e));
  for (int e = 0; e < 26; ++e) p.push_back(std::round(std::ldexp(std::sqrt(2.0), e)));
  for (double s : {1e3, 1e5, 1e6}) p.push_back(s);
  std::sort(p.begin(), p.end());
  p.erase(std::unique(p.begin(), p.end()), p.end());
  return p;
}

std::vector<double> random_positions(int n, std::uint64_t seed, double max_pos) {
  std::vector<double> out;
  std::uint64_t state = seed;
  for (int i = 0; i < n; ++i) {
    // splitmix64
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    const double unit = static_cast<double>(z >> 11) * std::ldexp(1.0, -53);
    out.push_back(std::floor(std::exp(unit * std::log(max_pos))));
  }
  return out;
}

bool same_table(const PathModel& model, double a, double b) {
  const PhaseRow ra = model.row(a), rb = model.row(b);
  return ra.cos == rb.cos && ra.sin == rb.sin;
}

namespace {
std::uint64_t table_hash(const PhaseRow& r) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a over the bit patterns
  const auto mix = [&h](double v) {
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    for (int i = 0; i < 8; ++i) h = (h ^ ((bits >> (8 * i)) & 0xFF)) * 1099511628211ULL;
  };
  for (std::size_t k = 0; k < r.cos.size(); ++k) mix(r.cos[k]), mix(r.sin[k]);
  return h;
}
}  // namespace

Collision first_collision(const PathModel& model, double limit) {
  check_study_position(limit);
  if (limit > std::ldexp(1.0, 26)) {
    throw InputError("collision search limit " + to_decimal(limit) + " exceeds 2^26");
  }
  Collision c;
  std::unordered_map<std::uint64_t, double> seen;
  for (double p = 0; p <= limit; ++p) {
    const PhaseRow r = model.row(p);
    const auto [it, inserted] = seen.emplace(table_hash(r), p);
    if (!inserted && same_table(model, it->second, p)) {
      c.found = true;
      c.position = p;
      c.earlier = it->second;
      c.searched_up_to = p;
      return c;
    }
  }
  c.searched_up_to = limit;
  return c;
}

int position_precision(const PathSpec& spec) {
  return std::min(format(spec.position_storage).precision, format(spec.compute).precision);
}

double derived_first_collision(const PathSpec& spec) {
  return std::ldexp(1.0, position_precision(spec)) + 1;  // fp64: rounds to 2^53 (see header)
}

}  // namespace posprop::precision

namespace posprop::precision {

HeadlineFigures headline_figures() {
  const PhaseSetup setup;  // d = 128, base 10000
  const PrecisionStudy study(StudyEncoder::rope, setup);
  HeadlineFigures f;
  const PathModel fp32(find_path("fp32-angles"), setup);
  for (double t : {1e3, 1e5, 1e6})
    f.fp32_equivariance.emplace_back(t, study.equivariance(fp32, 0, t));
  f.bf16_positions = first_collision(PathModel(find_path("bf16-positions"), setup), 4096);
  return f;
}

}  // namespace posprop::precision

namespace posprop::precision {

Ladder precision_ladder(StudyEncoder encoder, const PhaseSetup& setup, double key_base,
                        double shift) {
  PhaseSetup key_setup = setup;
  key_setup.base = key_base;
  key_setup.validate();
  check_study_position(shift);
  const PrecisionStudy study(encoder, setup);
  Ladder ladder;
  ladder.shift = shift;
  ladder.key_base = key_base;
  for (const char* name : {"bf16-angles", "fp16-angles", "fp32-angles", "fp64-angles"}) {
    const PathSpec& spec = find_path(name);
    const PathModel q(spec, setup), k(spec, key_setup);
    const PathBounds qb(spec, setup), kb(spec, key_setup);
    const double u = unit_roundoff(format(spec.compute));
    if (!qb.valid() || !kb.valid()) {  // the rung cannot hold these frequencies: no value
      ladder.matched.push_back({name, u, std::nan(""), std::nan("")});
      ladder.mismatched.push_back({name, u, std::nan(""), std::nan("")});
      continue;
    }
    ladder.matched.push_back({name, u, study.equivariance(q, q, 0, shift),
                              study.equivariance_error_bound(qb, qb, 0, shift)});
    ladder.mismatched.push_back({name, u, study.equivariance(q, k, 0, shift),
                                 study.equivariance_error_bound(qb, kb, 0, shift)});
  }
  return ladder;
}

std::string ladder_verdict(const std::vector<LadderRung>& rungs) {
  if (rungs.empty()) return "inconsistent";
  const LadderRung& top = rungs.back();  // highest precision last; NaN rungs are out of range
  if (std::isnan(top.residual)) return "inconsistent";
  if (top.residual <= top.error_bound) {
    for (const LadderRung& r : rungs)
      if (r.residual > r.error_bound) return "inconsistent";  // a bound is violated (NaN: skipped)
    return "rounding";
  }
  for (const LadderRung& r : rungs)
    if (std::fabs(r.residual - top.residual) > r.error_bound + top.error_bound)  // NaN: skipped
      return "inconsistent";
  return "structure";
}

}  // namespace posprop::precision
