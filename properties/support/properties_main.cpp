// The property matrix under Catch2: one test per (property, shipped encoder).
#include "posprop/registry.hpp"
#include "support/catch_cells.hpp"

int main(int argc, char** argv) {
  posprop::register_cell_tests(posprop::encoders(), "");
  return posprop::run_catch_main(argc, argv);
}
