// Which groups and positions a golden-vectors file holds (golden_plan.hpp): the requested
// positions, and the extra cases of the classes --cases selects -- large positions, L-1 / L /
// L+1 around every *max_position* parameter, partial rotary widths 0.5 and 0.25, a
// non-power-of-two dim, and for encoders with a cache length (seq_len) the lengths around L.
#include "golden_plan.hpp"

#include <algorithm>
#include <cmath>

namespace posprop::cli {
namespace {

/// Integer values of every *max_position* parameter (the scaling knees L).
std::vector<double> knees(const EncoderEntry& entry, const Params& p) {
  std::vector<double> out;
  for (const ParamSpec& spec : entry.params) {
    if (spec.key.find("max_position") == std::string::npos) continue;
    out.push_back(static_cast<double>(p.get_int(spec.key, 1, 1LL << 40)));
  }
  return out;
}

bool has_param(const EncoderEntry& entry, const std::string& key) {
  for (const ParamSpec& spec : entry.params)
    if (spec.key == key) return true;
  return false;
}

bool is_power_of_two(int n) {
  return n > 0 && (n & (n - 1)) == 0;
}

/// Adds position p (within max_position; with `axes` > 0 the text position (p, .., p)) with its
/// purpose and flag; a position already planned gains the flag and the purpose.
void add_position(PlannedGroup& g, double p, const std::string& why, const std::string& flag,
                  double max_position, int axes = 0) {
  if (std::fabs(p) > max_position) return;
  const std::vector<double> vec(static_cast<std::size_t>(axes), p);
  for (PlannedPosition& existing : g.positions) {
    if (existing.p != p || existing.axes != vec) continue;
    if (std::find(existing.flags.begin(), existing.flags.end(), flag) == existing.flags.end()) {
      existing.flags.push_back(flag);
      existing.why += "; " + why;
    }
    return;
  }
  g.positions.push_back({p, vec, why, {flag}});
}

/// Vector positions with distinct axes (M-RoPE t, h, w; 2-D x, y): small and large, each with
/// its transpose, so that swapped or collapsed axes show.
void add_vector_positions(PlannedGroup& g, int axes, double max_position) {
  static const std::vector<std::vector<double>> base = {
      {0, 1, 2},      {0, 2, 1},        {5, 3, 7},         {5, 7, 3},        {100, 2, 5},
      {1000, 40, 80}, {8191, 16, 4095}, {65537, 300, 500}, {17, 65537, 1000}};
  for (const std::vector<double>& b : base) {
    std::vector<double> v;
    for (int a = 0; a < axes; ++a) v.push_back(b[static_cast<std::size_t>(a % 3)]);
    if (axes == 2) v = {b[1], b[2]};  // (x, y): the grid of (t, h, w)
    double m = 0;
    std::string text;
    for (double x : v) {
      m = std::fmax(m, std::fabs(x));
      text += (text.empty() ? "" : ", ") + to_decimal(x);
    }
    bool seen = m > max_position;
    for (const PlannedPosition& e : g.positions) seen = seen || e.axes == v;
    if (!seen)
      g.positions.push_back({m, v, "vector position (" + text + ")", {"vector-positions"}});
  }
}

/// Copies a planned position of another group (its purpose and every flag).
void copy_position(PlannedGroup& g, const PlannedPosition& m, double max_position) {
  if (std::fabs(m.p) > max_position) return;
  for (PlannedPosition& existing : g.positions) {
    if (existing.p != m.p || existing.axes != m.axes) continue;
    for (const std::string& f : m.flags)
      if (std::find(existing.flags.begin(), existing.flags.end(), f) == existing.flags.end())
        existing.flags.push_back(f);
    return;
  }
  g.positions.push_back(m);
}

/// The requested positions, plus large positions and L-1, L, L+1 around every knee.
PlannedGroup plan_requested(const EncoderEntry& entry, const GoldenRequest& r,
                            const Params& completed, int axes) {
  PlannedGroup main{"requested", r.params, r.dim, "", {}};
  for (double p : r.positions) {
    if (std::fabs(p) > entry.max_position) {
      throw InputError("option '--positions': position " + to_decimal(p) + " exceeds " +
                       to_decimal(entry.max_position) + ", the largest position of '" + entry.name +
                       "' (the range its error bounds are derived for)");
    }
    add_position(main, p, axes ? "requested (text position)" : "requested", "requested", 1e300,
                 axes);
  }
  if (r.extras.selects_class("large-position")) {
    for (double big : {8191.0, 65537.0, 1000003.0, entry.max_position})
      add_position(main, big, "large position", "large-position", entry.max_position, axes);
  }
  if (axes > 0 && r.extras.selects_class("vector-positions"))
    add_vector_positions(main, axes, entry.max_position);
  if (!r.extras.selects_class("knee")) return main;
  for (double L : knees(entry, completed)) {
    const std::string l = " (L = " + to_decimal(L) + ")";
    add_position(main, L - 1, "knee L-1" + l, "knee", entry.max_position);
    add_position(main, L, "knee L" + l, "knee", entry.max_position);
    add_position(main, L + 1, "knee L+1" + l, "knee", entry.max_position);
  }
  return main;
}

/// Cache lengths around the knee L of an encoder with a seq_len parameter: L (no scaling yet),
/// L + 1 (scaling on) and factor x L (the fixed length some implementations use), each
/// different from the requested seq_len.
std::vector<std::pair<std::string, long long>> cache_lengths(const Params& completed) {
  const long long requested = completed.get_int("seq_len", 0, 1LL << 40);
  const long long L = completed.get_int("original_max_position_embeddings", 1, 1LL << 40);
  const double factor = completed.has("factor") ? completed.get_double("factor") : 1.0;
  std::vector<std::pair<std::string, long long>> out;
  for (const long long s : {L, L + 1, static_cast<long long>(std::llround(factor * L))}) {
    if (s == requested || s > (1LL << 40)) continue;
    bool seen = false;
    for (const auto& e : out) seen = seen || e.second == s;
    if (!seen) out.emplace_back("cache length seq_len = " + std::to_string(s), s);
  }
  return out;
}

}  // namespace

std::vector<PlannedGroup> plan_groups(const EncoderEntry& entry, const GoldenRequest& r, int axes) {
  Params with_dim = r.params;
  with_dim.set("head_dim", std::to_string(r.dim));
  const Params completed = with_dim.completed(entry.name, entry.params);
  entry.make<double>(with_dim);  // invalid parameters are the user's error: exit 2 here
  std::vector<PlannedGroup> plan{plan_requested(entry, r, completed, axes)};
  const PlannedGroup main = plan.front();  // a copy: plan grows below
  // An extra group: a few requested positions, the knees and one large position.
  const auto extra = [&](const std::string& purpose, Params user, int dim, const char* flag) {
    PlannedGroup g{purpose, std::move(user), dim, flag, {}};
    for (std::size_t k = 0; k < main.positions.size() && k < 3; ++k)
      copy_position(g, main.positions[k], entry.max_position);
    int vectors = 0;
    for (const PlannedPosition& m : main.positions) {
      const auto has = [&m](const char* f) {
        return std::find(m.flags.begin(), m.flags.end(), f) != m.flags.end();
      };
      if (has("knee") || (has("vector-positions") && vectors++ < 2))
        copy_position(g, m, entry.max_position);
    }
    if (r.extras.selects_class("large-position"))
      add_position(g, 65537, "large position", "large-position", entry.max_position, axes);
    return g;
  };
  // Per-pair lists (LongRoPE: entry.dims fixed) tie the rotary width: no other width exists.
  if (has_param(entry, "partial_rotary_factor") && entry.dims.empty() &&
      r.extras.selects_class("partial-rotary")) {
    const double requested = completed.get_double("partial_rotary_factor");
    for (const char* f : {"0.5", "0.25"}) {
      if (std::stod(f) == requested) continue;
      Params u = r.params;
      u.set("partial_rotary_factor", f);
      plan.push_back(extra(std::string("partial rotary width ") + f, u, r.dim, "partial-rotary"));
    }
  }
  if (entry.dims.empty() && is_power_of_two(r.dim) && r.dim >= 4 &&
      r.extras.selects_class("non-power-of-two-dim")) {
    const int m = std::max(2, entry.dim_multiple);
    const int d = (r.dim + r.dim / 2 + m - 1) / m * m;
    if (!is_power_of_two(d)) {
      plan.push_back(
          extra("non-power-of-two dim " + std::to_string(d), r.params, d, "non-power-of-two-dim"));
    }
  }
  if (has_param(entry, "seq_len") && r.extras.selects_class("cache-length")) {
    for (const auto& [purpose, s] : cache_lengths(completed)) {
      Params u = r.params;
      u.set("seq_len", std::to_string(s));
      plan.push_back(extra(purpose, u, r.dim, "cache-length"));
    }
  }
  return plan;
}

}  // namespace posprop::cli
