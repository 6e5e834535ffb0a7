// `posprop verify`: checks an outside implementation's outputs for golden vectors (posprop
// vectors) in four steps (verify.hpp): read the inputs, judge every case against its derived
// tolerance, check and diagnose the outputs themselves, report; exit 0 / 1.
#include "command_line.hpp"
#include "commands.hpp"
#include "model_source.hpp"
#include "option_values.hpp"
#include "output_files.hpp"
#include "verify.hpp"

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
void check_named_params(const GoldenFile& golden, const std::string& path, const Params& named,
                        const std::string& source) {
  if (golden.groups.empty()) return;
  const Params& p = golden.groups.front().params;
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
const EncoderEntry& file_encoder(const GoldenFile& golden, const std::string& path,
                                 const std::string& named) {
  if (!named.empty() && named != golden.encoder) {
    throw InputError(path + ": golden vectors are for encoder '" + golden.encoder + "', not '" +
                     named + "'");
  }
  try {
    return find_encoder(golden.encoder);
  } catch (const InputError& e) {
    throw InputError(path + ": encoder: " + e.what());
  }
}

int run_verify(const VerifyArgs& a) {
  if (a.vectors_path.empty()) throw InputError("option '--vectors' is required");
  if (a.outputs_path.empty()) throw InputError("option '--outputs' is required");
  std::string named = a.encoder;
  HfDerivation derived;
  if (a.model.given()) {
    derived = derive_model_quietly(a.model, parse_sets(a.sets), a.encoder);
    named = derived.encoder;
  }
  OutputFiles outputs;
  outputs.add_input("--vectors", a.vectors_path);
  outputs.add_input("--outputs", a.outputs_path);
  if (!a.model.hf_config.empty()) outputs.add_input("--hf-config", a.model.hf_config);
  const int junit = outputs.add_output("--junit", a.junit_path);
  const int json = outputs.add_output("--json", a.json_path);
  GoldenFile golden = read_golden_json(a.vectors_path);
  const EncoderEntry& entry = file_encoder(golden, a.vectors_path, named);
  if (a.model.given()) {
    check_named_params(golden, a.vectors_path, derived.params, "the config derives");
  } else {
    check_named_params(golden, a.vectors_path, parse_sets(a.sets), "--set gives");
  }
  const VerifyInputs in = read_inputs(entry, std::move(golden),
                                      {a.vectors_path, a.outputs_path, a.precision, a.selection});
  if (a.model.given()) print_derivation(derived);
  outputs.open();  // after validating the inputs; refuses an output that names one of them
  const std::vector<CaseResult> cases = judge_cases(in);
  std::vector<CheckResult> checks = check_outputs(in, cases);
  const Diagnosis diagnosis = diagnose(in, cases);
  for (CheckResult& d : diagnosis_checks(in, diagnosis)) checks.push_back(std::move(d));
  std::ostream& human = outputs.uses_stdout() ? std::cerr : std::cout;
  if (in.fp32()) {
    for (const GoldenCase& c : in.golden.cases) {
      if (c.fp32) continue;
      std::cerr << "posprop: note: some positions are not exact in fp32 (beyond 2^24): those "
                   "cases have no fp32 tolerance and cannot pass at fp32\n";
      break;
    }
  }
  print_report(human, in, cases, checks);
  human.flush();
  outputs.write(junit, [&](std::ostream& os) { write_junit_report(os, in, cases, checks); });
  outputs.write(json,
                [&](std::ostream& os) { write_json_report(os, in, cases, checks, diagnosis); });
  outputs.commit();
  return verdict(cases, checks) ? 0 : 1;
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
