// `posprop vectors`: golden vectors for an outside implementation (format: the JSON schema in
// README, "Checking your implementation"; tolerances: proofs/golden_vectors.md).
#include "bias_vectors.hpp"
#include "command_line.hpp"
#include "commands.hpp"
#include "golden.hpp"
#include "model_source.hpp"
#include "option_values.hpp"
#include "output_files.hpp"

#include <iostream>
#include <memory>

namespace posprop::cli {
namespace {

struct VectorsArgs {
  GoldenRequest request;
  std::vector<std::string> sets;  // --set key=value
  bool no_extra_cases = false;
  std::string extras;  // --cases
  std::string out;
  ModelArgs model;  // --hf-config / --model
};

/// Positions of `vectors --model` / --hf-config when --positions is not given.
const char* const kModelPositions = "0,1,2,3,5,8,13,100,1000";

/// Encoder, parameters and dimension from the config (a --dim must agree with its head_dim).
void take_model(VectorsArgs& a) {
  GoldenRequest& r = a.request;
  const HfDerivation d = derive_model_quietly(a.model, parse_sets(a.sets), r.encoder);
  const int head_dim = static_cast<int>(d.params.get_int("head_dim", 2, 65536));
  if (r.dim != 0 && r.dim != head_dim) {
    throw InputError("--dim " + std::to_string(r.dim) +
                     " contradicts head_dim = " + std::to_string(head_dim) + " of " + d.file);
  }
  print_derivation(d);
  r.encoder = d.encoder;
  r.dim = head_dim;
  r.params = without_head_dim(d.params);
  if (r.positions.empty()) r.positions = parse_positions(kModelPositions);
}

int run_vectors(VectorsArgs& a) {
  GoldenRequest& request = a.request;
  if (a.model.given()) {
    take_model(a);
  } else {
    request.params = parse_sets(a.sets);
  }
  if (request.encoder.empty()) throw InputError("posprop vectors needs an ENCODER name");
  if (request.dim == 0) throw InputError("option '--dim' is required");
  if (request.positions.empty()) throw InputError("option '--positions' is required");
  if (a.out.empty()) throw InputError("option '--out' is required");
  if (a.no_extra_cases && !a.extras.empty())
    throw InputError("give either --no-extra-cases or --cases, not both");
  if (a.no_extra_cases) request.extras = parse_case_selection("--cases", "none", {});
  if (!a.extras.empty())
    request.extras = parse_case_selection("--cases", a.extras, extra_case_classes());
  const bool bias = find_encoder(request.encoder).site == Site::score_bias;
  std::optional<GoldenFile> golden;
  std::optional<BiasFile> biases;
  if (bias) {
    biases = make_bias_vectors(request);  // validates every input first
  } else {
    golden = make_golden(request);
  }
  OutputFiles outputs;
  if (!a.model.hf_config.empty()) outputs.add_input("--hf-config", a.model.hf_config);
  const int out = outputs.add_output("--out", a.out);
  outputs.open();
  outputs.write(out, [&](std::ostream& os) {
    if (bias) {
      write_bias_json(os, *biases);
    } else {
      write_golden_json(os, *golden);
    }
  });
  outputs.commit();
  if (a.out != "-") {
    std::cout << "wrote " << (bias ? biases->cases.size() : golden->cases.size()) << " cases in "
              << (bias ? biases->groups.size() : golden->groups.size()) << " group(s) for "
              << request.encoder << " to " << a.out << '\n';
  }
  return 0;
}

void add_options(CLI::App& app, VectorsArgs& a) {
  add_positional(app, "ENCODER", a.request.encoder,
                 "a qk_transform encoder, or alibi / t5-bias / t5-bias-causal\n('posprop list')");
  add_repeated(app, "--set", a.sets, "key=value", "encoder parameter (repeatable)");
  add_value<int>(app, "--dim", a.request.dim, integer_in<int>(2, 65536, true), "D",
                 "head_dim of the requested cases (required)");
  add_value<std::vector<double>>(
      app, "--positions", a.request.positions,
      [](const std::string&, const std::string& t) { return parse_positions(t); }, "P",
      "comma list (0,5,17) or inclusive range A:B[:STEP] (required)");
  add_value<std::uint64_t>(
      app, "--seed", a.request.seed,
      [](const std::string& o, const std::string& t) {
        const std::uint64_t seed = parse_unsigned(o, t);
        if (seed > (1ULL << 53)) throw InputError("option '--seed' is too large (max 2^53)");
        return seed;
      },
      "S", "seed of the inputs q, k (default 1)");
  add_value<int>(app, "--digits", a.request.digits, integer_in<int>(17, 90), "N",
                 "significant digits of the reference values, 17..90 (default 40)");
  add_flag(app, "--no-extra-cases", a.no_extra_cases,
           "only the requested positions (= --cases none)");
  add_value<std::string>(
      app, "--cases", a.extras,
      [](const std::string& o, const std::string& t) {
        parse_case_selection(o, t, extra_case_classes());
        return t;
      },
      "LIST",
      "which classes of bug-hunting cases to add besides the requested\npositions: all "
      "(default), none, or a comma list of large-position\n(up to 2^24), knee (L-1 / L / L+1 "
      "around every *max_position*\nparameter), partial-rotary (widths 0.5, 0.25), "
      "non-power-of-two-dim,\ncache-length (seq_len around L); -CLASS excludes one");
  add_text(app, "--out", a.out, "FILE", "where to write the JSON ('-' = stdout; required)");
  add_model_options(app, a.model);
}

}  // namespace

Action define_vectors(CLI::App& app) {
  auto a = std::make_shared<VectorsArgs>();
  a->request.dim = 0;  // --dim is required
  app.description(
      "Writes golden vectors for a qk_transform encoder: exact inputs q, k (multiples of 2^-12,\n"
      "exact in fp32 and fp64), positions, the encoded q and k and the score\n"
      "(A_q(p) q) . (A_k(p0) k) computed at 100 significant digits and printed to N digits, and\n"
      "per case the tolerance a correct fp32 / fp64 implementation must meet (derived in\n"
      "proofs/golden_vectors.md). Check an implementation's outputs with 'posprop verify'.");
  add_options(app, *a);
  return [a] { return run_vectors(*a); };
}

}  // namespace posprop::cli
