// The broken encoders as registry entries. Each entry's expected_failures lists exactly the
// properties that catch its bug (verified: meta/<property>/<encoder> requires a structural
// counterexample; meta/exact/<encoder> requires every other applicable property to give the
// verdict of the shipped encoder it imitates).
#pragma once

#include "posprop/registry_builder.hpp"

#include <memory>
#include <vector>

namespace posprop::meta {

/// Broken encoders are built for the scalars the properties use (float is not instantiated).
inline constexpr build::Scalars kLadder = build::Scalars::ladder;

/// The broken encoders; expected_failures = the properties that catch the bug. Stable order.
const std::vector<EncoderEntry>& broken_encoders();

/// The same encoders with expected_failures = catches + the expected failures of the shipped
/// encoder each one imitates: the whole row of the matrix they must produce.
const std::vector<EncoderEntry>& broken_encoders_exact();

/// The same encoders registered as if they were correct (no expected failure): their cells FAIL.
/// Only for reproduce_check.py; never written to the CTest file.
const std::vector<EncoderEntry>& broken_as_correct();

}  // namespace posprop::meta
