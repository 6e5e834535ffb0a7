// `posprop verify`: checks an outside implementation's outputs for golden vectors (posprop
// vectors) in four steps (verify.hpp): read the inputs, judge every case against its derived
// tolerance, check and diagnose the outputs themselves, report; exit 0 / 1.
#include "bias_vectors.hpp"
#include "command_line.hpp"
#include "commands.hpp"
#include "model_source.hpp"
#include "option_values.hpp"
#include "output_files.hpp"
#include "verify.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>

namespace posprop::cli {
namespace {

struct VerifyArgs {
  std::string encoder, vectors_path, outputs_path, junit_path, json_path, precision;
  std::string selection = "all";  // --cases
  std::vector<std::string> sets;  // --set key=value: must agree with the vectors file
  ModelArgs model;
};

/// Decimal values compare as numbers ("4" = "4.0"), other values as text.
bool same_value(const std::string& a, const std::string& b) {
  if (a == b) return true;
  return is_decimal(a) && is_decimal(b) &&
         std::strtod(a.c_str(), nullptr) == std::strtod(b.c_str(), nullptr);
}

/// Every named parameter must agree with the file's requested group (groups[0]); exit 2 names
/// the first that does not.
void check_named_params(const Params& p, const std::string& path, const Params& named,
                        const std::string& source) {
  for (const auto& [key, value] : named.values()) {
    if (key == "head_dim" && source == "--set gives") {
      throw InputError("give no --set head_dim: the vectors file holds the dimension");
    }
    if (key == "head_dim" || (p.has(key) && same_value(p.get_string(key), value))) continue;
    throw InputError(path + ": parameter " + key + " = " +
                     (p.has(key) ? p.get_string(key) : std::string("(absent)")) +
                     " (groups[0].params), but " + source + " " + value);
  }
}

/// The encoder: the vectors file's; a name given (ENCODER or the config's) must agree.
const EncoderEntry& file_encoder(const std::string& encoder, const std::string& path,
                                 const std::string& named) {
  if (!named.empty() && named != encoder) {
    throw InputError(path + ": golden vectors are for encoder '" + encoder + "', not '" + named +
                     "'");
  }
  try {
    return find_encoder(encoder);
  } catch (const InputError& e) {
    throw InputError(path + ": encoder: " + e.what());
  }
}

/// What verify reads and writes, once the options are validated.
struct Run {
  const VerifyArgs& a;
  std::string named;  // the encoder named (ENCODER or the config's), "" if none
  HfDerivation derived;
  OutputFiles outputs;
  int junit = -1, json = -1;
  VerifyRequest request() const {
    return {a.vectors_path, a.outputs_path, a.precision, a.selection};
  }
  /// The names given must agree with the file's encoder and first group's parameters.
  const EncoderEntry& check_names(const std::string& encoder, const Params& params) const {
    const EncoderEntry& entry = file_encoder(encoder, a.vectors_path, named);
    if (a.model.given()) {
      check_named_params(params, a.vectors_path, derived.params, "the config derives");
    } else {
      check_named_params(params, a.vectors_path, parse_sets(a.sets), "--set gives");
    }
    return entry;
  }
};

int run_qk(Run& run) {
  GoldenFile golden = read_golden_json(run.a.vectors_path);
  const EncoderEntry& entry =
      run.check_names(golden.encoder, golden.groups.empty() ? Params() : golden.groups[0].params);
  const VerifyInputs in = read_inputs(entry, std::move(golden), run.request());
  if (run.a.model.given()) print_derivation(run.derived);
  run.outputs.open();  // after validating the inputs; refuses an output that names one of them
  const std::vector<CaseResult> cases = judge_cases(in);
  std::vector<CheckResult> checks = check_outputs(in, cases);
  const Diagnosis diagnosis = diagnose(in, cases);
  for (CheckResult& d : diagnosis_checks(diagnosis, declared_text(in)))
    checks.push_back(std::move(d));
  std::ostream& human = run.outputs.uses_stdout() ? std::cerr : std::cout;
  if (in.fp32() && std::any_of(in.golden.cases.begin(), in.golden.cases.end(),
                               [](const GoldenCase& c) { return !c.fp32; })) {
    std::cerr << "posprop: note: some positions are not exact in fp32 (beyond 2^24): those "
                 "cases have no fp32 tolerance and cannot pass at fp32\n";
  }
  print_report(human, in, cases, checks);
  human.flush();
  run.outputs.write(run.junit,
                    [&](std::ostream& os) { write_junit_report(os, in, cases, checks); });
  run.outputs.write(run.json,
                    [&](std::ostream& os) { write_json_report(os, in, cases, checks, diagnosis); });
  run.outputs.commit();
  return verdict(cases, checks) ? 0 : 1;
}

int run_bias(Run& run) {
  const BiasFile f = read_bias_json(run.a.vectors_path);
  run.check_names(f.encoder, f.groups.empty() ? Params() : f.groups[0].params);
  const VerifyRequest r = run.request();
  const BiasVerification v = verify_bias(f, r);
  run.outputs.open();
  const Diagnosis d = diagnose_bias(f, v, r);
  std::ostream& human = run.outputs.uses_stdout() ? std::cerr : std::cout;
  print_bias_report(human, f, r, v, d);
  human.flush();
  run.outputs.write(run.junit, [&](std::ostream& os) { write_bias_junit(os, f, v); });
  run.outputs.write(run.json, [&](std::ostream& os) { write_bias_json_report(os, f, r, v, d); });
  run.outputs.commit();
  return std::all_of(v.results.begin(), v.results.end(), [](const BiasResult& b) { return b.pass; })
             ? 0
             : 1;
}

int run_verify(const VerifyArgs& a) {
  if (a.vectors_path.empty()) throw InputError("option '--vectors' is required");
  if (a.outputs_path.empty()) throw InputError("option '--outputs' is required");
  Run run{a, a.encoder, {}, {}, -1, -1};
  if (a.model.given()) {
    run.derived = derive_model_quietly(a.model, parse_sets(a.sets), a.encoder);
    run.named = run.derived.encoder;
  }
  run.outputs.add_input("--vectors", a.vectors_path);
  run.outputs.add_input("--outputs", a.outputs_path);
  if (!a.model.hf_config.empty()) run.outputs.add_input("--hf-config", a.model.hf_config);
  run.junit = run.outputs.add_output("--junit", a.junit_path);
  run.json = run.outputs.add_output("--json", a.json_path);
  return vectors_site(a.vectors_path) == "score_bias" ? run_bias(run) : run_qk(run);
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
      "line starting\nwith 'case' and lines starting with '#' are skipped); score-bias files: "
      "\"slopes\" and \"bias\"\n(alibi) or \"bucket\" and \"bias\" (t5). Every judged case "
      "of the vectors file must be\npresent. Print fp64 outputs with 17 significant digits, fp32 "
      "with 9.");
  add_positional(app, "ENCODER", a->encoder,
                 "optional: the encoder of the vectors file (read from it; a name\ngiven must "
                 "agree)");
  add_text(app, "--vectors", a->vectors_path, "FILE.json", "golden vectors (required)");
  add_text(app, "--outputs", a->outputs_path, "FILE", "your outputs, .json or .csv (required)");
  add_value<std::string>(app, "--precision", a->precision, parse_fp_precision, "P",
                         "fp64 (default, or the JSON's \"precision\") or fp32: which\nderived "
                         "tolerance of the vectors file applies");
  add_repeated(app, "--set", a->sets, "key=value",
               "a parameter the vectors file must have (with --hf-config / --model:\n"
               "an override of the derived one); exit 2 names a disagreeing key");
  add_value<std::string>(
      app, "--cases", a->selection,
      [](const std::string& o, const std::string& t) {
        parse_case_selection(o, t, flag_names());
        return t;
      },
      "LIST",
      "which cases to judge: all (default), or a comma list of flags\n(requested, "
      "large-position, knee, partial-rotary, ...; -FLAG excludes):\nthe cases carrying one, "
      "plus the cases their scores need");
  add_model_options(app, a->model);
  add_text(app, "--junit", a->junit_path, "FILE",
           "a JUnit XML report: one testcase per case and per output check");
  add_text(app, "--json", a->json_path, "FILE",
           "machine-readable report ('-' = stdout, the text report then goes to\nstderr): "
           "verdict, per-case verdicts with flags, checks, diagnosis");
  app.footer(
      "exit codes: 0 every case within its tolerance and every check on the outputs passed,\n"
      "            1 otherwise, 2 usage error or a malformed file (named with its JSON path or "
      "line)");
  return [a] { return run_verify(*a); };
}

}  // namespace posprop::cli
