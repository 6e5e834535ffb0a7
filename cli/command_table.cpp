#include "command_table.hpp"

#include "command_line.hpp"
#include "commands.hpp"
#include "usage.hpp"

#include "posprop/params.hpp"

#include <iostream>

namespace posprop::cli {

// One line per command: {name, synopsis, summary, define}.
const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"list", "usage: posprop list [--json] [--models]",
       "encoders (parameters, expected failures) and properties (statement, proof)", define_list},
      {"check",
       "usage: posprop check [--encoder GLOB] [--property GLOB] [--cases N] [--seed S] [--jobs N]\n"
       "                     [--precision hp50|hp100] [--json FILE] [--junit FILE] [--md FILE]\n"
       "                     [--plugin lib.so ...] [--hf-config FILE | --model NAME [--set k=v "
       "...]]",
       "run every applicable (property, encoder) pair and print the verdict matrix", define_check},
      {"claims",
       "usage: posprop claims [--cases N] [--seed S] [--json FILE] [--md FILE] [--figures DIR]",
       "the study-note ledger (proofs/CLAIMS.md), every verdict computed live", define_claims},
      {"freqs",
       "usage: posprop freqs ENCODER|--hf-config FILE|--model NAME [--set key=value ...]\n"
       "                     [--digits N] [--json] [--scaling-rule R] [--layer-type T]",
       "spec quantities of an encoder (inverse frequencies, attention factor) at N digits",
       define_freqs},
      {"vectors",
       "usage: posprop vectors ENCODER [--set key=value ...] --dim D --positions LIST|A:B[:STEP]\n"
       "       posprop vectors --hf-config FILE|--model NAME [--positions ..] (dim from the "
       "config)\n"
       "                       [--seed S] [--digits N] [--cases LIST | --no-extra-cases] --out "
       "FILE.json",
       "golden vectors (exact outputs, derived fp32/fp64 tolerances)", define_vectors},
      {"verify",
       "usage: posprop verify [ENCODER|--hf-config FILE|--model NAME] --vectors FILE.json\n"
       "                      --outputs FILE.json|FILE.csv [--set key=value ...]\n"
       "                      [--precision fp32|fp64] [--cases LIST] [--json FILE] [--junit "
       "FILE]",
       "check an implementation's outputs for golden vectors", define_verify},
      {"diff",
       "usage: posprop diff A B [--set k=v ...] [--set-a k=v ...] [--set-b k=v ...]\n"
       "                    [--dims D[,D..]] [--positions P] [--precision fp32|fp64]\n"
       "                    [--layer-type T] [--json]\n"
       "       A, B: ENCODER|MODEL|CONFIG.json[@transformers|@ggml|@ggml-cpu|@ggml-cuda|...]",
       "where two encoders, conventions or configs disagree beyond tolerance", define_diff},
      {"report",
       "usage: posprop report --out DIR [--cases N] [--seed S] [--encoder GLOB] "
       "[--property GLOB]\n"
       "                      [--jobs N] [--no-claims]",
       "self-contained HTML + Markdown report (matrix, ledger, figures)", define_report},
      {"precision",
       "usage: posprop precision [--encoder rope|rope-neox|sinusoidal] "
       "[--format fp64|fp32|fp16|bf16[,..]]\n"
       "                         [--path NAME[,..]] [--head-dim D] [--rope-theta B]\n"
       "                         [--plot angle|entry|bits|equivariance] [--json] [--svg FILE]",
       "finite-precision study: error vs position per number format", define_precision},
      {"looseness",
       "usage: posprop looseness [--path NAME[,..]] [--head-dim D] [--rope-theta B]\n"
       "                         [--max-exponent E] [--json] [--svg FILE]",
       "how sharp verify's tolerances are: tolerance / actual error of correct paths",
       define_looseness},
      {"bound", "usage: posprop bound decay [--dim D] [--base B] [--max-distance R] [--json]",
       "RoFormer long-term decay bound curve at 100 digits, and whether it is monotone",
       define_bound},
  };
  return table;
}

const Command* find_command(const std::string& name) {
  for (const Command& c : commands())
    if (name == c.name) return &c;
  return nullptr;
}

std::string command_names() {
  std::string names;
  for (const Command& c : commands()) names += std::string(c.name) + ", ";
  return names + "help";
}

int run_posprop(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cerr << "posprop: error: no command given\n\n";
    print_usage(std::cerr);
    return 2;
  }
  const std::string& name = args[0];
  if (name == "help" || name == "--help" || name == "-h") {
    print_usage(std::cout);
    return 0;
  }
  const Command* command = find_command(name);
  if (!command && name.rfind('-', 0) == 0)
    throw InputError("unknown option '" + name + "' (expected a command: " + command_names() + ")");
  if (!command)
    throw InputError("unknown command '" + name + "' (commands: " + command_names() + ")");
  CLI::App app(command->summary, "posprop " + name);
  const Action action = command->define(app);
  if (!parse_options(app, name, command->synopsis, {args.begin() + 1, args.end()})) return 0;
  return action();
}

}  // namespace posprop::cli
