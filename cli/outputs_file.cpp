// The implementation's outputs for golden vectors (verify.hpp: read_outputs_file): JSON
// {"precision": .., "cases": [{"id": 0, "q_out": [..], ..}]} or CSV lines `case,NAME,v0,v1,...`,
// every problem an InputError naming the file and the JSON path or line and field. NaN and
// infinities are outputs (the implementation's failure), not a malformed file.
#include "json_io.hpp"
#include "verify.hpp"

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace posprop::cli {
namespace {

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

/// The CSV name of output `name`: q for q_out, k for k_out, else the name itself.
std::string short_name(const std::string& name) {
  return name == "q_out" ? "q" : name == "k_out" ? "k" : name;
}

/// One line `case,vector,v0,v1,...` into `out`.
void read_csv_line(const std::string& line, const std::string& where,
                   const std::vector<std::string>& names, OutputsFile& out) {
  std::vector<std::string> fields;
  std::stringstream ss(line);
  std::string f;
  while (std::getline(ss, f, ',')) fields.push_back(trim(f));
  if (fields.size() < 3) throw InputError(where + ": expected 'case,vector,v0,v1,...'");
  const double id = parse_decimal(fields[0], where + ", field case");
  if (id < 0 || id != std::floor(id) || id > 1e9) {
    throw InputError(where + ", field case: '" + fields[0] + "' is not a case id");
  }
  std::string name, expected;
  for (const std::string& n : names) {
    if (fields[1] == short_name(n)) name = n;
    expected += (expected.empty() ? "" : " or ") + short_name(n);
  }
  if (name.empty()) {
    throw InputError(where + ", field vector: expected " + expected + ", got '" + fields[1] + "'");
  }
  std::vector<double> v;
  for (std::size_t i = 2; i < fields.size(); ++i)
    v.push_back(parse_output_value(fields[i], where + ", value " + std::to_string(i - 2)));
  auto& target = out.named[name];
  if (!target.emplace(static_cast<int>(id), v).second) {
    throw InputError(where + ": case " + fields[0] + " vector " + fields[1] + " given twice");
  }
}

OutputsFile read_csv(const std::string& path, const std::vector<std::string>& names) {
  OutputsFile out;
  std::istringstream in(read_text_file("--outputs", path));
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#' || (number == 1 && t.rfind("case", 0) == 0)) continue;
    read_csv_line(t, path + " line " + std::to_string(number), names, out);
  }
  return out;
}

OutputsFile read_json_outputs(const std::string& path, const std::vector<std::string>& names) {
  // Python's json.dump writes NaN, Infinity, -Infinity: read as the failing outputs they are.
  const JsonNode doc = JsonNode::parse(quote_non_finite(read_text_file("--outputs", path)), path);
  OutputsFile out;
  if (const std::optional<JsonNode> p = doc.find("precision")) out.precision = p->as_string();
  for (const JsonNode& c : doc.at("cases").items()) {
    const int id = static_cast<int>(c.at("id").as_int(0, 1000000000));
    for (const std::string& which : names) {
      std::vector<double> v;
      for (const JsonNode& x : c.at(which).items()) v.push_back(x.as_output_number());
      auto& target = out.named[which];
      if (!target.emplace(id, v).second) c.fail("case " + std::to_string(id) + " given twice");
    }
  }
  return out;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

OutputsFile read_outputs_file(const std::string& path, const std::vector<std::string>& names) {
  OutputsFile out =
      ends_with(path, ".csv") ? read_csv(path, names) : read_json_outputs(path, names);
  for (const std::string& n : names) out.named[n];  // present, if empty
  return out;
}

}  // namespace posprop::cli
