// posprop: the command-line front end (DESIGN.md section 5). Runs the command of the command
// table and maps every outcome to the contract's exit codes: 0 all as expected, 1 a verdict
// differs (or a check errored), 2 usage or input error. Nothing escapes as an uncaught exception;
// control characters of a message (which may quote an input file) are escaped.
#include "command_table.hpp"
#include "posprop/heap.hpp"
#include "text_escape.hpp"
#include "usage.hpp"

#include "posprop/params.hpp"

#include <exception>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  posprop::retain_freed_memory();
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return posprop::cli::run_posprop(args);
  } catch (const posprop::InputError& e) {
    std::cerr << "posprop: error: " << posprop::cli::terminal_text(e.what()) << '\n'
              << posprop::cli::usage_hint(args);
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "posprop: internal error: " << posprop::cli::terminal_text(e.what()) << '\n';
    return 1;
  } catch (...) {
    std::cerr << "posprop: internal error: unknown exception\n";
    return 1;
  }
}
