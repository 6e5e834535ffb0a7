#include "check_command.hpp"

#include "coverage_json.hpp"
#include "json_writer.hpp"
#include "junit_writer.hpp"
#include "markdown_writer.hpp"
#include "matrix.hpp"
#include "matrix_table.hpp"
#include "output_files.hpp"
#include "progress.hpp"
#include "rapidcheck_config.hpp"

#include <iostream>

namespace posprop::cli {

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
  return matrix.all_as_expected() ? 0 : 1;
}

}  // namespace posprop::cli
