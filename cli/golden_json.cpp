// The golden-vectors file format (examples/golden-vectors.schema.json): reference values are
// decimal strings with every printed digit; inputs and tolerances are JSON numbers.
#include "golden.hpp"

#include "golden_document.hpp"
#include "json_io.hpp"

#include "posprop/scalar.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace posprop::cli {
namespace {

Json numbers_json(const std::vector<double>& v) {
  Json out = Json::array();
  for (const double x : v) out.push_back(json_number(x));
  return out;
}

Json tolerance_json(const CaseTolerance& t) {
  Json out = {{"q", json_number(t.q)}, {"k", json_number(t.k)}, {"score", json_number(t.score)}};
  if (t.has_pairs()) {
    out["q_pairs"] = numbers_json(t.q_pairs);
    out["k_pairs"] = numbers_json(t.k_pairs);
    out["pass_through"] = json_number(t.pass_through);
    out["magnitude"] = json_number(t.magnitude);
  }
  return out;
}

Json model_json(const ModelSummary& m) {
  return {{"recipes", m.recipes},
          {"angle_units", numbers_json(m.angle_units)},
          {"trig_units", json_number(m.trig_units)},
          {"attention_units", json_number(m.attention_units)}};
}

Json group_json(std::size_t id, const GoldenGroup& g) {
  Json params = Json::object();
  for (const auto& [key, value] : g.params.values()) params[key] = value;
  Json out = {{"id", id},         {"purpose", g.purpose},   {"dim", g.dim},
              {"params", params}, {"q", numbers_json(g.q)}, {"k", numbers_json(g.k)}};
  if (!g.pairs.empty()) {
    Json pairs = Json::array();
    for (const auto& [a, b] : g.pairs) pairs.push_back(Json::array({a, b}));
    out["pairs"] = std::move(pairs);
    out["inv_freq"] = g.inv_freq;
    out["attention_factor"] = g.attention_factor;
    out["model"] = {{"fp32", model_json(*g.model_fp32)}, {"fp64", model_json(*g.model_fp64)}};
  }
  return out;
}

/// A scalar position, or a vector position as an array.
Json position_json(double scalar, const std::vector<double>& axes) {
  return axes.empty() ? json_number(scalar) : numbers_json(axes);
}

Json case_json(std::size_t id, const GoldenCase& c) {
  return {
      {"id", id},
      {"group", c.group},
      {"position", position_json(c.position, c.axes)},
      {"purpose", c.purpose},
      {"flags", c.flags},
      {"q_out", c.q_out},
      {"k_out", c.k_out},
      {"score_key_position", position_json(c.key_position, c.key_axes)},
      {"score", c.score},
      {"tolerance",
       {{"fp32", c.fp32 ? tolerance_json(*c.fp32) : Json()}, {"fp64", tolerance_json(c.fp64)}}}};
}

std::vector<double> read_numbers(const JsonNode& v, std::size_t n) {
  std::vector<double> out;
  for (const JsonNode& x : v.items()) out.push_back(x.as_double());
  if (out.size() != n) {
    v.fail("expected " + std::to_string(n) + " numbers, got " + std::to_string(out.size()));
  }
  return out;
}

/// A tolerance: a finite number >= 0.
double read_bound(const JsonNode& v) {
  const double x = v.as_double();
  if (!(x >= 0) || !std::isfinite(x)) v.fail("a tolerance must be a finite number >= 0");
  return x;
}

std::vector<double> read_bounds(const JsonNode& v, std::size_t n) {
  std::vector<double> out;
  for (const JsonNode& x : v.items()) out.push_back(read_bound(x));
  if (out.size() != n) {
    v.fail("expected " + std::to_string(n) + " tolerances, got " + std::to_string(out.size()));
  }
  return out;
}

/// `pairs` > 0 when the group is pair-rotating: the per-pair fields are then required.
CaseTolerance read_tolerance(const JsonNode& v, std::size_t pairs) {
  CaseTolerance t;
  t.q = read_bound(v.at("q"));
  t.k = read_bound(v.at("k"));
  t.score = read_bound(v.at("score"));
  if (pairs > 0) {
    t.q_pairs = read_bounds(v.at("q_pairs"), pairs);
    t.k_pairs = read_bounds(v.at("k_pairs"), pairs);
    t.pass_through = read_bound(v.at("pass_through"));
    t.magnitude = read_bound(v.at("magnitude"));
  }
  return t;
}

/// A reference value: a string holding a decimal number (kept as text, parsed at 100 digits).
std::string read_decimal(const JsonNode& x) {
  const std::string& s = x.as_string("a decimal string");
  if (!is_decimal(s)) x.fail("expected a decimal number, got '" + s + "'");
  if (!std::isfinite(std::strtod(s.c_str(), nullptr)))
    x.fail("'" + s + "' is beyond the range of a double");
  return s;
}

ModelSummary read_model(const JsonNode& m, std::size_t pairs) {
  ModelSummary out;
  out.recipes = m.at("recipes").as_string();
  out.angle_units = read_bounds(m.at("angle_units"), pairs);
  out.trig_units = read_bound(m.at("trig_units"));
  out.attention_units = read_bound(m.at("attention_units"));
  return out;
}

/// The pair-rotating fields (version 2): pairs of distinct coordinates below dim, one exact
/// inverse frequency per pair, the attention factor and the two models.
void read_pair_fields(const JsonNode& g, GoldenGroup& gr) {
  const JsonNode pairs = g.at("pairs");
  std::vector<bool> used(static_cast<std::size_t>(gr.dim), false);
  for (const JsonNode& p : pairs.items()) {
    const std::vector<JsonNode> ab = p.items();
    if (ab.size() != 2) p.fail("a pair is two coordinates [a, b]");
    const int a = static_cast<int>(ab[0].as_int(0, gr.dim - 1));
    const int b = static_cast<int>(ab[1].as_int(0, gr.dim - 1));
    if (a == b || used[static_cast<std::size_t>(a)] || used[static_cast<std::size_t>(b)])
      p.fail("pairs must use distinct coordinates");
    used[static_cast<std::size_t>(a)] = used[static_cast<std::size_t>(b)] = true;
    gr.pairs.emplace_back(a, b);
  }
  gr.inv_freq = read_decimals(g.at("inv_freq"), gr.pairs.size());
  gr.attention_factor = read_decimal(g.at("attention_factor"));
  gr.model_fp32 = read_model(g.at("model").at("fp32"), gr.pairs.size());
  gr.model_fp64 = read_model(g.at("model").at("fp64"), gr.pairs.size());
}

GoldenGroup read_group(const JsonNode& g) {
  GoldenGroup gr;
  gr.purpose = g.at("purpose").as_string();
  gr.dim = static_cast<int>(g.at("dim").as_int(2, 65536));
  for (const auto& [key, value] : g.at("params").members()) gr.params.set(key, value.as_string());
  gr.q = read_numbers(g.at("q"), static_cast<std::size_t>(gr.dim));
  gr.k = read_numbers(g.at("k"), static_cast<std::size_t>(gr.dim));
  if (g.find("pairs")) read_pair_fields(g, gr);
  return gr;
}

/// A position: a number, or (multi-axis encoders) an array of numbers; `scalar` receives the
/// number or the largest |axis|.
std::vector<double> read_position(const JsonNode& v, double& scalar) {
  if (!v.is_array()) {
    scalar = v.as_double();
    return {};
  }
  std::vector<double> axes;
  scalar = 0;
  for (const JsonNode& x : v.items()) {
    axes.push_back(x.as_double());
    scalar = std::fmax(scalar, std::fabs(axes.back()));
  }
  if (axes.empty() || axes.size() > 16) v.fail("a vector position has 1 to 16 axes");
  return axes;
}

GoldenCase read_case(const JsonNode& c, const std::vector<GoldenGroup>& groups) {
  GoldenCase gc;
  gc.group = static_cast<int>(c.at("group").as_int(0, static_cast<long long>(groups.size()) - 1));
  const auto n = static_cast<std::size_t>(groups[static_cast<std::size_t>(gc.group)].dim);
  gc.axes = read_position(c.at("position"), gc.position);
  gc.purpose = c.at("purpose").as_string();
  if (const std::optional<JsonNode> flags = c.find("flags"))
    for (const JsonNode& f : flags->items()) gc.flags.push_back(f.as_string());
  gc.q_out = read_decimals(c.at("q_out"), n);
  gc.k_out = read_decimals(c.at("k_out"), n);
  gc.key_axes = read_position(c.at("score_key_position"), gc.key_position);
  if (gc.key_axes.size() != gc.axes.size())
    c.at("score_key_position").fail("has another number of axes than the position");
  gc.score = read_decimal(c.at("score"));
  const JsonNode t = c.at("tolerance");
  const std::size_t pairs = groups[static_cast<std::size_t>(gc.group)].pairs.size();
  if (!t.at("fp32").is_null()) gc.fp32 = read_tolerance(t.at("fp32"), pairs);
  gc.fp64 = read_tolerance(t.at("fp64"), pairs);
  return gc;
}

/// The notes of the flags used, in the order of flag_notes().
Json notes_json(const std::set<std::string>& used) {
  Json notes = Json::object();
  for (const FlagNote& n : flag_notes()) {
    if (!used.count(n.flag)) continue;
    notes[n.flag] = {{"what_goes_wrong", n.what_goes_wrong},
                     {"how_it_shows", n.how_it_shows},
                     {"real_world", n.real_world}};
  }
  return notes;
}

}  // namespace

std::vector<std::string> read_decimals(const JsonNode& v, std::size_t n) {
  std::vector<std::string> out;
  for (const JsonNode& x : v.items()) out.push_back(read_decimal(x));
  if (out.size() != n) {
    v.fail("expected " + std::to_string(n) + " values, got " + std::to_string(out.size()));
  }
  return out;
}

std::string vectors_document(const VectorsHeader& h, Json groups, Json cases) {
  return dump_document({{"format", "posprop-golden-vectors"},
                        {"version", 3},
                        {"encoder", h.encoder},
                        {"site", h.site},
                        {"seed", h.seed},
                        {"digits", h.digits},
                        {"unit_roundoff",
                         {{"fp32", json_number(unit_roundoff<float>())},
                          {"fp64", json_number(unit_roundoff<double>())}}},
                        {"tolerance_proof", h.proof},
                        {"case_outputs", h.case_outputs},
                        {"output_checks", h.output_checks},
                        {"notes", notes_json(h.flags_used)},
                        {"groups", std::move(groups)},
                        {"cases", std::move(cases)}});
}

void write_golden_json(std::ostream& os, const GoldenFile& f) {
  Json groups = Json::array(), cases = Json::array();
  VectorsHeader h{f.encoder,
                  "qk_transform",
                  "proofs/golden_vectors.md",
                  f.seed,
                  f.digits,
                  {"q_out", "k_out"},
                  f.output_checks,
                  {}};
  for (std::size_t g = 0; g < f.groups.size(); ++g) groups.push_back(group_json(g, f.groups[g]));
  for (std::size_t i = 0; i < f.cases.size(); ++i) {
    cases.push_back(case_json(i, f.cases[i]));
    h.flags_used.insert(f.cases[i].flags.begin(), f.cases[i].flags.end());
  }
  os << vectors_document(h, std::move(groups), std::move(cases));
}

GoldenFile read_golden_json(const std::string& path) {
  return parse_golden_json(read_text_file("--vectors", path), path);
}

GoldenFile parse_golden_json(const std::string& text, const std::string& path) {
  const JsonNode doc = JsonNode::parse(text, path);
  if (doc.at("format").as_string() != "posprop-golden-vectors") {
    doc.at("format").fail("not a posprop golden-vectors file");
  }
  const long long version = doc.at("version").as_int(0, 1000);
  if (version < 1 || version > 3) {
    doc.at("version").fail("unsupported version (this posprop reads 1, 2 and 3)");
  }
  GoldenFile f;
  f.version = static_cast<int>(version);
  f.encoder = doc.at("encoder").as_string();
  f.seed = static_cast<std::uint64_t>(doc.at("seed").as_int(0, 1LL << 53));
  f.digits = static_cast<int>(doc.at("digits").as_int(17, 90));
  for (const JsonNode& g : doc.at("groups").items()) f.groups.push_back(read_group(g));
  for (const JsonNode& c : doc.at("cases").items()) f.cases.push_back(read_case(c, f.groups));
  if (f.cases.empty()) doc.at("cases").fail("the file has no cases");
  return f;
}

}  // namespace posprop::cli
