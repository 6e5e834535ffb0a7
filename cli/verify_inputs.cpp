// Step 1 of `posprop verify`: the golden vectors and the implementation's outputs (JSON or CSV),
// every problem an InputError naming the file and the JSON path or line and field.
#include "json_io.hpp"
#include "verify.hpp"

#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>

namespace posprop::cli {
namespace {

struct Outputs {
  std::string precision;  // "" if the file does not say
  std::map<int, std::vector<double>> q, k;
};

/// An output value of the CSV file: a decimal number, or NaN / Infinity / -Infinity (also nan,
/// inf, -inf) -- a non-finite output is the implementation's failure, not a malformed file.
double parse_output_value(const std::string& text, const std::string& where) {
  if (const std::optional<double> x = python_non_finite(text)) return *x;
  if (!is_decimal(text))
    throw InputError(where + ": expected a decimal number, got '" + text + "'");
  return std::strtod(text.c_str(), nullptr);  // beyond the double range: +-inf, a failing case
}

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t\r") - a + 1);
}

/// One line `case,vector,v0,v1,...` into `out`.
void read_csv_line(const std::string& line, const std::string& where, Outputs& out) {
  std::vector<std::string> fields;
  std::stringstream ss(line);
  std::string f;
  while (std::getline(ss, f, ',')) fields.push_back(trim(f));
  if (fields.size() < 3) throw InputError(where + ": expected 'case,vector,v0,v1,...'");
  const double id = parse_decimal(fields[0], where + ", field case");
  if (id < 0 || id != std::floor(id) || id > 1e9) {
    throw InputError(where + ", field case: '" + fields[0] + "' is not a case id");
  }
  if (fields[1] != "q" && fields[1] != "k") {
    throw InputError(where + ", field vector: expected q or k, got '" + fields[1] + "'");
  }
  std::vector<double> v;
  for (std::size_t i = 2; i < fields.size(); ++i)
    v.push_back(parse_output_value(fields[i], where + ", value " + std::to_string(i - 2)));
  auto& target = fields[1] == "q" ? out.q : out.k;
  if (!target.emplace(static_cast<int>(id), v).second) {
    throw InputError(where + ": case " + fields[0] + " vector " + fields[1] + " given twice");
  }
}

Outputs parse_csv(const std::string& text, const std::string& path) {
  Outputs out;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#' || (number == 1 && t.rfind("case", 0) == 0)) continue;
    read_csv_line(t, path + " line " + std::to_string(number), out);
  }
  return out;
}

Outputs parse_json_outputs(const std::string& text, const std::string& path) {
  // Python's json.dump writes NaN, Infinity, -Infinity: read as the failing outputs they are.
  const JsonNode doc = JsonNode::parse(quote_non_finite(text), path);
  Outputs out;
  if (const std::optional<JsonNode> p = doc.find("precision")) out.precision = p->as_string();
  for (const JsonNode& c : doc.at("cases").items()) {
    const int id = static_cast<int>(c.at("id").as_int(0, 1000000000));
    for (const char* which : {"q_out", "k_out"}) {
      std::vector<double> v;
      for (const JsonNode& x : c.at(which).items()) v.push_back(x.as_output_number());
      auto& target = which[0] == 'q' ? out.q : out.k;
      if (!target.emplace(id, v).second) c.fail("case " + std::to_string(id) + " given twice");
    }
  }
  return out;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The outputs of every case of the vectors file, with the right lengths; no unknown ids.
void take_outputs(const Outputs& outputs, VerifyInputs& in) {
  const GoldenFile& golden = in.golden;
  const std::string& path = in.outputs_path;
  const int n_cases = static_cast<int>(golden.cases.size());
  for (const auto* m : {&outputs.q, &outputs.k}) {
    for (const auto& [id, v] : *m) {
      if (id >= n_cases) {
        throw InputError(path + ": case " + std::to_string(id) +
                         " is not in the vectors file (it has cases 0.." +
                         std::to_string(n_cases - 1) + ")");
      }
    }
  }
  in.q.resize(golden.cases.size());
  in.non_finite.assign(golden.cases.size(), "");
  in.k.resize(golden.cases.size());
  for (int id = 0; id < n_cases; ++id) {
    const GoldenCase& c = golden.cases[static_cast<std::size_t>(id)];
    const auto dim = static_cast<std::size_t>(golden.groups[static_cast<std::size_t>(c.group)].dim);
    for (const char which : {'q', 'k'}) {
      const auto& m = which == 'q' ? outputs.q : outputs.k;
      const auto it = m.find(id);
      if (it == m.end()) {
        throw InputError(path + ": case " + std::to_string(id) + " has no " + which +
                         "_out (every case of the vectors file must be present)");
      }
      if (it->second.size() != dim) {
        throw InputError(path + ": case " + std::to_string(id) + " " + which + "_out has " +
                         std::to_string(it->second.size()) + " values, expected " +
                         std::to_string(dim));
      }
      for (std::size_t j = 0; j < dim && in.non_finite[static_cast<std::size_t>(id)].empty(); ++j) {
        const double x = it->second[j];
        if (std::isfinite(x)) continue;
        in.non_finite[static_cast<std::size_t>(id)] = std::string(1, which) + "_out[" +
                                                      std::to_string(j) + "] is " +
                                                      (std::isnan(x) ? "NaN"
                                                       : x > 0       ? "Infinity"
                                                                     : "-Infinity");
      }
      (which == 'q' ? in.q : in.k)[static_cast<std::size_t>(id)] = from_doubles(it->second);
    }
  }
}

/// Every group's parameters make the file's encoder at the group's dim (messages name the file
/// and groups[i].params: the checks build encoders from them).
void check_group_params(const EncoderEntry& entry, const GoldenFile& golden,
                        const std::string& path) {
  for (std::size_t g = 0; g < golden.groups.size(); ++g) {
    const GoldenGroup& group = golden.groups[g];
    const std::string where = path + ": groups[" + std::to_string(g) + "].params";
    try {
      const long long head_dim = group.params.get_int("head_dim", 1, 1 << 20);
      if (head_dim != group.dim) {
        throw InputError("head_dim " + std::to_string(head_dim) + " differs from the group's dim " +
                         std::to_string(group.dim));
      }
      entry.make<double>(group.params);
    } catch (const InputError& e) {
      throw InputError(where + ": " + e.what());
    }
  }
}

}  // namespace

Vec<Hp100> from_decimals(const std::vector<std::string>& v) {
  Vec<Hp100> out(static_cast<Index>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) out(static_cast<Index>(i)) = Hp100(v[i]);
  return out;
}

Vec<Hp100> from_doubles(const std::vector<double>& v) {
  Vec<Hp100> out(static_cast<Index>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) out(static_cast<Index>(i)) = Hp100(v[i]);
  return out;
}

VerifyInputs parse_vectors(const EncoderEntry& entry, const std::string& text,
                           const std::string& path) {
  VerifyInputs in;
  in.entry = &entry;
  in.vectors_path = path;
  in.golden = parse_golden_json(text, path);
  if (in.golden.encoder != entry.name) {
    throw InputError(path + ": golden vectors are for encoder '" + in.golden.encoder + "', not '" +
                     entry.name + "'");
  }
  check_group_params(entry, in.golden, path);
  return in;
}

void parse_outputs(const std::string& text, const std::string& path, const std::string& precision,
                   VerifyInputs& in) {
  in.outputs_path = path;
  const Outputs outputs =
      ends_with(path, ".csv") ? parse_csv(text, path) : parse_json_outputs(text, path);
  in.precision =
      precision.empty() ? (outputs.precision.empty() ? "fp64" : outputs.precision) : precision;
  if (in.precision != "fp32" && in.precision != "fp64") {
    throw InputError(path + ": precision: expected fp32 or fp64, got '" + in.precision + "'");
  }
  take_outputs(outputs, in);
}

VerifyInputs read_inputs(const EncoderEntry& entry, const std::string& vectors_path,
                         const std::string& outputs_path, const std::string& precision) {
  VerifyInputs in = parse_vectors(entry, read_text_file("--vectors", vectors_path), vectors_path);
  parse_outputs(read_text_file("--outputs", outputs_path), outputs_path, precision, in);
  return in;
}

}  // namespace posprop::cli
