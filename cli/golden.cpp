#include "golden.hpp"
#include "golden_plan.hpp"

#include "posprop/multiaxis.hpp"
#include "posprop/random.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

namespace posprop::cli {
namespace {

constexpr std::size_t kMaxPositions = 100000;
constexpr int kInputBits = 12;  // q, k entries are m / 2^12 with |m| <= 2^14: exact in float

double parse_position(const std::string& item) {
  const double x = is_decimal(item) ? std::strtod(item.c_str(), nullptr) : 0.5;
  if (!std::isfinite(x) || x != std::floor(x) || std::fabs(x) > 9007199254740992.0) {
    throw InputError("option '--positions': '" + item +
                     "' is not an integer position (expected LIST like 0,5,17 or A:B[:STEP])");
  }
  return x;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return out;
    start = at + 1;
  }
}

std::vector<double> random_input(SplitMix64& rng, int n) {
  std::vector<double> v(static_cast<std::size_t>(n));
  for (double& x : v) {
    const auto m = static_cast<long long>(rng.next() % (2 * 16384 + 1)) - 16384;
    x = std::ldexp(static_cast<double>(m), -kInputBits);
  }
  return v;
}

/// Decimal text with `digits` significant digits.
std::string decimal(const Hp100& x, int digits) {
  return to_string(x, digits);
}

Vec<Hp100> hp_vector(const std::vector<double>& v) {
  Vec<Hp100> out(static_cast<Index>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) out(static_cast<Index>(i)) = Hp100(v[i]);
  return out;
}

}  // namespace

std::vector<double> parse_positions(const std::string& text) {
  std::vector<double> out;
  if (text.find(':') != std::string::npos) {
    const std::vector<std::string> parts = split(text, ':');
    if (parts.size() < 2 || parts.size() > 3) {
      throw InputError("option '--positions': range '" + text + "' must be A:B or A:B:STEP");
    }
    const double a = parse_position(parts[0]), b = parse_position(parts[1]);
    const double step = parts.size() == 3 ? parse_position(parts[2]) : 1.0;
    if (step <= 0)
      throw InputError("option '--positions': STEP must be positive in '" + text + "'");
    if (b < a) throw InputError("option '--positions': range '" + text + "' is empty (B < A)");
    if ((b - a) / step >= static_cast<double>(kMaxPositions)) {
      throw InputError("option '--positions': range '" + text + "' has more than " +
                       std::to_string(kMaxPositions) + " positions");
    }
    for (double p = a; p <= b; p += step) out.push_back(p);
  } else {
    for (const std::string& item : split(text, ',')) out.push_back(parse_position(item));
    if (out.size() > kMaxPositions) {
      throw InputError("option '--positions': more than " + std::to_string(kMaxPositions) +
                       " positions");
    }
  }
  return out;
}

namespace {

/// A_q(p) x or A_k(p) x; a vector position through the multi-axis interface.
Vec<Hp100> apply_at(const Encoder<Hp100>& enc, const Vec<Hp100>& x, const PlannedPosition& pp,
                    bool query) {
  if (pp.axes.empty()) return query ? enc.apply_query(x, pp.p) : enc.apply_key(x, pp.p);
  return dynamic_cast<const MultiAxisEncoder<Hp100>&>(enc).apply_query(x, pp.axes);
}

/// The number of position axes of a multi-axis encoder, 0 for scalar positions.
int axes_of(const EncoderEntry& entry, const GoldenRequest& r) {
  Params p = r.params;
  p.set("head_dim", std::to_string(r.dim));
  const auto enc = entry.make<double>(p);
  const auto* multi = dynamic_cast<const MultiAxisEncoder<double>*>(enc.get());
  return multi ? static_cast<int>(multi->axes()) : 0;
}

/// Computes group `g` (inputs, its cases at 100 digits, their tolerances) into `file`; a
/// bug-hunting group the encoder does not accept is skipped.
void add_group(GoldenFile& file, const EncoderEntry& entry, const PlannedGroup& g,
               const GoldenRequest& r) {
  Params user = g.user;
  user.set("head_dim", std::to_string(g.dim));
  std::unique_ptr<Encoder<Hp100>> enc;
  try {
    enc = entry.make<Hp100>(user);
    for (const PlannedPosition& pp : g.positions) enc->check_position(pp.p);
  } catch (const InputError&) {
    if (file.groups.empty()) throw;  // the requested group must work
    return;                          // a bug-hunting variant this encoder does not accept
  }
  GoldenGroup group;
  group.purpose = g.purpose;
  group.params = user.completed(entry.name, entry.params);
  group.dim = g.dim;
  SplitMix64 rng(r.seed * 1000003ULL + file.groups.size());
  group.q = random_input(rng, g.dim);
  group.k = random_input(rng, g.dim);
  const Vec<Hp100> q = hp_vector(group.q), k = hp_vector(group.k);
  const PlannedPosition& key = g.positions.front();
  const double key_position = key.p;
  const Vec<Hp100> k_key = apply_at(*enc, k, key, false);
  const GroupBounds bounds(entry, user, r.digits);
  bounds.describe(group);
  for (const PlannedPosition& pp : g.positions) {
    const double p = pp.p;
    GoldenCase c;
    c.group = static_cast<int>(file.groups.size());
    c.position = p;
    c.axes = pp.axes;
    c.purpose = pp.why;
    c.flags = pp.flags;
    if (!g.flag.empty()) c.flags.push_back(g.flag);
    const Vec<Hp100> qo = apply_at(*enc, q, pp, true), ko = apply_at(*enc, k, pp, false);
    for (Index i = 0; i < qo.size(); ++i) c.q_out.push_back(decimal(qo(i), r.digits));
    for (Index i = 0; i < ko.size(); ++i) c.k_out.push_back(decimal(ko(i), r.digits));
    c.key_position = key_position;
    c.key_axes = key.axes;
    c.score = decimal(qo.dot(k_key), r.digits);
    c.fp64 = bounds.tolerance(precision::FormatId::fp64, p, key_position, group.q, group.k);
    if (std::fabs(p) <= max_exact_integer<float>() &&
        std::fabs(key_position) <= max_exact_integer<float>()) {
      c.fp32 = bounds.tolerance(precision::FormatId::fp32, p, key_position, group.q, group.k);
    }
    file.cases.push_back(std::move(c));
  }
  file.groups.push_back(std::move(group));
}

/// "" when every number of `t` is finite, else the first that is not.
std::string non_finite_field(const CaseTolerance& t) {
  const std::pair<const char*, double> scalars[] = {{"q", t.q},
                                                    {"k", t.k},
                                                    {"score", t.score},
                                                    {"pass_through", t.pass_through},
                                                    {"magnitude", t.magnitude}};
  for (const auto& [name, x] : scalars)
    if (!std::isfinite(x)) return name;
  for (const auto* pairs : {&t.q_pairs, &t.k_pairs})
    for (std::size_t i = 0; i < pairs->size(); ++i)
      if (!std::isfinite((*pairs)[i]))
        return std::string(pairs == &t.q_pairs ? "q_pairs[" : "k_pairs[") + std::to_string(i) + "]";
  return "";
}

/// A vectors file whose tolerances or reference values a double cannot hold would be rejected
/// by its own verify: refuse the parameters instead (nothing is written).
void require_representable(const GoldenFile& file) {
  for (std::size_t i = 0; i < file.cases.size(); ++i) {
    const GoldenCase& c = file.cases[i];
    std::string bad;
    for (const std::string& v : c.q_out)
      bad = bad.empty() && !std::isfinite(std::strtod(v.c_str(), nullptr)) ? "q_out" : bad;
    for (const std::string& v : c.k_out)
      bad = bad.empty() && !std::isfinite(std::strtod(v.c_str(), nullptr)) ? "k_out" : bad;
    if (bad.empty() && !std::isfinite(std::strtod(c.score.c_str(), nullptr))) bad = "score";
    if (bad.empty() && !non_finite_field(c.fp64).empty())
      bad = "fp64 tolerance " + non_finite_field(c.fp64);
    if (bad.empty() && c.fp32 && !non_finite_field(*c.fp32).empty())
      bad = "fp32 tolerance " + non_finite_field(*c.fp32);
    if (bad.empty()) continue;
    const Params& p = file.groups[static_cast<std::size_t>(c.group)].params;
    std::string params;
    for (const auto& [key, value] : p.values())
      params += (params.empty() ? "" : ", ") + key + "=" + value;
    throw InputError("these parameters (" + params + ") make the " + bad + " of case " +
                     std::to_string(i) + " (position " + to_decimal(c.position) +
                     ") too large for a double: refused, no vectors written");
  }
}

}  // namespace

int score_key_case(const GoldenFile& file, int id) {
  const GoldenCase& c = file.cases[static_cast<std::size_t>(id)];
  for (std::size_t k = 0; k < file.cases.size(); ++k) {
    const GoldenCase& o = file.cases[k];
    if (o.group == c.group && o.position == c.key_position && o.axes == c.key_axes)
      return static_cast<int>(k);
  }
  return -1;
}

GoldenFile make_golden(const GoldenRequest& r) {
  const EncoderEntry& entry = find_encoder(r.encoder);
  if (entry.site != Site::qk_transform) {
    throw InputError(std::string("posprop vectors supports qk_transform encoders; '") + entry.name +
                     "' is at site '" + to_string(entry.site) + "'");
  }
  if (r.params.has("head_dim")) {
    throw InputError("give the dimension with --dim, not --set head_dim=...");
  }
  if (r.positions.empty()) throw InputError("option '--positions' is required");
  GoldenFile file;
  file.encoder = entry.name;
  file.seed = r.seed;
  file.digits = r.digits;
  for (const PlannedGroup& g : plan_groups(entry, r, axes_of(entry, r)))
    add_group(file, entry, g, r);
  require_representable(file);
  add_evidence_flags(entry, file);
  file.output_checks = output_checks_of(entry, file);
  return file;
}

std::vector<std::string> output_checks_of(const EncoderEntry& entry, const GoldenFile& file) {
  std::vector<std::string> out;
  if (!file.groups.empty() && !file.groups.front().pairs.empty()) {
    out.push_back("magnitude");
  } else if (entry.expectation("rotation.orthogonal") == Expect::hold) {
    out.push_back("norms");
  }
  if (entry.expectation("score.relative_form") == Expect::hold) out.push_back("relativity");
  return out;
}

}  // namespace posprop::cli
