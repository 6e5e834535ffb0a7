#include "usage.hpp"

#include "command_table.hpp"

#include "support/property.hpp"

namespace posprop::cli {
namespace {
const char* const kListSynopsis = "usage: posprop list [--json]";
const char* const kCheckSynopsis =
    "usage: posprop check [--encoder GLOB] [--property GLOB] [--cases N] [--seed S]\n"
    "                     [--precision hp50|hp100] [--json FILE] [--junit FILE] [--md FILE]\n"
    "                     [--plugin lib.so ...] [--plugin-timeout S]";
const char* const kClaimsSynopsis =
    "usage: posprop claims [--cases N] [--seed S] [--json FILE] [--md FILE] [--figures DIR]";
const char* const kGeneralSynopsis = "usage: posprop <command> [options]";
}  // namespace

void print_usage(std::ostream& out) {
  out << "posprop: property-based verification of transformer positional encodings\n"
         "\n"
      << kGeneralSynopsis
      << "\n"
         "\n"
         "commands:\n"
         "  list [--json]       encoders (family, site, parameters, expected failures) and\n"
         "                      properties (id, statement, proof, encoders it applies to)\n"
         "  check [options]     run every applicable (property, encoder) pair and print the\n"
         "                      verdict matrix (rows encoders, columns properties)\n"
         "  claims [options]    the study-note ledger (proofs/CLAIMS.md): every claim's verdict\n"
         "                      computed from live checks and interval certificates\n";
  for (const ToolCommand& c : tool_commands()) {
    const std::string name = c.name;
    out << "  " << name << std::string(name.size() < 18 ? 18 - name.size() : 1, ' ') << "  "
        << c.summary << "\n";
  }
  out << "  help                this text (also --help, -h); 'posprop <command> --help' for a\n"
         "                      command's options\n"
         "\n"
         "check options:\n"
         "  --encoder GLOB      encoders to check, shell glob with * and ? (default *)\n"
         "  --property GLOB     property ids to check (default *)\n"
         "  --cases N           generated cases per cell, a positive integer (default 100)\n"
         "  --seed S            RapidCheck seed, a non-negative integer (default "
      << kDefaultSeed
      << ")\n"
         "  --precision P       high-precision rung of every case: hp50 (default) or hp100\n"
         "  --json FILE         write the results as JSON ('-' = stdout; the table then goes\n"
         "                      to stderr)\n"
         "  --junit FILE        write a JUnit XML report (one testcase per cell)\n"
         "  --md FILE           write a Markdown report (matrix, legend, counterexamples)\n"
         "  --plugin lib.so     check an outside implementation (C ABI "
         "lib/include/posprop/plugin.h;\n"
         "                      repeatable): its encoder is the matrix's row, held to the double\n"
         "                      error bound of the encoder it names (proofs/plugins.md)\n"
         "  --plugin-timeout S  time limit in seconds on loading a plugin and on each of its\n"
         "                      calls (default 10); the plugin runs in a worker process, a call\n"
         "                      that crashes, exits or exceeds the limit is an ERROR cell\n"
         "\n"
         "claims options:\n"
         "  --cases N, --seed S as for check (cases per evidence cell)\n"
         "  --json FILE         "
         "{\"claims\":[{\"id\",\"verdict\",\"stated\",\"evidence\",\"proof\",..}]}\n"
         "  --md FILE           the ledger as Markdown\n"
         "  --figures DIR       write rope_scores.svg, sinpe_scores.svg, sinpe_wavelengths.svg\n"
         "  exit 1 if a computed verdict differs from the ledger's stated one\n"
         "\n"
         "environment:\n"
         "  RC_PARAMS           RapidCheck parameters: seed=, max_success=, max_size= win over\n"
         "                      the flags; reproduce= replays a printed counterexample\n"
         "\n"
         "exit codes: 0 every verdict as expected, 1 a verdict differs from its expectation\n"
         "            (or a check errored), 2 usage or input error\n";
}

std::string usage_hint(const std::vector<std::string>& args) {
  const std::string command = args.empty() ? "" : args[0];
  const ToolCommand* tool = find_tool_command(command);
  const char* synopsis = command == "list"     ? kListSynopsis
                         : command == "check"  ? kCheckSynopsis
                         : command == "claims" ? kClaimsSynopsis
                         : tool                ? tool->synopsis
                                               : kGeneralSynopsis;
  return std::string(synopsis) + "\n(run 'posprop --help' for details)\n";
}

}  // namespace posprop::cli
