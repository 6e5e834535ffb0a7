// The precision-study rungs beyond the ladder: 200 and 400 decimal digits (MPFR, et_off), for the
// cost-versus-digits table. Rope<T> is header-defined, so these TUs instantiate it themselves.
#pragma once

#include "posprop/scalar.hpp"

namespace posprop {
using Hp200 = Mpfr<200>;
using Hp400 = Mpfr<400>;
template <>
inline const char* scalar_name<Hp200>() { return "hp200"; }
template <>
inline const char* scalar_name<Hp400>() { return "hp400"; }
}  // namespace posprop
