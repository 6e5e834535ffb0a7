#include "posprop/precision/looseness.hpp"

#include "posprop/bounds/pair_bounds.hpp"
#include "posprop/encoders/rope.hpp"
#include "posprop/precision/measure.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace posprop::precision {

double LoosenessRow::worst_pair_ratio() const {
  double worst = 0;
  for (std::size_t k = 0; k < pair_error.size(); ++k)
    worst = std::max(worst, pair_error[k] / pair_tolerance[k]);
  return worst;
}

double LoosenessRow::looseness() const {
  return error > 0 ? tolerance / error : std::numeric_limits<double>::infinity();
}

std::vector<double> looseness_positions(int max_exponent) {
  std::vector<double> out{1};
  for (int e = 1; e <= max_exponent; ++e) {
    out.push_back(std::ldexp(1.0, e) - 1);
    // 2^e + 1 needs e + 1 bits: not an fp32 integer beyond 2^24 (then 2^e itself).
    out.push_back(e < 24 ? std::ldexp(1.0, e) + 1 : std::ldexp(1.0, e));
  }
  return out;
}

std::vector<LoosenessRow> looseness(const PathSpec& path, const PhaseSetup& setup,
                                    const std::vector<double>& positions) {
  for (FormatId f : {path.inv_freq_storage, path.position_storage, path.table_storage}) {
    if (f != path.compute) {
      throw InputError("path '" + path.name + "' stores values in " + format(f).name +
                       ": outside the model of a correct implementation (proofs/pair_bounds.md)");
    }
  }
  const Format& fmt = format(path.compute);
  const double u = unit_roundoff(fmt);
  const int d = setup.head_dim;
  const Rope<Hp50> exact(d, setup.base, d, Layout::half_split);
  const RotaryStructure s = *exact.rotary_structure();
  const PairProfile model = bounds::implementation_profile(s, path.compute);
  const std::vector<double> x = make_probe(StudyEncoder::rope_neox, d).q;
  Vec<Hp50> xh(d);
  for (int i = 0; i < d; ++i) xh(i) = Hp50(x[static_cast<std::size_t>(i)]);
  const PathModel emulated(path, setup);
  const auto R = [&fmt](double v) { return round_to(v, fmt); };
  std::vector<LoosenessRow> rows;
  for (double pos : positions) {
    if (!representable(pos, fmt)) {
      throw InputError("position " + to_decimal(pos) + " is not exact in " + fmt.name +
                       ": the model covers exact positions only (proofs/pair_bounds.md)");
    }
    const PhaseRow table = emulated.row(pos);
    const Vec<Hp50> y = exact.apply_query(xh, pos);
    LoosenessRow row;
    row.position = pos;
    double sum = 0;
    for (int k = 0; k < d / 2; ++k) {
      const auto kk = static_cast<std::size_t>(k);
      const int a = k, b = k + d / 2;
      const double xa = x[static_cast<std::size_t>(a)], xb = x[static_cast<std::size_t>(b)];
      const double c = table.cos[kk], sn = table.sin[kk];
      const double ya = R(R(xa * c) - R(xb * sn)), yb = R(R(xa * sn) + R(xb * c));
      const double err =
          std::hypot(static_cast<double>(Hp50(ya) - y(a)), static_cast<double>(Hp50(yb) - y(b)));
      row.pair_error.push_back(err);
      row.pair_tolerance.push_back(bounds::pair_error(model, 1.0, kk, pos, u) *
                                   bounds::pair_norm(s, x, k));
      sum += err * err;
    }
    row.error = std::sqrt(sum);
    row.tolerance = bounds::vector_error(model, s, 1.0, x, pos, u);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace posprop::precision
