// Internal to lib/src: the parameter helpers shared by the registry units, and one function per
// family unit that appends that family's entries (registry_<family>.cpp). A new family is a new
// unit and one call in registry.cpp's build().
#pragma once

#include "posprop/registry_builder.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace posprop::registry_parts {

// The shared readers and parameters (posprop/registry_builder.hpp), under the names the family
// units use.
using build::head_dim;
using build::kBase;
using build::kHeadDim;
using build::kSeed;
using build::kTheta;
using build::rotary_dim;
inline Layout parse_layout(const Params& p) {
  return build::layout(p);
}
inline std::uint64_t seed_of(const Params& p) {
  return build::seed(p);
}

/// A plain RoPE entry (rope, rope-neox, rope-partial) with the given defaults.
EncoderEntry rope_entry(std::string name, std::string layout, std::string factor,
                        std::string description, std::string source);

/// `posprop freqs` for a plain RoPE entry: b^(-2i/d_rot) at high precision
/// (registry_scaled_rope.cpp).
SpecFunction plain_rope_spec();

// Family units: each appends its entries, in a stable order.
void add_scaled_rope_entries(std::vector<EncoderEntry>& all);  // registry_scaled_rope.cpp
void add_score_bias_entries(std::vector<EncoderEntry>& all);   // registry_score_bias.cpp
void add_multiaxis_entries(std::vector<EncoderEntry>& all);    // registry_multiaxis.cpp

}  // namespace posprop::registry_parts
