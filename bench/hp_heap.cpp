// Hp50 / Hp100 with heap-allocated limbs (mpfr_heap.hpp): the same benchmarks as hp_50_100.cpp,
// to measure what the ladder's stack-allocated limbs save.
#include "mpfr_heap.hpp"

#include "hp_bench.hpp"

namespace posprop::bench {

void register_hp_heap() {
  register_hp<Hp50Heap>({}, {});
  register_hp<Hp100Heap>({}, {});
}

}  // namespace posprop::bench
