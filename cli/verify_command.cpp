// `posprop verify`: checks an outside implementation's outputs for golden vectors (posprop
// vectors): error per case in ulps and bits against the derived tolerance, property checks on
// the outputs themselves (norms, relativity, layout and scaling diagnoses), a verdict, exit 0 / 1.
#include "command_line.hpp"
#include "commands.hpp"
#include "golden.hpp"
#include "json_io.hpp"
#include "text_escape.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

namespace posprop::cli {

namespace {

struct Outputs {
  std::string precision;  // "" if the file does not say
  std::map<int, std::vector<double>> q, k;
};

double parse_number(const std::string& text, const std::string& where) {
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) {
    throw InputError(where + ": '" + text + "' is not a number");
  }
  if (!std::isfinite(x)) throw InputError(where + ": non-finite value '" + text + "'");
  return x;
}

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t\r") - a + 1);
}

Outputs read_csv(const std::string& path) {
  Outputs out;
  std::istringstream in(read_text_file("--outputs", path));
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string where = path + " line " + std::to_string(number);
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#' || (number == 1 && t.rfind("case", 0) == 0)) continue;
    std::vector<std::string> fields;
    std::stringstream ss(t);
    std::string f;
    while (std::getline(ss, f, ',')) fields.push_back(trim(f));
    if (fields.size() < 3) throw InputError(where + ": expected 'case,vector,v0,v1,...'");
    const double id = parse_number(fields[0], where + ", field case");
    if (id < 0 || id != std::floor(id) || id > 1e9) {
      throw InputError(where + ", field case: '" + fields[0] + "' is not a case id");
    }
    if (fields[1] != "q" && fields[1] != "k") {
      throw InputError(where + ", field vector: expected q or k, got '" + fields[1] + "'");
    }
    std::vector<double> v;
    for (std::size_t i = 2; i < fields.size(); ++i)
      v.push_back(parse_number(fields[i], where + ", value " + std::to_string(i - 2)));
    auto& target = fields[1] == "q" ? out.q : out.k;
    if (!target.emplace(static_cast<int>(id), v).second) {
      throw InputError(where + ": case " + fields[0] + " vector " + fields[1] + " given twice");
    }
  }
  return out;
}

Outputs read_json_outputs(const std::string& path) {
  const JsonNode doc = JsonNode::parse(read_text_file("--outputs", path), path);
  Outputs out;
  if (const std::optional<JsonNode> p = doc.find("precision")) out.precision = p->as_string();
  for (const JsonNode& c : doc.at("cases").items()) {
    const int id = static_cast<int>(c.at("id").as_int(0, 1000000000));
    for (const char* which : {"q_out", "k_out"}) {
      std::vector<double> v;
      for (const JsonNode& x : c.at(which).items()) v.push_back(x.as_double());
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

double norm_of(const Vec<Hp100>& v) {
  return static_cast<double>(v.norm());
}

/// ulp of |x| in a format with `digits` significand bits (x > 0).
double ulp(double x, int digits) {
  if (!(x > 0)) return std::ldexp(1.0, -1022);
  int e = 0;
  std::frexp(x, &e);  // x = m 2^e, m in [0.5, 1)
  return std::ldexp(1.0, e - digits);
}

struct CaseResult {
  int id = 0;
  double err_q = 0, err_k = 0, err_score = 0;
  double ulps = 0;      // max-norm error in ulps of the largest exact component (q and k)
  double tol_ulps = 0;  // the tolerance in the same unit
  CaseTolerance tol;
  bool fp32_ok = true;  // within the fp32 tolerance (when it exists)
  bool pass() const { return err_q <= tol.q && err_k <= tol.k && err_score <= tol.score; }
};

struct CheckResult {
  std::string name, detail;
  bool ok = true;
  bool diagnosis_only = false;  // informative (a layout/scaling match), not part of the verdict
};

struct Alternative {
  std::string key, value, description;
};

std::vector<Alternative> alternatives(const EncoderEntry& entry, const Params& params) {
  std::vector<Alternative> out;
  for (const ParamSpec& spec : entry.params) {
    if (!params.has(spec.key)) continue;
    const std::string v = params.get_string(spec.key);
    if (spec.key == "layout") {
      const std::string other = v == "interleaved" ? "half_split" : "interleaved";
      out.push_back({"layout", other, "the " + other + " layout, not " + v});
    } else if ((spec.key == "factor" || spec.key == "partial_rotary_factor" ||
                spec.key == "attention_factor") &&
               std::strtod(v.c_str(), nullptr) != 1.0) {
      out.push_back({spec.key, "1",
                     spec.key + " = 1 (the configured " + spec.key + " = " + v + " is ignored)"});
    }
  }
  return out;
}

double error_against(const Vec<Hp100>& user, const Vec<Hp100>& ref) {
  return norm_of(Vec<Hp100>(user - ref));
}

struct VerifyArgs {
  std::string encoder, vectors_path, outputs_path, junit_path, precision;
};

int run_verify(const VerifyArgs& a) {
  const std::string &vectors_path = a.vectors_path, &outputs_path = a.outputs_path;
  const std::string& junit_path = a.junit_path;
  std::string precision = a.precision;
  if (a.encoder.empty()) throw InputError("posprop verify needs an ENCODER name");
  if (vectors_path.empty()) throw InputError("option '--vectors' is required");
  if (outputs_path.empty()) throw InputError("option '--outputs' is required");
  const EncoderEntry& entry = find_encoder(a.encoder);
  std::ofstream junit;
  if (!junit_path.empty()) {
    junit.open(junit_path);
    if (!junit) throw InputError("cannot write --junit file '" + junit_path + "'");
  }

  const GoldenFile golden = read_golden_json(vectors_path);
  if (golden.encoder != entry.name) {
    throw InputError(vectors_path + ": golden vectors are for encoder '" + golden.encoder +
                     "', not '" + entry.name + "'");
  }
  const Outputs outputs =
      ends_with(outputs_path, ".csv") ? read_csv(outputs_path) : read_json_outputs(outputs_path);
  if (precision.empty()) precision = outputs.precision.empty() ? "fp64" : outputs.precision;
  if (precision != "fp32" && precision != "fp64") {
    throw InputError(outputs_path + ": precision: expected fp32 or fp64, got '" + precision + "'");
  }
  const bool fp32 = precision == "fp32";
  const int bits = fp32 ? 24 : 53;

  // Every case present, with the right lengths; no unknown ids.
  const int n_cases = static_cast<int>(golden.cases.size());
  for (const auto* m : {&outputs.q, &outputs.k}) {
    for (const auto& [id, v] : *m) {
      if (id >= n_cases) {
        throw InputError(outputs_path + ": case " + std::to_string(id) +
                         " is not in the vectors file (it has cases 0.." +
                         std::to_string(n_cases - 1) + ")");
      }
    }
  }
  std::vector<Vec<Hp100>> user_q(golden.cases.size()), user_k(golden.cases.size());
  for (int id = 0; id < n_cases; ++id) {
    const GoldenCase& c = golden.cases[static_cast<std::size_t>(id)];
    const auto dim = static_cast<std::size_t>(golden.groups[static_cast<std::size_t>(c.group)].dim);
    for (const char which : {'q', 'k'}) {
      const auto& m = which == 'q' ? outputs.q : outputs.k;
      const auto it = m.find(id);
      if (it == m.end()) {
        throw InputError(outputs_path + ": case " + std::to_string(id) + " has no " + which +
                         "_out (every case of the vectors file must be present)");
      }
      if (it->second.size() != dim) {
        throw InputError(outputs_path + ": case " + std::to_string(id) + " " + which + "_out has " +
                         std::to_string(it->second.size()) + " values, expected " +
                         std::to_string(dim));
      }
      (which == 'q' ? user_q : user_k)[static_cast<std::size_t>(id)] = from_doubles(it->second);
    }
  }

  // Per-case errors.
  std::vector<CaseResult> results;
  std::map<std::pair<int, double>, int> case_at;  // (group, position) -> case id
  for (int id = 0; id < n_cases; ++id) {
    const GoldenCase& c = golden.cases[static_cast<std::size_t>(id)];
    case_at.emplace(std::make_pair(c.group, c.position), id);
  }
  bool tolerance_missing = false;
  for (int id = 0; id < n_cases; ++id) {
    const auto i = static_cast<std::size_t>(id);
    const GoldenCase& c = golden.cases[i];
    CaseResult res;
    res.id = id;
    if (fp32 && !c.fp32) {
      tolerance_missing = true;
      res.tol = {0, 0, 0};
    } else {
      res.tol = fp32 ? *c.fp32 : c.fp64;
    }
    const Vec<Hp100> eq = from_decimals(c.q_out), ek = from_decimals(c.k_out);
    res.err_q = error_against(user_q[i], eq);
    res.err_k = error_against(user_k[i], ek);
    const auto key = case_at.find({c.group, c.key_position});
    if (key == case_at.end()) {
      throw InputError(vectors_path + ": case " + std::to_string(id) +
                       " has a score_key_position with no case in its group");
    }
    const Hp100 s = user_q[i].dot(user_k[static_cast<std::size_t>(key->second)]);
    res.err_score = std::fabs(static_cast<double>(s - Hp100(c.score)));
    const double biggest = std::fmax(static_cast<double>(eq.cwiseAbs().maxCoeff()),
                                     static_cast<double>(ek.cwiseAbs().maxCoeff()));
    const double unit = ulp(biggest, bits);
    res.ulps = std::fmax(static_cast<double>(Vec<Hp100>(user_q[i] - eq).cwiseAbs().maxCoeff()),
                         static_cast<double>(Vec<Hp100>(user_k[i] - ek).cwiseAbs().maxCoeff())) /
               unit;
    res.tol_ulps = std::fmin(res.tol.q, res.tol.k) / unit;
    if (c.fp32) {
      res.fp32_ok =
          res.err_q <= c.fp32->q && res.err_k <= c.fp32->k && res.err_score <= c.fp32->score;
    } else {
      res.fp32_ok = false;
    }
    results.push_back(res);
  }
  if (tolerance_missing) {
    std::cerr << "posprop: note: some positions are not exact in fp32 (beyond 2^24): those cases "
                 "have no fp32 tolerance and cannot pass at fp32\n";
  }

  // Checks on the outputs themselves.
  std::vector<CheckResult> checks;
  const bool orthogonal = entry.expectation("rotation.orthogonal") == Expect::hold;
  const bool relative = entry.expectation("score.relative_form") == Expect::hold;
  if (orthogonal) {
    CheckResult chk{"outputs.norms", "", true, false};
    int bad = 0;
    double worst = 0;
    for (int id = 0; id < n_cases; ++id) {
      const auto i = static_cast<std::size_t>(id);
      const GoldenGroup& g = golden.groups[static_cast<std::size_t>(golden.cases[i].group)];
      const double dq = std::fabs(norm_of(user_q[i]) - norm_of(from_doubles(g.q)));
      const double dk = std::fabs(norm_of(user_k[i]) - norm_of(from_doubles(g.k)));
      const double ratio = std::fmax(dq / results[i].tol.q, dk / results[i].tol.k);
      worst = std::fmax(worst, ratio);
      bad += !(dq <= results[i].tol.q && dk <= results[i].tol.k);
    }
    chk.ok = bad == 0;
    std::ostringstream os;
    os.precision(3);
    os << (chk.ok ? "norms preserved" : "norms NOT preserved")
       << " (|q_out| = |q|, |k_out| = |k|: " << bad << " case(s) outside the tolerance, worst "
       << worst << " x tolerance)";
    chk.detail = os.str();
    checks.push_back(chk);
  }
  if (relative) {
    CheckResult chk{"outputs.relativity", "", true, false};
    int compared = 0, bad = 0;
    std::string example;
    for (std::size_t gi = 0; gi < golden.groups.size(); ++gi) {
      const GoldenGroup& g = golden.groups[gi];
      std::vector<int> ids;
      for (int id = 0; id < n_cases; ++id)
        if (golden.cases[static_cast<std::size_t>(id)].group == static_cast<int>(gi))
          ids.push_back(id);
      const double u = fp32 ? unit_roundoff<float>() : unit_roundoff<double>();
      const double qn = norm_of(from_doubles(g.q)), kn = norm_of(from_doubles(g.k));
      std::map<double, std::pair<int, int>> first_with_offset;
      for (int a : ids) {
        for (int b : ids) {
          if (compared > 4000) break;
          const GoldenCase& ca = golden.cases[static_cast<std::size_t>(a)];
          const GoldenCase& cb = golden.cases[static_cast<std::size_t>(b)];
          if (fp32 && (!ca.fp32 || !cb.fp32)) continue;
          const double offset = cb.position - ca.position;
          auto [it, fresh] = first_with_offset.emplace(offset, std::make_pair(a, b));
          if (fresh) continue;
          const auto [a0, b0] = it->second;
          const GoldenCase& ca0 = golden.cases[static_cast<std::size_t>(a0)];
          const GoldenCase& cb0 = golden.cases[static_cast<std::size_t>(b0)];
          const double s1 = static_cast<double>(
              user_q[static_cast<std::size_t>(a)].dot(user_k[static_cast<std::size_t>(b)]));
          const double s0 = static_cast<double>(
              user_q[static_cast<std::size_t>(a0)].dot(user_k[static_cast<std::size_t>(b0)]));
          const double tol =
              golden_tolerance(entry, g.params, u, ca.position, cb.position, qn, kn, golden.digits)
                  .score +
              golden_tolerance(entry, g.params, u, ca0.position, cb0.position, qn, kn,
                               golden.digits)
                  .score;
          ++compared;
          if (std::fabs(s1 - s0) > tol) {
            if (bad++ == 0) {
              std::ostringstream os;
              os.precision(17);
              os << "S(" << ca.position << ", " << cb.position << ") = " << s1 << " but S("
                 << ca0.position << ", " << cb0.position << ") = " << s0 << " (tolerance " << tol
                 << ")";
              example = os.str();
            }
          }
        }
      }
    }
    chk.ok = bad == 0;
    chk.detail = std::string(chk.ok ? "scores depend only on j - i" : "scores NOT relative") +
                 " (" + std::to_string(compared) + " pairs of equal offset compared, " +
                 std::to_string(bad) + " outside the tolerance" +
                 (example.empty() ? "" : "; e.g. " + example) + ")";
    checks.push_back(chk);
  }
  // Diagnoses: which layout / scaling do the outputs match?
  const auto fits = [&](const std::function<bool(int)>& within) {
    for (int id = 0; id < n_cases; ++id)
      if (!within(id)) return false;
    return true;
  };
  const bool declared_fits =
      fits([&](int id) { return results[static_cast<std::size_t>(id)].pass(); });
  for (const Alternative& alt : alternatives(entry, golden.groups[0].params)) {
    CheckResult chk{"outputs.matches." + alt.key, "", true, true};
    bool all = true;
    for (int id = 0; id < n_cases && all; ++id) {
      const auto i = static_cast<std::size_t>(id);
      const GoldenCase& c = golden.cases[i];
      const GoldenGroup& g = golden.groups[static_cast<std::size_t>(c.group)];
      Params p = g.params;
      p.set(alt.key, alt.value);
      std::unique_ptr<Encoder<Hp50>> enc;
      try {
        enc = entry.make<Hp50>(p);
      } catch (const InputError&) {
        all = false;
        break;
      }
      Vec<Hp50> q(g.dim), k(g.dim);
      for (int j = 0; j < g.dim; ++j) {
        q(j) = Hp50(g.q[static_cast<std::size_t>(j)]);
        k(j) = Hp50(g.k[static_cast<std::size_t>(j)]);
      }
      const Vec<Hp100> aq = enc->apply_query(q, c.position).cast<Hp100>();
      const Vec<Hp100> ak = enc->apply_key(k, c.position).cast<Hp100>();
      all = error_against(user_q[i], aq) <= results[i].tol.q &&
            error_against(user_k[i], ak) <= results[i].tol.k;
    }
    const std::string declared = golden.groups[0].params.get_string(alt.key);
    if (declared_fits) {
      chk.detail = "outputs match the declared " + alt.key + " = " + declared;
    } else if (all) {
      chk.ok = false;
      chk.detail = "outputs match " + alt.description;
    } else {
      chk.detail = "outputs match neither the declared " + alt.key + " = " + declared + " nor " +
                   alt.key + " = " + alt.value;
    }
    checks.push_back(chk);
  }
  int passed = 0, fp32_only = 0;
  for (const CaseResult& res : results) {
    passed += res.pass();
    fp32_only += !res.pass() && res.fp32_ok;
  }
  if (!fp32 && passed < n_cases && passed + fp32_only == n_cases) {
    checks.push_back({"outputs.precision",
                      "every case outside the fp64 tolerance is within the fp32 one: the outputs "
                      "are only fp32-accurate (angles or frequencies computed in float?)",
                      false, false});
  }

  // Report.
  std::cout << "posprop verify " << entry.name << ": " << n_cases << " cases in "
            << golden.groups.size() << " group(s) from " << vectors_path << ", outputs "
            << outputs_path << " checked at " << precision << "\n\n";
  std::cout << std::left << std::setw(6) << "case" << std::setw(7) << "group" << std::setw(6)
            << "dim" << std::setw(11) << "position" << std::setw(13) << "err (ulps)" << std::setw(7)
            << "bits" << std::setw(13) << "tol (ulps)" << std::setw(12) << "q err/tol"
            << std::setw(12) << "score/tol"
            << "verdict\n";
  std::cout << std::setprecision(3);
  for (const CaseResult& res : results) {
    const GoldenCase& c = golden.cases[static_cast<std::size_t>(res.id)];
    const auto ratio = [](double e, double t) { return t > 0 ? e / t : (e > 0 ? 1e300 : 0); };
    std::ostringstream pos;
    pos << std::setprecision(17) << c.position;
    std::cout << std::setw(6) << res.id << std::setw(7) << c.group << std::setw(6)
              << golden.groups[static_cast<std::size_t>(c.group)].dim << std::setw(11) << pos.str()
              << std::setw(13) << res.ulps << std::setw(7) << std::log2(1 + res.ulps)
              << std::setw(13) << res.tol_ulps << std::setw(12)
              << std::fmax(ratio(res.err_q, res.tol.q), ratio(res.err_k, res.tol.k))
              << std::setw(12) << ratio(res.err_score, res.tol.score)
              << (res.pass() ? "ok" : "FAIL") << "  " << c.purpose << '\n';
  }
  std::cout << "\nchecks on the outputs:\n";
  bool checks_ok = true;
  for (const CheckResult& chk : checks) {
    std::cout << "  " << (chk.ok ? "ok    " : "FAIL  ") << chk.name << ": " << chk.detail << '\n';
    checks_ok = checks_ok && (chk.ok || chk.diagnosis_only);
  }
  const bool pass = passed == n_cases && checks_ok;
  std::cout << "\nverdict: " << (pass ? "PASS" : "FAIL") << " (" << passed << "/" << n_cases
            << " cases within the " << precision << " tolerance of proofs/golden_vectors.md)\n";

  if (!junit_path.empty()) {
    int failures = 0;
    for (const CaseResult& res : results) failures += !res.pass();
    for (const CheckResult& chk : checks) failures += !chk.ok && !chk.diagnosis_only;
    junit << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites><testsuite name=\""
          << xml_escape("posprop.verify." + entry.name) << "\" tests=\""
          << results.size() + checks.size() << "\" failures=\"" << failures << "\">\n";
    for (const CaseResult& res : results) {
      const GoldenCase& c = golden.cases[static_cast<std::size_t>(res.id)];
      std::ostringstream name, msg;
      name << std::setprecision(17) << "case " << res.id << " (group " << c.group << ", position "
           << c.position << ", " << c.purpose << ")";
      msg << std::setprecision(17) << "q error " << res.err_q << " (tolerance " << res.tol.q
          << "), k error " << res.err_k << " (tolerance " << res.tol.k << "), score error "
          << res.err_score << " (tolerance " << res.tol.score << ")";
      junit << "<testcase classname=\"verify\" name=\"" << xml_escape(name.str()) << "\">";
      if (!res.pass()) junit << "<failure message=\"" << xml_escape(msg.str()) << "\"/>";
      junit << "</testcase>\n";
    }
    for (const CheckResult& chk : checks) {
      junit << "<testcase classname=\"checks\" name=\"" << xml_escape(chk.name) << "\">";
      if (!chk.ok && !chk.diagnosis_only)
        junit << "<failure message=\"" << xml_escape(chk.detail) << "\"/>";
      junit << "<system-out>" << xml_escape(chk.detail) << "</system-out></testcase>\n";
    }
    junit << "</testsuite></testsuites>\n";
    junit.flush();
    if (!junit) throw InputError("error writing --junit file '" + junit_path + "'");
  }
  return pass ? 0 : 1;
}

std::string parse_fp_precision(const std::string& option, const std::string& text) {
  if (text != "fp32" && text != "fp64")
    throw InputError("option '" + option + "' expects fp32 or fp64, got '" + text + "'");
  return text;
}

}  // namespace

Action define_verify(CLI::App& app) {
  auto a = std::make_shared<VerifyArgs>();
  app.description(
      "Checks the outputs of your implementation for the golden vectors of 'posprop vectors'.\n"
      "Outputs as JSON: {\"precision\": \"fp64\", \"cases\": [{\"id\": 0, \"q_out\": [..], "
      "\"k_out\":\n[..]}, ...]} or CSV lines 'case,vector,v0,v1,...' with vector q or k (a header "
      "line starting\nwith 'case' and lines starting with '#' are skipped). Every case of the "
      "vectors file must be\npresent. Print fp64 outputs with 17 significant digits, fp32 with 9.");
  add_positional(app, "ENCODER", a->encoder, "the encoder of the vectors file");
  add_text(app, "--vectors", a->vectors_path, "FILE.json", "golden vectors (required)");
  add_text(app, "--outputs", a->outputs_path, "FILE", "your outputs, .json or .csv (required)");
  add_value<std::string>(app, "--precision", a->precision, parse_fp_precision, "P",
                         "fp64 (default, or the JSON's \"precision\") or fp32: which\nderived "
                         "tolerance of the vectors file applies");
  add_text(app, "--junit", a->junit_path, "FILE",
           "a JUnit XML report: one testcase per case and per output check");
  app.footer(
      "exit codes: 0 every case within its tolerance and every check on the outputs passed,\n"
      "            1 otherwise, 2 usage error or a malformed file (named with its JSON path or "
      "line)");
  return [a] { return run_verify(*a); };
}

}  // namespace posprop::cli
