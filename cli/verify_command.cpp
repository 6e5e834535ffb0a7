// `posprop verify`: checks an outside implementation's outputs for golden vectors (posprop
// vectors) in four steps (verify.hpp): read the inputs, judge every case against its derived
// tolerance, check and diagnose the outputs themselves, report; exit 0 / 1.
#include "command_line.hpp"
#include "commands.hpp"
#include "model_source.hpp"
#include "option_values.hpp"
#include "output_files.hpp"
#include "verify.hpp"

#include <iostream>
#include <memory>

namespace posprop::cli {
namespace {

struct VerifyArgs {
  std::string encoder, vectors_path, outputs_path, junit_path, precision;
  std::vector<std::string> sets;  // --set key=value (with --hf-config / --model)
  ModelArgs model;
};

/// With --hf-config / --model the vectors must be for the derived encoder and parameters.
void check_model_params(const VerifyInputs& in, const HfDerivation& d) {
  if (in.golden.groups.empty()) return;
  const Params& p = in.golden.groups.front().params;
  for (const auto& [key, value] : d.params.values()) {
    if (key == "head_dim" || (p.has(key) && p.get_string(key) == value)) continue;
    throw InputError(in.vectors_path + ": parameter " + key + " = " +
                     (p.has(key) ? p.get_string(key) : std::string("(absent)")) +
                     ", but the config derives " + value);
  }
}

int run_verify(const VerifyArgs& a) {
  std::string encoder = a.encoder;
  HfDerivation derived;
  if (a.model.given()) {
    derived = derive_model_quietly(a.model, parse_sets(a.sets), a.encoder);
    encoder = derived.encoder;
  } else if (!a.sets.empty()) {
    throw InputError("--set needs --hf-config or --model (the vectors file holds the parameters)");
  }
  if (encoder.empty()) throw InputError("posprop verify needs an ENCODER name (or --hf-config)");
  if (a.vectors_path.empty()) throw InputError("option '--vectors' is required");
  if (a.outputs_path.empty()) throw InputError("option '--outputs' is required");
  const EncoderEntry& entry = find_encoder(encoder);
  OutputFiles outputs;
  outputs.add_input("--vectors", a.vectors_path);
  outputs.add_input("--outputs", a.outputs_path);
  if (!a.model.hf_config.empty()) outputs.add_input("--hf-config", a.model.hf_config);
  const int junit = outputs.add_output("--junit", a.junit_path);
  const VerifyInputs in = read_inputs(entry, a.vectors_path, a.outputs_path, a.precision);
  if (a.model.given()) {
    check_model_params(in, derived);
    print_derivation(derived);
  }
  outputs.open();  // after validating the inputs; refuses a --junit that names one of them
  const std::vector<CaseResult> cases = judge_cases(in);
  const std::vector<CheckResult> checks = check_outputs(in, cases);
  if (in.fp32()) {
    for (const GoldenCase& c : in.golden.cases) {
      if (c.fp32) continue;
      std::cerr << "posprop: note: some positions are not exact in fp32 (beyond 2^24): those "
                   "cases have no fp32 tolerance and cannot pass at fp32\n";
      break;
    }
  }
  print_report(std::cout, in, cases, checks);
  outputs.write(junit, [&](std::ostream& os) { write_junit_report(os, in, cases, checks); });
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
  add_positional(app, "ENCODER", a->encoder, "the encoder of the vectors file");
  add_text(app, "--vectors", a->vectors_path, "FILE.json", "golden vectors (required)");
  add_text(app, "--outputs", a->outputs_path, "FILE", "your outputs, .json or .csv (required)");
  add_value<std::string>(app, "--precision", a->precision, parse_fp_precision, "P",
                         "fp64 (default, or the JSON's \"precision\") or fp32: which\nderived "
                         "tolerance of the vectors file applies");
  add_repeated(app, "--set", a->sets, "key=value",
               "override a derived parameter (with --hf-config / --model)");
  add_model_options(app, a->model);
  add_text(app, "--junit", a->junit_path, "FILE",
           "a JUnit XML report: one testcase per case and per output check");
  app.footer(
      "exit codes: 0 every case within its tolerance and every check on the outputs passed,\n"
      "            1 otherwise, 2 usage error or a malformed file (named with its JSON path or "
      "line)");
  return [a] { return run_verify(*a); };
}

}  // namespace posprop::cli
