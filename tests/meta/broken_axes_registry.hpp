// The broken score-bias and multi-axis encoders (broken_axes.hpp) as registry entries, each with
// the name of the shipped encoder it imitates; appended to broken_registry.cpp's list.
#pragma once

#include "posprop/registry.hpp"

#include <string>
#include <utility>
#include <vector>

namespace posprop::meta {

/// (entry with expected_failures = the properties that catch the bug, imitated shipped encoder).
std::vector<std::pair<EncoderEntry, std::string>> axes_broken_entries();

}  // namespace posprop::meta
