// The broken scaled-RoPE entries (broken_scaled_rope.cpp), each with the name of the shipped
// encoder it imitates; broken_registry.cpp appends them to the broken encoders.
#pragma once

#include "posprop/registry.hpp"

#include <string>
#include <utility>
#include <vector>

namespace posprop::meta {

std::vector<std::pair<EncoderEntry, std::string>> broken_scaled_rope_entries();

}  // namespace posprop::meta
