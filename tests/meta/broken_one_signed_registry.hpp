// The one-signed broken encoders (broken_one_signed.hpp) as registry entries, each with the name
// of the shipped encoder it imitates; appended to broken_registry.cpp's list.
#pragma once

#include "posprop/registry.hpp"

#include <string>
#include <utility>
#include <vector>

namespace posprop::meta {

/// (entry with expected_failures = the properties that catch the bug, imitated shipped encoder).
std::vector<std::pair<EncoderEntry, std::string>> one_signed_broken_entries();

}  // namespace posprop::meta
