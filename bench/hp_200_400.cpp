// 200- and 400-digit apply / projection / logit (the cost-versus-digits table).
#include "mpfr_wide.hpp"

#include "hp_bench.hpp"

namespace posprop::bench {

void register_hp_200_400() {
  register_hp<Hp200>({}, {});
  register_hp<Hp400>({}, {});
}

}  // namespace posprop::bench
