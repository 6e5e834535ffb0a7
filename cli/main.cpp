// posprop: the command-line front end (DESIGN.md section 5). Dispatches to the commands and
// maps every outcome to the contract's exit codes: 0 all as expected, 1 a verdict differs
// (or a check errored), 2 usage or input error. Nothing escapes as an uncaught exception.
#include "args.hpp"
#include "check_command.hpp"
#include "claims_command.hpp"
#include "command_table.hpp"
#include "list_command.hpp"
#include "usage.hpp"

#include "posprop/params.hpp"

#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace {

int dispatch(const std::vector<std::string>& args) {
  using posprop::cli::Command;
  const Command command = posprop::cli::parse_args(args);
  switch (command.kind) {
    case Command::help:
      posprop::cli::print_usage(std::cout);
      return 0;
    case Command::list:
      return posprop::cli::run_list(command.list_args, std::cout);
    case Command::check:
      return posprop::cli::run_check(command.check_args);
    case Command::claims:
      return posprop::cli::run_claims(command.claims_args);
    case Command::tool_command:
      return command.tool->run(args);
    case Command::none:
      break;
  }
  std::cerr << "posprop: error: no command given\n\n";
  posprop::cli::print_usage(std::cerr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return dispatch(args);
  } catch (const posprop::InputError& e) {
    std::cerr << "posprop: error: " << e.what() << '\n' << posprop::cli::usage_hint(args);
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "posprop: internal error: " << e.what() << '\n';
    return 1;
  } catch (...) {
    std::cerr << "posprop: internal error: unknown exception\n";
    return 1;
  }
}
