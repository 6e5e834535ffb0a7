// The broken encoders as registry entries. Each entry's expected_failures lists exactly the
// properties that catch its bug (verified: meta/<property>/<encoder> requires a structural
// counterexample; meta/exact/<encoder> requires every other applicable property to give the
// verdict of the shipped encoder it imitates).
#pragma once

#include "posprop/registry.hpp"

#include <memory>
#include <vector>

namespace posprop::meta {

/// Like set_factories(), but only for the scalar types the properties use (float is not built).
template <class F>
void set_ladder_factories(EncoderEntry& entry, F f) {
  entry.make_float = [name = entry.name](const Params&) -> std::unique_ptr<Encoder<float>> {
    throw InputError("broken encoder '" + name + "' is not built for float");
  };
  entry.make_double = [f](const Params& p) { return f(ScalarTag<double>{}, p); };
  entry.make_hp50 = [f](const Params& p) { return f(ScalarTag<Hp50>{}, p); };
  entry.make_hp100 = [f](const Params& p) { return f(ScalarTag<Hp100>{}, p); };
  entry.make_interval = [f](const Params& p) { return f(ScalarTag<Interval>{}, p); };
}

/// head_dim, checked positive, even and <= 65536.
inline Index head_dim_of(const Params& p) {
  const long long d = p.get_int("head_dim", 1, 65536);
  check_even_dim(d, "head_dim");
  return static_cast<Index>(d);
}

/// The broken encoders; expected_failures = the properties that catch the bug. Stable order.
const std::vector<EncoderEntry>& broken_encoders();

/// The same encoders with expected_failures = catches + the expected failures of the shipped
/// encoder each one imitates: the whole row of the matrix they must produce.
const std::vector<EncoderEntry>& broken_encoders_exact();

/// The same encoders registered as if they were correct (no expected failure): their cells FAIL.
/// Only for reproduce_check.py; never written to the CTest file.
const std::vector<EncoderEntry>& broken_as_correct();

}  // namespace posprop::meta
