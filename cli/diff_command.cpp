// posprop diff A B: where two encoders, conventions or configs disagree beyond the proven
// tolerance (posprop/diff.hpp, proofs/conventions.md).
#include "command_line.hpp"
#include "commands.hpp"
#include "diff_report.hpp"
#include "golden.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

namespace posprop::cli {

namespace {

struct DiffArgs {
  std::string a, b;
  std::vector<std::string> sets, sets_a, sets_b;
  std::string layer_type;
  std::vector<Index> dims;
  std::vector<double> positions;
  precision::FormatId format = precision::FormatId::fp32;
  bool json = false;
};

precision::FormatId parse_fp(const std::string& option, const std::string& text) {
  if (text == "fp32") return precision::FormatId::fp32;
  if (text == "fp64") return precision::FormatId::fp64;
  throw InputError("option '" + option + "' expects fp32 or fp64, got '" + text + "'");
}

std::vector<Index> parse_dims(const std::string& option, const std::string& text) {
  std::vector<Index> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    out.push_back(
        static_cast<Index>(parse_integer_in(option, text.substr(start, comma - start), 2, 65536,
                                            /*even=*/true)));
    start = comma + 1;
  }
  return out;
}

/// --positions: integers in [0, 2^24], sorted and distinct.
std::vector<double> checked_positions(std::vector<double> p) {
  for (const double q : p) {
    if (q < 0 || q > 16777216.0 || q != static_cast<double>(static_cast<long long>(q))) {
      throw InputError("option '--positions': position " + to_decimal(q) +
                       " is not an integer in [0, 16777216] (2^24: the range of every side)");
    }
  }
  std::sort(p.begin(), p.end());
  p.erase(std::unique(p.begin(), p.end()), p.end());
  return p;
}

Params side_sets(const std::vector<std::string>& common, const std::vector<std::string>& own) {
  Params p = parse_sets(common);
  const Params side = parse_sets(own);
  for (const auto& [k, v] : side.values()) p.set(k, v);
  return p;
}

/// The comparison at one (head_dim of A, head_dim of B), appended to run.comparisons; a swept
/// dim that cannot be built is recorded in run.skipped instead (a requested one is an error).
void compare_at(DiffRun& run, const DiffArgs& args, Index dim_a, Index dim_b, bool swept) {
  try {
    const Params pa = run.a.params(dim_a), pb = run.b.params(dim_b);
    const diff::Side a(*run.a.entry, pa, run.a.convention->id, args.format);
    const diff::Side b(*run.b.entry, pb, run.b.convention->id, args.format);
    const std::vector<double> positions =
        args.positions.empty() ? diff::default_positions(pa, pb) : args.positions;
    if (run.comparisons.empty()) {
      run.params_a = pa;
      run.params_b = pb;
    }
    run.comparisons.push_back(diff::compare(a, b, positions));
  } catch (const InputError& e) {
    if (!swept) throw;
    run.skipped.emplace_back(dim_a, e.what());
  }
}

int run_diff(const DiffArgs& args) {
  if (args.a.empty() || args.b.empty())
    throw InputError("diff: two operands needed: posprop diff A B (see posprop diff --help)");
  DiffRun run;
  run.a = resolve_operand(args.a, side_sets(args.sets, args.sets_a), args.layer_type);
  run.b = resolve_operand(args.b, side_sets(args.sets, args.sets_b), args.layer_type);
  run.format = args.format;
  bool swept = false;
  for (const auto& [da, db] : head_dims(run.a, run.b, args.dims, swept))
    compare_at(run, args, da, db, swept);
  if (run.comparisons.empty()) {
    throw InputError("no head_dim could be compared: " + run.skipped.front().second +
                     " (choose one with --dims)");
  }
  if (args.json) {
    print_diff_json(std::cout, run);
  } else {
    print_diff_text(std::cout, run);
  }
  return run.differs() ? 1 : 0;
}

}  // namespace

Action define_diff(CLI::App& app) {
  auto a = std::make_shared<DiffArgs>();
  app.description(
      "Compares two pair-rotating encoders pair by pair at 100 digits and prints where they\n"
      "disagree beyond the proven error bound of a correct implementation of each (fp32 by\n"
      "default): which pairs, from which position (minimised: it agrees one position earlier),\n"
      "the worst position, absolute and relative difference. A and B are SOURCE[@CONVENTION]:\n"
      "an encoder ('posprop list'), a catalogue model ('posprop list --models') or a config.json\n"
      "path; CONVENTION: transformers (default), transformers-ratio, transformers-legacy,\n"
      "ggml, ggml-cpu, ggml-cuda. Exit 0: they agree; 1: they differ; 2: bad input.");
  add_positional(app, "A", a->a, "first operand: SOURCE[@CONVENTION]");
  add_positional(app, "B", a->b, "second operand: SOURCE[@CONVENTION]");
  add_repeated(app, "--set", a->sets, "key=value", "a parameter of both sides (repeatable)");
  add_repeated(app, "--set-a", a->sets_a, "key=value", "a parameter of A only (repeatable)");
  add_repeated(app, "--set-b", a->sets_b, "key=value", "a parameter of B only (repeatable)");
  add_text(app, "--layer-type", a->layer_type, "NAME",
           "the RoPE of this layer type for configs with one per layer type");
  add_value<std::vector<Index>>(app, "--dims", a->dims, parse_dims, "D[,D..]",
                                "head_dims to compare encoders at (default: their defaults\nand "
                                "64, 80, 96, 128, 256)");
  add_value<std::vector<double>>(
      app, "--positions", a->positions,
      [](const std::string&, const std::string& t) {
        return checked_positions(parse_positions(t));
      },
      "P",
      "LIST or A:B[:STEP] (default: 0-3, 2^e - 1, 2^e, 2^e + 1 up to\n2^24, 10^6, and "
      "L - 1, L, L + 1 of every *max_position* / seq_len)");
  add_value<precision::FormatId>(app, "--precision", a->format, parse_fp, "fp32|fp64",
                                 "whose error bounds decide (default fp32)");
  add_flag(app, "--json", a->json, "one JSON document on stdout");
  return [a] { return run_diff(*a); };
}

}  // namespace posprop::cli
