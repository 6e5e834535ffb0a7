// The meta tests: every property must be shown to fail on a deliberately broken encoder.
//   meta/<property>/<encoder>   passes only if a structural counterexample is found;
//   meta/exact/<encoder>        the properties that do not catch the bug are blind to it;
//   broken-as-correct/<property>/<encoder>   the same encoders claimed correct: these FAIL. They
//       exist for reproduce_check.py and are left out of the CTest file on purpose.
#include "broken_registry.hpp"
#include "exact_row.hpp"
#include "support/catch_cells.hpp"

#include <string>

int main(int argc, char** argv) {
  using namespace posprop;
  const bool writing_ctest_file = argc >= 4 && std::string(argv[1]) == "--posprop-ctest";
  register_cell_tests(meta::broken_encoders(), "meta/", /*only_expected_failures=*/true);
  meta::register_exact_row_tests(meta::broken_encoders_exact(), meta::broken_encoders(),
                                 "meta/exact/");
  if (!writing_ctest_file) register_cell_tests(meta::broken_as_correct(), "broken-as-correct/");
  int status = run_catch_main(argc, argv);
  if (writing_ctest_file && status == 0) status = meta::append_exact_row_ctest(argv[2], argv[3]);
  return status;
}
