// Hp50 and Hp100 apply / projection / logit; Hp50 also carries the scaling-with-d rows.
#include "hp_bench.hpp"

namespace posprop::bench {

void register_hp_50_100() {
  register_hp<Hp50>({2, 8, 32, 64, 128, 256, 512, 1024}, {2, 8, 32, 64, 128, 256});
  register_hp<Hp100>({}, {});
}

}  // namespace posprop::bench
