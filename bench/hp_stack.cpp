// Hp50 / Hp100 with stack-allocated limbs (mpfr_stack.hpp): the same benchmarks as hp_50_100.cpp,
// to measure the cost of heap allocation in the ladder's multiprecision arithmetic.
#include "mpfr_stack.hpp"

#include "hp_bench.hpp"

namespace posprop::bench {

void register_hp_stack() {
  register_hp<Hp50Stack>({}, {});
  register_hp<Hp100Stack>({}, {});
}

}  // namespace posprop::bench
