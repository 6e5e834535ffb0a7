// The golden-vectors file format (examples/golden-vectors.schema.json): reference values are
// decimal strings with every printed digit; inputs and tolerances are JSON numbers.
#include "golden.hpp"

#include "json_io.hpp"

#include "posprop/scalar.hpp"

#include <cstdlib>

namespace posprop::cli {
namespace {

Json tolerance_json(const CaseTolerance& t) {
  return {{"q", json_number(t.q)}, {"k", json_number(t.k)}, {"score", json_number(t.score)}};
}

Json numbers_json(const std::vector<double>& v) {
  Json out = Json::array();
  for (const double x : v) out.push_back(json_number(x));
  return out;
}

Json group_json(std::size_t id, const GoldenGroup& g) {
  Json params = Json::object();
  for (const auto& [key, value] : g.params.values()) params[key] = value;
  return {{"id", id},         {"purpose", g.purpose},   {"dim", g.dim},
          {"params", params}, {"q", numbers_json(g.q)}, {"k", numbers_json(g.k)}};
}

Json case_json(std::size_t id, const GoldenCase& c) {
  return {
      {"id", id},
      {"group", c.group},
      {"position", json_number(c.position)},
      {"purpose", c.purpose},
      {"q_out", c.q_out},
      {"k_out", c.k_out},
      {"score_key_position", json_number(c.key_position)},
      {"score", c.score},
      {"tolerance",
       {{"fp32", c.fp32 ? tolerance_json(*c.fp32) : Json()}, {"fp64", tolerance_json(c.fp64)}}}};
}

CaseTolerance read_tolerance(const JsonNode& v) {
  CaseTolerance t;
  t.q = v.at("q").as_double();
  t.k = v.at("k").as_double();
  t.score = v.at("score").as_double();
  return t;
}

std::vector<double> read_numbers(const JsonNode& v, std::size_t n) {
  std::vector<double> out;
  for (const JsonNode& x : v.items()) out.push_back(x.as_double());
  if (out.size() != n) {
    v.fail("expected " + std::to_string(n) + " numbers, got " + std::to_string(out.size()));
  }
  return out;
}

/// A reference value: a string holding a decimal number (kept as text, parsed at 100 digits).
std::string read_decimal(const JsonNode& x) {
  const std::string& s = x.as_string("a decimal string");
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size()) x.fail("'" + s + "' is not a decimal number");
  return s;
}

std::vector<std::string> read_decimals(const JsonNode& v, std::size_t n) {
  std::vector<std::string> out;
  for (const JsonNode& x : v.items()) out.push_back(read_decimal(x));
  if (out.size() != n) {
    v.fail("expected " + std::to_string(n) + " values, got " + std::to_string(out.size()));
  }
  return out;
}

GoldenGroup read_group(const JsonNode& g) {
  GoldenGroup gr;
  gr.purpose = g.at("purpose").as_string();
  gr.dim = static_cast<int>(g.at("dim").as_int(2, 65536));
  for (const auto& [key, value] : g.at("params").members()) gr.params.set(key, value.as_string());
  gr.q = read_numbers(g.at("q"), static_cast<std::size_t>(gr.dim));
  gr.k = read_numbers(g.at("k"), static_cast<std::size_t>(gr.dim));
  return gr;
}

GoldenCase read_case(const JsonNode& c, const std::vector<GoldenGroup>& groups) {
  GoldenCase gc;
  gc.group = static_cast<int>(c.at("group").as_int(0, static_cast<long long>(groups.size()) - 1));
  const auto n = static_cast<std::size_t>(groups[static_cast<std::size_t>(gc.group)].dim);
  gc.position = c.at("position").as_double();
  gc.purpose = c.at("purpose").as_string();
  gc.q_out = read_decimals(c.at("q_out"), n);
  gc.k_out = read_decimals(c.at("k_out"), n);
  gc.key_position = c.at("score_key_position").as_double();
  gc.score = read_decimal(c.at("score"));
  const JsonNode t = c.at("tolerance");
  if (!t.at("fp32").is_null()) gc.fp32 = read_tolerance(t.at("fp32"));
  gc.fp64 = read_tolerance(t.at("fp64"));
  return gc;
}

}  // namespace

void write_golden_json(std::ostream& os, const GoldenFile& f) {
  Json groups = Json::array(), cases = Json::array();
  for (std::size_t g = 0; g < f.groups.size(); ++g) groups.push_back(group_json(g, f.groups[g]));
  for (std::size_t i = 0; i < f.cases.size(); ++i) cases.push_back(case_json(i, f.cases[i]));
  os << dump_document({{"format", "posprop-golden-vectors"},
                       {"version", 1},
                       {"encoder", f.encoder},
                       {"seed", f.seed},
                       {"digits", f.digits},
                       {"unit_roundoff",
                        {{"fp32", json_number(unit_roundoff<float>())},
                         {"fp64", json_number(unit_roundoff<double>())}}},
                       {"tolerance_proof", "proofs/golden_vectors.md"},
                       {"groups", std::move(groups)},
                       {"cases", std::move(cases)}});
}

GoldenFile read_golden_json(const std::string& path) {
  const JsonNode doc = JsonNode::parse(read_text_file("--vectors", path), path);
  if (doc.at("format").as_string() != "posprop-golden-vectors") {
    doc.at("format").fail("not a posprop golden-vectors file");
  }
  if (doc.at("version").as_int(0, 1000) != 1) {
    doc.at("version").fail("unsupported version (this posprop reads 1)");
  }
  GoldenFile f;
  f.encoder = doc.at("encoder").as_string();
  f.seed = static_cast<std::uint64_t>(doc.at("seed").as_int(0, 1LL << 53));
  f.digits = static_cast<int>(doc.at("digits").as_int(17, 90));
  for (const JsonNode& g : doc.at("groups").items()) f.groups.push_back(read_group(g));
  for (const JsonNode& c : doc.at("cases").items()) f.cases.push_back(read_case(c, f.groups));
  if (f.cases.empty()) doc.at("cases").fail("the file has no cases");
  return f;
}

}  // namespace posprop::cli
