// Candidate explanations (candidates.hpp). Three kinds:
//  - a parameter changed in every group (the other layout, factor = 1, partial_rotary_factor =
//    1, seq_len fixed or taken from the position): the registry's encoder at 50 digits;
//  - a pair-rotating computation with one quantity rounded to bf16 / fp16 (inverse
//    frequencies, the slowest quarter of them, positions, cos/sin tables), emulated at 50
//    digits from the file's exact inv_freq and attention factor: y_a = c (x_a cos t - x_b sin t),
//    y_b = c (x_a sin t + x_b cos t), t = p w_k (proofs/pair_bounds.md section 1);
//  - the reference outputs transformed (the attention factor applied twice or ignored: the
//    rotated coordinates times c or divided by c; keys rotated by -p).
#include "candidates.hpp"

#include "posprop/multiaxis.hpp"
#include "posprop/precision/format.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

namespace posprop::cli {
namespace {

using precision::FormatId;
using EncoderPtr = std::shared_ptr<const Encoder<Hp50>>;

Vec<Hp50> hp50(const std::vector<double>& v) {
  Vec<Hp50> out(static_cast<Index>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) out(static_cast<Index>(i)) = Hp50(v[i]);
  return out;
}

/// A(p) x at the case's position (a vector position through the multi-axis interface).
Vec<Hp100> apply_at(const Encoder<Hp50>& enc, const std::vector<double>& x, const GoldenCase& c,
                    bool query, const std::vector<double>* axes = nullptr) {
  const Vec<Hp50> v = hp50(x);
  const std::vector<double>& pos = axes ? *axes : c.axes;
  if (!pos.empty()) {
    const auto* multi = dynamic_cast<const MultiAxisEncoder<Hp50>*>(&enc);
    if (!multi) throw InputError("a vector position for an encoder with scalar positions");
    return multi->apply_query(v, pos).cast<Hp100>();
  }
  return (query ? enc.apply_query(v, c.position) : enc.apply_key(v, c.position)).cast<Hp100>();
}

/// What the candidates of one file share: the file, its encoder and built encoders.
struct Shared {
  const EncoderEntry* entry = nullptr;
  const GoldenFile* file = nullptr;
  std::map<std::pair<int, std::string>, EncoderPtr> cache;  // (group, candidate key)
  std::map<std::pair<int, std::string>, std::shared_ptr<GroupBounds>> bounds;

  const GoldenCase& at(int id) const { return file->cases[static_cast<std::size_t>(id)]; }
  const GoldenGroup& group(const GoldenCase& c) const {
    return file->groups[static_cast<std::size_t>(c.group)];
  }
  /// The encoder of `params`, or null when the registry refuses them.
  EncoderPtr make(const Params& params) const {
    try {
      return EncoderPtr(entry->make<Hp50>(params));
    } catch (const InputError&) {
      return nullptr;
    }
  }
  /// The tolerance of `params` at case `c` (GroupBounds of the modified parameters).
  CandidateTolerance tolerance(const std::string& key, const GoldenCase& c, const Params& params,
                               FormatId format, bool per_case) {
    const auto slot = std::make_pair(per_case ? -1 : c.group, key);
    auto it = bounds.find(slot);
    if (it == bounds.end() || per_case) {
      it =
          bounds.insert_or_assign(slot, std::make_shared<GroupBounds>(*entry, params, file->digits))
              .first;
    }
    const GoldenGroup& g = group(c);
    GoldenGroup described;
    it->second->describe(described);
    return {it->second->tolerance(format, c.position, c.key_position, g.q, g.k), described.pairs};
  }
  EncoderPtr cached(int group, const std::string& key, const std::optional<Params>& params) {
    const auto slot = std::make_pair(group, key);
    const auto it = cache.find(slot);
    if (it != cache.end()) return it->second;
    return cache[slot] = params ? make(*params) : nullptr;
  }
};

using Modify = std::function<std::optional<Params>(const Params&, const GoldenCase&)>;

/// A parameter change; `per_case` when it depends on the case (not cached per group).
Candidate param_candidate(const std::shared_ptr<Shared>& s, const std::string& flag,
                          const std::string& key, const std::string& description, Modify modify,
                          bool per_case = false) {
  Candidate c{flag, key, description, {}, {}};
  c.outputs = [s, key, modify, per_case](int id) -> std::optional<CaseOutputs> {
    const GoldenCase& cs = s->at(id);
    const GoldenGroup& g = s->group(cs);
    const EncoderPtr enc = per_case ? s->make(modify(g.params, cs).value_or(Params()))
                                    : s->cached(cs.group, key, modify(g.params, cs));
    if (!enc || (per_case && !modify(g.params, cs))) return std::nullopt;
    try {
      return CaseOutputs{apply_at(*enc, g.q, cs, true), apply_at(*enc, g.k, cs, false), true};
    } catch (const InputError&) {
      return std::nullopt;  // a position this variant refuses
    }
  };
  c.tolerance = [s, key, modify, per_case](int id, FormatId format) {
    const GoldenCase& cs = s->at(id);
    const std::optional<Params> p = modify(s->group(cs).params, cs);
    return s->tolerance(key, cs, p.value_or(s->group(cs).params), format, per_case);
  };
  return c;
}

/// One quantity of a pair-rotating computation rounded to a 16-bit format.
struct PairBug {
  std::optional<FormatId> freq, position, table;
  double freq_from = 0;  // fraction of the pairs before the rounded band (0.75: slowest quarter)
};

double round16(double x, FormatId f) {
  return precision::round_to(x, precision::format(f));
}

Vec<Hp100> emulate_vector(const GoldenGroup& g, const std::vector<double>& x, double p,
                          const PairBug& b) {
  const Hp50 c(g.attention_factor);
  Vec<Hp50> y = hp50(x);
  const auto n = static_cast<double>(g.pairs.size());
  for (std::size_t k = 0; k < g.pairs.size(); ++k) {
    Hp50 w(g.inv_freq[k]);
    if (b.freq && static_cast<double>(k) >= b.freq_from * n)
      w = Hp50(round16(static_cast<double>(w), *b.freq));
    const Hp50 t = Hp50(p) * w;
    Hp50 cs = cos(t), sn = sin(t);
    if (b.table) {
      cs = Hp50(round16(static_cast<double>(cs), *b.table));
      sn = Hp50(round16(static_cast<double>(sn), *b.table));
    }
    const auto [ia, ib] = g.pairs[k];
    const Hp50 xa(x[static_cast<std::size_t>(ia)]), xb(x[static_cast<std::size_t>(ib)]);
    y(ia) = c * (xa * cs - xb * sn);
    y(ib) = c * (xa * sn + xb * cs);
  }
  return y.cast<Hp100>();
}

Candidate pair_candidate(const std::shared_ptr<Shared>& s, const std::string& flag,
                         const std::string& key, const std::string& description, PairBug bug) {
  Candidate c{flag, key, description, {}, {}};
  c.outputs = [s, bug](int id) -> std::optional<CaseOutputs> {
    const GoldenCase& cs = s->at(id);
    const GoldenGroup& g = s->group(cs);
    if (g.pairs.empty() || g.inv_freq.empty() || !cs.axes.empty()) return std::nullopt;
    const double p = bug.position ? round16(cs.position, *bug.position) : cs.position;
    if (!std::isfinite(p)) {
      return CaseOutputs{Vec<Hp100>::Zero(g.dim), Vec<Hp100>::Zero(g.dim), false};
    }
    return CaseOutputs{emulate_vector(g, g.q, p, bug), emulate_vector(g, g.k, p, bug), true};
  };
  return c;
}

/// The reference outputs with the rotated coordinates of every pair times `power` factors c.
Candidate attention_candidate(const std::shared_ptr<Shared>& s, const std::string& key,
                              const std::string& description, int power) {
  Candidate c{"attention-factor", key, description, {}, {}};
  c.outputs = [s, power](int id) -> std::optional<CaseOutputs> {
    const GoldenCase& cs = s->at(id);
    const GoldenGroup& g = s->group(cs);
    if (g.pairs.empty()) return std::nullopt;
    const Hp100 factor = pow(Hp100(g.attention_factor), power);
    CaseOutputs out{from_decimals(cs.q_out), from_decimals(cs.k_out), true};
    for (const auto& [a, b] : g.pairs) {
      for (Vec<Hp100>* v : {&out.q, &out.k}) {
        (*v)(a) *= factor;
        (*v)(b) *= factor;
      }
    }
    return out;
  };
  return c;
}

/// Keys rotated by -p (a conjugated key path); queries as the reference.
Candidate key_path_candidate(const std::shared_ptr<Shared>& s) {
  Candidate c{
      "key-path", "key_position=-p", "keys rotated by -p (the key path conjugated)", {}, {}};
  c.outputs = [s](int id) -> std::optional<CaseOutputs> {
    const GoldenCase& cs = s->at(id);
    if (!cs.axes.empty() || cs.position == 0) return std::nullopt;
    const GoldenGroup& g = s->group(cs);
    const EncoderPtr enc = s->cached(cs.group, "declared", g.params);
    if (!enc) return std::nullopt;
    GoldenCase negated = cs;
    negated.position = -cs.position;
    try {
      return CaseOutputs{from_decimals(cs.q_out), apply_at(*enc, g.k, negated, false), true};
    } catch (const InputError&) {
      return std::nullopt;
    }
  };
  return c;
}

std::string value_of(const Params& p, const std::string& key) {
  return p.has(key) ? p.get_string(key) : std::string();
}

std::vector<Candidate> precision_candidates(const std::shared_ptr<Shared>& s) {
  std::vector<Candidate> out;
  for (const auto& [fmt, name] : {std::pair{FormatId::bf16, "bf16"}, {FormatId::fp16, "fp16"}}) {
    const std::string n = name;
    PairBug freq, pos, table;
    freq.freq = fmt;
    pos.position = fmt;
    table.table = fmt;
    out.push_back(pair_candidate(s, n + "-frequencies", "inv_freq=" + n,
                                 "inverse frequencies held in " + n, freq));
    out.push_back(
        pair_candidate(s, n + "-positions", "position=" + n, "positions held in " + n, pos));
    out.push_back(
        pair_candidate(s, n + "-tables", "tables=" + n, "cos/sin tables stored in " + n, table));
  }
  PairBug band;
  band.freq = FormatId::bf16;
  band.freq_from = 0.75;
  out.push_back(pair_candidate(s, "low-frequency-band", "low_band=bf16",
                               "the slowest quarter of the inverse frequencies held in bf16",
                               band));
  return out;
}

/// seq_len ignored (dynamic NTK, LongRoPE): fixed in every group at each seq_len of the file,
/// at L (no dynamic scaling), at factor x L (vLLM's fixed length, vllm-project/vllm#3488), or
/// taken from the case's position + 1 (the position ids of a one-token batch).
std::vector<Candidate> cache_length_candidates(const std::shared_ptr<Shared>& s) {
  std::vector<std::string> values;
  const auto add = [&values](const std::string& v) {
    for (const std::string& e : values)
      if (e == v) return;
    values.push_back(v);
  };
  const Params& p0 = s->file->groups.front().params;
  for (const GoldenGroup& g : s->file->groups) add(value_of(g.params, "seq_len"));
  const std::string L = value_of(p0, "original_max_position_embeddings");
  if (!L.empty()) add(L);
  if (!L.empty() && p0.has("factor")) {
    add(std::to_string(std::llround(p0.get_double("factor") * std::strtod(L.c_str(), nullptr))));
  }
  std::vector<Candidate> out;
  for (const std::string& v : values) {
    std::string why = "seq_len = " + v + " in every group (seq_len ignored";
    why += v == L ? ": computed at the original context L, no dynamic scaling)" : ")";
    out.push_back(param_candidate(s, "cache-length", "seq_len=" + v, why,
                                  [v](const Params& p, const GoldenCase&) -> std::optional<Params> {
                                    Params q = p;
                                    q.set("seq_len", v);
                                    return q;
                                  }));
  }
  out.push_back(param_candidate(
      s, "cache-length", "seq_len=position+1",
      "seq_len = position + 1 in every case (the cache length taken from the position ids)",
      [](const Params& p, const GoldenCase& c) -> std::optional<Params> {
        if (!c.axes.empty() || c.position < 0) return std::nullopt;
        Params q = p;
        q.set("seq_len", to_decimal(c.position + 1));
        return q;
      },
      true));
  return out;
}

std::vector<Candidate> param_candidates(const std::shared_ptr<Shared>& s) {
  std::vector<Candidate> out;
  if (s->file->groups.empty()) return out;
  const Params& p0 = s->file->groups.front().params;
  const std::string layout = value_of(p0, "layout");
  if (layout == "interleaved" || layout == "half_split") {
    const std::string other = layout == "interleaved" ? "half_split" : "interleaved";
    out.push_back(
        param_candidate(s, "layout", "layout=" + other, "the " + other + " layout, not " + layout,
                        [other](const Params& p, const GoldenCase&) -> std::optional<Params> {
                          Params q = p;
                          q.set("layout", other);
                          return q;
                        }));
  }
  if (p0.has("seq_len"))
    for (Candidate& c : cache_length_candidates(s)) out.push_back(std::move(c));
  for (const char* key : {"factor", "partial_rotary_factor"}) {
    // The first group whose value is not 1 (the partial-rotary groups of a full-rotary file).
    std::string v;
    for (const GoldenGroup& g : s->file->groups) {
      const std::string gv = value_of(g.params, key);
      if (v.empty() && !gv.empty() && std::strtod(gv.c_str(), nullptr) != 1.0) v = gv;
    }
    if (v.empty()) continue;
    const std::string k = key;
    out.push_back(param_candidate(s, k == "factor" ? "scaling-dropped" : "partial-rotary", k + "=1",
                                  k + " = 1 (the configured " + k + " = " + v + " is ignored)",
                                  [k](const Params& p, const GoldenCase&) -> std::optional<Params> {
                                    Params q = p;
                                    q.set(k, "1");
                                    return q;
                                  }));
  }
  return out;
}

/// The declared encoder at the case's vector position rearranged by `move` (axes swapped, every
/// axis = the first): a bug in how positions reach the axes.
Candidate axes_candidate(const std::shared_ptr<Shared>& s, const std::string& flag,
                         const std::string& key, const std::string& description,
                         std::function<std::vector<double>(const std::vector<double>&)> move) {
  Candidate c{flag, key, description, {}, {}};
  c.outputs = [s, move](int id) -> std::optional<CaseOutputs> {
    const GoldenCase& cs = s->at(id);
    if (cs.axes.empty()) return std::nullopt;
    const GoldenGroup& g = s->group(cs);
    const EncoderPtr enc = s->cached(cs.group, "declared", g.params);
    if (!enc) return std::nullopt;
    const std::vector<double> moved = move(cs.axes);
    return CaseOutputs{apply_at(*enc, g.q, cs, true, &moved),
                       apply_at(*enc, g.k, cs, false, &moved), true};
  };
  return c;
}

std::vector<Candidate> multiaxis_candidates(const std::shared_ptr<Shared>& s) {
  std::vector<Candidate> out;
  std::size_t axes = 0;
  for (const GoldenCase& c : s->file->cases) axes = std::max(axes, c.axes.size());
  if (axes < 2) return out;
  const auto swap = [](std::size_t a, std::size_t b) {
    return [a, b](const std::vector<double>& v) {
      std::vector<double> w = v;
      std::swap(w[a], w[b]);
      return w;
    };
  };
  const std::vector<std::string> names =
      axes == 3 ? std::vector<std::string>{"t", "h", "w"} : std::vector<std::string>{"x", "y"};
  for (std::size_t a = 0; a + 1 < axes && a < names.size(); ++a) {
    for (std::size_t b = a + 1; b < axes && b < names.size(); ++b) {
      out.push_back(axes_candidate(
          s, "axis-order", "axes=swap(" + names[a] + "," + names[b] + ")",
          "positions with axes " + names[a] + " and " + names[b] + " swapped", swap(a, b)));
    }
  }
  out.push_back(axes_candidate(
      s, "text-positions", "axes=first",
      "every axis given the first axis's position (" + names[0] + "): text positions only",
      [](const std::vector<double>& v) { return std::vector<double>(v.size(), v.front()); }));
  return out;
}

}  // namespace

std::vector<Candidate> candidates(const EncoderEntry& entry, const GoldenFile& file) {
  auto s = std::make_shared<Shared>();
  s->entry = &entry;
  s->file = &file;
  std::vector<Candidate> out = param_candidates(s);
  if (file.groups.empty()) return out;
  const GoldenGroup& g0 = file.groups.front();
  if (!g0.pairs.empty()) {
    const std::string c = g0.attention_factor;
    if (Hp100(c) != 1) {
      out.push_back(attention_candidate(
          s, "attention_factor=c^2", "the attention factor applied twice (c^2, c = " + c + ")", 1));
      out.push_back(attention_candidate(
          s, "attention_factor=1", "the attention factor ignored (1, expected c = " + c + ")", -1));
    }
    for (Candidate& p : precision_candidates(s)) out.push_back(std::move(p));
  }
  for (Candidate& m : multiaxis_candidates(s)) out.push_back(std::move(m));
  if (entry.site == Site::qk_transform) out.push_back(key_path_candidate(s));
  return out;
}

bool within_tolerance(const std::vector<std::pair<int, int>>& pairs, const CaseTolerance& tol,
                      double scale, const Vec<Hp100>& out_q, const Vec<Hp100>& out_k,
                      const Vec<Hp100>& ref_q, const Vec<Hp100>& ref_k) {
  if (static_cast<double>(Vec<Hp100>(out_q - ref_q).norm()) > scale * tol.q) return false;
  if (static_cast<double>(Vec<Hp100>(out_k - ref_k).norm()) > scale * tol.k) return false;
  if (!tol.has_pairs()) return true;
  for (std::size_t k = 0; k < pairs.size() && k < tol.q_pairs.size(); ++k) {
    const auto [a, b] = pairs[k];
    for (const auto& [out, ref, t] :
         {std::tuple{&out_q, &ref_q, tol.q_pairs[k]}, std::tuple{&out_k, &ref_k, tol.k_pairs[k]}}) {
      const Hp100 da = (*out)(a) - (*ref)(a), db = (*out)(b) - (*ref)(b);
      if (static_cast<double>(sqrt(da * da + db * db)) > scale * t) return false;
    }
  }
  return true;
}

}  // namespace posprop::cli
