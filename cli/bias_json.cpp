// The score-bias vectors file (examples/golden-vectors.schema.json, site score_bias): the header of
// every version-3 file, groups with the encoder's parameters (ALiBi: num_heads and the slope
// budgets sigma; T5: the bias table), cases with a query position, its keys and the reference
// outputs (decimal strings; T5 buckets as integers) and per-entry tolerances.
#include "bias_vectors.hpp"
#include "golden_document.hpp"
#include "json_io.hpp"

#include "posprop/scalar.hpp"

#include <algorithm>
#include <cmath>

namespace posprop::cli {
namespace {

Json numbers(const std::vector<double>& v) {
  Json out = Json::array();
  for (double x : v) out.push_back(json_number(x));
  return out;
}

Json tolerance_json(const BiasTolerance& t) {
  Json out = Json::object();
  if (!t.slopes.empty()) out["slopes"] = numbers(t.slopes);
  out["bias"] = numbers(t.bias);
  return out;
}

Json group_json(std::size_t id, const BiasGroup& g) {
  Json params = Json::object();
  for (const auto& [key, value] : g.params.values()) params[key] = value;
  Json out = {{"id", id}, {"purpose", g.purpose}, {"params", params}};
  if (!g.sigma.empty()) {
    out["heads"] = g.heads;
    out["row_shift"] = g.row_shift;
    out["slope_units"] = g.sigma;
  }
  if (!g.table.empty()) out["table"] = g.table;
  return out;
}

Json case_json(std::size_t id, const BiasCase& c) {
  Json out = {{"id", id},
              {"group", c.group},
              {"position", json_number(c.position)},
              {"purpose", c.purpose},
              {"flags", c.flags},
              {"key_positions", numbers(c.keys)}};
  if (!c.slopes.empty()) out["slopes"] = c.slopes;
  if (!c.bucket.empty()) out["bucket"] = c.bucket;
  out["bias"] = c.bias;
  out["tolerance"] = {{"fp32", c.fp32 ? tolerance_json(*c.fp32) : Json()},
                      {"fp64", tolerance_json(c.fp64)}};
  return out;
}

std::vector<double> read_numbers(const JsonNode& v, std::size_t n, bool bounds) {
  std::vector<double> out;
  for (const JsonNode& x : v.items()) {
    out.push_back(x.as_double());
    if (bounds && !(out.back() >= 0 && std::isfinite(out.back())))
      x.fail("a tolerance must be a finite number >= 0");
  }
  if (out.size() != n)
    v.fail("expected " + std::to_string(n) + " numbers, got " + std::to_string(out.size()));
  return out;
}

BiasTolerance read_tolerance(const JsonNode& t, std::size_t heads, std::size_t entries) {
  BiasTolerance out;
  if (heads > 0) out.slopes = read_numbers(t.at("slopes"), heads, true);
  out.bias = read_numbers(t.at("bias"), entries, true);
  return out;
}

BiasGroup read_group(const JsonNode& g, bool alibi) {
  BiasGroup out;
  out.purpose = g.at("purpose").as_string();
  for (const auto& [key, value] : g.at("params").members()) out.params.set(key, value.as_string());
  if (alibi) {
    out.heads = static_cast<int>(g.at("heads").as_int(1, 65536));
    out.row_shift = true;  // ALiBi rows are always compared up to a constant
    for (double s : read_numbers(g.at("slope_units"), static_cast<std::size_t>(out.heads), true))
      out.sigma.push_back(static_cast<int>(s));
  } else {
    out.table = read_decimals(g.at("table"), g.at("table").items().size());
  }
  return out;
}

BiasCase read_case(const JsonNode& c, const BiasFile& f) {
  BiasCase out;
  out.group =
      static_cast<int>(c.at("group").as_int(0, static_cast<long long>(f.groups.size()) - 1));
  const BiasGroup& g = f.groups[static_cast<std::size_t>(out.group)];
  out.position = c.at("position").as_double();
  out.purpose = c.at("purpose").as_string();
  for (const JsonNode& x : c.at("flags").items()) out.flags.push_back(x.as_string());
  out.keys = read_numbers(c.at("key_positions"), c.at("key_positions").items().size(), false);
  const std::size_t k = out.keys.size();
  const std::size_t heads = f.alibi ? static_cast<std::size_t>(g.heads) : 0;
  if (f.alibi) {
    out.slopes = read_decimals(c.at("slopes"), heads);
  } else {
    for (const JsonNode& b : c.at("bucket").items())
      out.bucket.push_back(b.as_int(0, static_cast<long long>(g.table.size()) - 1));
    if (out.bucket.size() != k) c.at("bucket").fail("expected one bucket per key");
  }
  const std::size_t entries = f.alibi ? heads * k : k;
  out.bias = read_decimals(c.at("bias"), entries);
  const JsonNode t = c.at("tolerance");
  if (!t.at("fp32").is_null()) out.fp32 = read_tolerance(t.at("fp32"), heads, entries);
  out.fp64 = read_tolerance(t.at("fp64"), heads, entries);
  return out;
}

}  // namespace

void write_bias_json(std::ostream& os, const BiasFile& f) {
  Json groups = Json::array(), cases = Json::array();
  VectorsHeader h{
      f.encoder, "score_bias", "proofs/score_biases.md", f.seed, f.digits, f.outputs(), {}, {}};
  for (std::size_t g = 0; g < f.groups.size(); ++g) groups.push_back(group_json(g, f.groups[g]));
  for (std::size_t i = 0; i < f.cases.size(); ++i) {
    cases.push_back(case_json(i, f.cases[i]));
    h.flags_used.insert(f.cases[i].flags.begin(), f.cases[i].flags.end());
  }
  os << vectors_document(h, std::move(groups), std::move(cases));
}

std::string vectors_site(const std::string& path) {
  const JsonNode doc = JsonNode::parse(read_text_file("--vectors", path), path);
  const std::optional<JsonNode> site = doc.find("site");
  return site ? site->as_string() : std::string("qk_transform");
}

BiasFile read_bias_json(const std::string& path) {
  const JsonNode doc = JsonNode::parse(read_text_file("--vectors", path), path);
  if (doc.at("format").as_string() != "posprop-golden-vectors")
    doc.at("format").fail("not a posprop golden-vectors file");
  if (doc.at("version").as_int(0, 1000) != 3)
    doc.at("version").fail("score-bias vectors are version 3");
  BiasFile f;
  f.encoder = doc.at("encoder").as_string();
  f.alibi = f.encoder == "alibi";
  if (!f.alibi && f.encoder != "t5-bias" && f.encoder != "t5-bias-causal")
    doc.at("encoder").fail("score-bias vectors are for alibi, t5-bias or t5-bias-causal");
  f.seed = static_cast<std::uint64_t>(doc.at("seed").as_int(0, 1LL << 53));
  f.digits = static_cast<int>(doc.at("digits").as_int(17, 90));
  for (const JsonNode& g : doc.at("groups").items()) f.groups.push_back(read_group(g, f.alibi));
  for (const JsonNode& c : doc.at("cases").items()) f.cases.push_back(read_case(c, f));
  if (f.cases.empty()) doc.at("cases").fail("the file has no cases");
  return f;
}

}  // namespace posprop::cli
