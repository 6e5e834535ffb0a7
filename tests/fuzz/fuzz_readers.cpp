// libFuzzer targets for the readers of the files users hand to posprop (issue 13 item 5): the
// bytes are the file, read through the same functions posprop uses (verify.hpp, golden.hpp,
// model_source.hpp), then judged, reported and encoded as the commands do. One executable per
// reader, chosen at compile time by POSPROP_FUZZ_READER:
//   1 vectors        a golden-vectors file (posprop verify --vectors); outputs made from its own
//                    reference values, then judged and reported
//   2 outputs_json   an outputs file for the fixed vectors file POSPROP_FUZZ_VECTORS
//   3 outputs_csv    the same as CSV
//   4 hf_config      a transformers config.json (--hf-config; with "_posprop" as a catalogue
//                    entry, --model), then the derived encoder applied at a few positions
// A malformed file must end in InputError (exit 2 in posprop); anything else escaping, a crash,
// a hang or a sanitizer report is a bug. Built only with -DPOSPROP_FUZZ=ON (scripts/fuzz;
// README "Fuzzing").
#include "golden.hpp"
#include "json_io.hpp"
#include "model_source.hpp"
#include "verify.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace posprop::cli {
namespace {

/// Judges, diagnoses and reports as `posprop verify` does (reports into memory).
void judge_and_report(const VerifyInputs& in) {
  const std::vector<CaseResult> cases = judge_cases(in);
  std::vector<CheckResult> checks = check_outputs(in, cases);
  const Diagnosis diagnosis = diagnose(in, cases);
  for (CheckResult& d : diagnosis_checks(diagnosis, declared_text(in)))
    checks.push_back(std::move(d));
  std::ostringstream text, junit, json;
  print_report(text, in, cases, checks);
  write_junit_report(junit, in, cases, checks);
  write_json_report(json, in, cases, checks, diagnosis);
  (void)verdict(cases, checks);
}

/// The outputs reader takes a path: the bytes go to a per-process file named like the input,
/// so that messages name it as they name the user's file.
std::string as_file(const std::string& text, const std::string& name) {
  static const std::string dir = [] {
    const std::string d = "/tmp/posprop-fuzz-" + std::to_string(getpid());
    mkdir(d.c_str(), 0700);
    return d;
  }();
  const std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  return path;
}

/// read_inputs as `posprop verify` calls it, the outputs given as text.
VerifyInputs read_with_outputs(const EncoderEntry& entry, const GoldenFile& golden,
                               const std::string& vectors_path, const std::string& outputs,
                               const std::string& name) {
  VerifyRequest r;
  r.vectors_path = vectors_path;
  r.outputs_path = as_file(outputs, name);
  return read_inputs(entry, golden, r);
}

/// An outputs file equal to the (rounded) reference values of every case.
std::string reference_outputs(const GoldenFile& golden) {
  Json cases = Json::array();
  for (std::size_t i = 0; i < golden.cases.size(); ++i) {
    Json q = Json::array(), k = Json::array();
    for (const std::string& x : golden.cases[i].q_out) q.push_back(std::strtod(x.c_str(), nullptr));
    for (const std::string& x : golden.cases[i].k_out) k.push_back(std::strtod(x.c_str(), nullptr));
    cases.push_back({{"id", i}, {"q_out", q}, {"k_out", k}});
  }
  return dump_document({{"precision", "fp64"}, {"cases", cases}});
}

void fuzz_vectors(const std::string& text) {
  const GoldenFile golden = parse_golden_json(text, "vectors.json");
  const EncoderEntry* entry = nullptr;
  try {
    entry = &find_encoder(golden.encoder);
  } catch (const InputError&) {
    return;  // the encoder names no shipped entry: a usage error in posprop
  }
  judge_and_report(
      read_with_outputs(*entry, golden, "vectors.json", reference_outputs(golden), "outputs.json"));
}

/// The vectors file the outputs targets read against (the seed corpus matches it).
const GoldenFile& fixed_vectors() {
  static const GoldenFile golden = [] {
    std::ifstream f(POSPROP_FUZZ_VECTORS, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
    return parse_golden_json(text, POSPROP_FUZZ_VECTORS);
  }();
  return golden;
}

void fuzz_outputs(const std::string& text, const char* name) {
  const GoldenFile& golden = fixed_vectors();
  judge_and_report(
      read_with_outputs(find_encoder(golden.encoder), golden, POSPROP_FUZZ_VECTORS, text, name));
}

void fuzz_hf_config(const std::string& text) {
  ModelArgs args;
  args.hf_config = "config.json";
  if (text.find("_posprop") != std::string::npos) args.model = "fuzz";  // catalogue metadata
  const HfDerivation d = derive_model_text(args, text, "config.json", Params{}, "");
  (void)describe(d);
  const EncoderEntry entry = model_entry(d, "fuzz");
  const auto encoder = entry.make<double>(d.params);
  const Vec<double> x =
      Vec<double>::Ones(static_cast<Index>(d.params.get_int("head_dim", 1, 1 << 20)));
  for (const double p : {0.0, 1.0, 4096.0}) {
    if (encoder->site() == Site::qk_transform) (void)encoder->apply_query(x, p);
  }
}

/// The name every message about the input must contain.
const char* file_name() {
  switch (POSPROP_FUZZ_READER) {
    case 1:
      return "vectors.json";
    case 2:
      return "outputs.json";
    case 3:
      return "outputs.csv";
    default:
      return "config.json";
  }
}

void run(const std::string& text) {
  switch (POSPROP_FUZZ_READER) {
    case 1:
      return fuzz_vectors(text);
    case 2:
    case 3:
      return fuzz_outputs(text, file_name());
    default:
      return fuzz_hf_config(text);
  }
}

}  // namespace
}  // namespace posprop::cli

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    posprop::cli::run(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const posprop::InputError& e) {
    // A malformed file: posprop's exit 2, with a message that names the file. Any other
    // exception reaches libFuzzer (uncaught: std::terminate, a crash report with the input).
    if (std::string(e.what()).find(posprop::cli::file_name()) == std::string::npos) {
      std::fprintf(stderr, "message does not name the file: %s\n", e.what());
      std::abort();
    }
  }
  return 0;
}
