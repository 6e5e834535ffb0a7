#include "command_table.hpp"

#include "bound_command.hpp"
#include "freqs_command.hpp"
#include "gate_commands.hpp"
#include "precision_command.hpp"

namespace posprop::cli {

// One line per command: {name, synopsis, summary, run}.
const std::vector<ToolCommand>& tool_commands() {
  static const std::vector<ToolCommand> table = {
      {"freqs", kFreqsSynopsis,
       "spec quantities of an encoder (inverse frequencies, attention factor) at N digits",
       run_freqs},
      {"vectors", kVectorsSynopsis, "golden vectors (exact outputs, derived fp32/fp64 tolerances)",
       run_vectors},
      {"verify", kVerifySynopsis, "check an implementation's outputs for golden vectors",
       run_verify},
      {"report", kReportSynopsis, "self-contained HTML + Markdown report (matrix, ledger, figures)",
       run_report},
      {"precision", kPrecisionSynopsis,
       "finite-precision study: error vs position per number format", run_precision},
      {"bound", kBoundSynopsis,
       "RoFormer long-term decay bound curve at 100 digits, and whether it is monotone", run_bound},
  };
  return table;
}

const ToolCommand* find_tool_command(const std::string& name) {
  for (const ToolCommand& c : tool_commands())
    if (name == c.name) return &c;
  return nullptr;
}

std::string command_names() {
  std::string names = "list, check, claims";
  for (const ToolCommand& c : tool_commands()) names += std::string(", ") + c.name;
  return names + ", help";
}

}  // namespace posprop::cli
