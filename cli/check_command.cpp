#include "args.hpp"
#include "check_json.hpp"
#include "command_line.hpp"
#include "commands.hpp"
#include "coverage_json.hpp"
#include "junit_writer.hpp"
#include "markdown_writer.hpp"
#include "matrix.hpp"
#include "matrix_table.hpp"
#include "output_files.hpp"
#include "progress.hpp"
#include "rapidcheck_config.hpp"

#include <iostream>
#include <memory>

namespace posprop::cli {
namespace {

int run_check(const CheckArgs& args) {
  load_rapidcheck_configuration();
  Matrix matrix = select_matrix(args);
  OutputFiles outputs(args);
  for (const std::string& note : rapidcheck_notes()) std::cerr << "posprop: note: " << note << '\n';

  run_matrix(matrix, terminal_progress());

  std::ostream& human = outputs.uses_stdout() ? std::cerr : std::cout;
  print_matrix(human, matrix);
  print_coverage(human, matrix);
  print_details(human, matrix);
  human.flush();

  outputs.write("--json", [&](std::ostream& out) { write_json(out, matrix); });
  outputs.write("--junit", [&](std::ostream& out) { write_junit(out, matrix); });
  outputs.write("--md", [&](std::ostream& out) { write_markdown(out, matrix); });
  outputs.commit();
  return matrix.all_as_expected() ? 0 : 1;
}

}  // namespace

void add_cases_and_seed(CLI::App& app, int& cases, std::uint64_t& seed) {
  add_value<int>(
      app, "--cases", cases, parse_cases, "N",
      "generated cases per cell, a positive integer (default " + std::to_string(cases) + ")");
  add_value<std::uint64_t>(
      app, "--seed", seed,
      [](const std::string& o, const std::string& t) { return parse_unsigned(o, t); }, "S",
      "RapidCheck seed, a non-negative integer (default " + std::to_string(seed) + ")");
}

void add_selection_options(CLI::App& app, CheckArgs& a) {
  add_text(app, "--encoder", a.encoder_glob, "GLOB",
           "encoders to check, shell glob with * and ? (default *)");
  add_text(app, "--property", a.property_glob, "GLOB", "property ids to check (default *)");
  add_cases_and_seed(app, a.cases, a.seed);
  add_value<int>(
      app, "--jobs", a.jobs, integer_in<int>(1, 1024), "N",
      "check the cells on N worker processes (default: one per CPU, at most\n8; 1 with --plugin)");
}

Action define_check(CLI::App& app) {
  auto a = std::make_shared<CheckArgs>();
  app.description(
      "Runs every applicable (property, encoder) pair matching the globs and prints the verdict\n"
      "matrix (rows encoders, columns properties), then every counterexample with the command\n"
      "that reproduces it.");
  add_selection_options(app, *a);
  add_model_options(app, a->model);
  add_repeated(app, "--set", a->sets, "key=value",
               "override a derived parameter (with --hf-config / --model)");
  add_value<int>(app, "--precision", a->hp_digits, parse_hp_digits, "P",
                 "high-precision rung of every case: hp50 (default) or hp100");
  add_text(app, "--json", a->json_file, "FILE",
           "write the results as JSON (DESIGN.md section 5);\n'-' = stdout (the table then goes "
           "to stderr)");
  add_text(app, "--junit", a->junit_file, "FILE",
           "write a JUnit XML report (one testcase per cell)");
  add_text(app, "--md", a->md_file, "FILE",
           "write a Markdown report (matrix, legend, counterexamples)");
  add_repeated(app, "--plugin", a->plugins, "lib.so",
               "check an outside implementation (C ABI lib/include/posprop/plugin.h;\n"
               "repeatable): its encoder is the matrix's row, held to the double error\n"
               "bound of the encoder it names (proofs/plugins.md)");
  add_value<double>(app, "--plugin-timeout", a->plugin_timeout, parse_plugin_timeout, "S",
                    "time limit in seconds on loading a plugin and on each of its calls\n"
                    "(default 10); the plugin runs in a worker process, a call that crashes,\n"
                    "exits or exceeds the limit is an ERROR cell");
  app.footer(
      "environment: RC_PARAMS (RapidCheck: seed=, max_success=, max_size= win over the flags;\n"
      "reproduce= replays a printed counterexample)\n"
      "exit codes: 0 every verdict as expected, 1 a verdict differs (or a check errored), 2 usage\n"
      "or input error");
  return [a] { return run_check(*a); };
}

}  // namespace posprop::cli
