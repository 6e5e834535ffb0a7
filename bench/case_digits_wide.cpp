// One case's evaluation at 200 and 400 digits (the cost-versus-digits table).
#include "mpfr_wide.hpp"

#include "case_bench.hpp"

namespace posprop::bench {

void register_case_wide() {
  register_case<Hp200>("hp200");
  register_case<Hp400>("hp400");
}

}  // namespace posprop::bench
