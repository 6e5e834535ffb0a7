// Internal to lib/src: the parameter helpers shared by the registry units, and one function per
// family unit that appends that family's entries (registry_<family>.cpp). A new family is a new
// unit and one call in registry.cpp's build().
#pragma once

#include "posprop/registry.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace posprop::registry_parts {

Layout parse_layout(const Params& p);
/// head_dim, checked positive, even and <= 65536.
Index head_dim(const Params& p);
/// transformers: int(head_dim * partial_rotary_factor), checked even and positive.
Index rotary_dim(const Params& p);
std::uint64_t seed_of(const Params& p);

extern const ParamSpec kHeadDim;
extern const ParamSpec kTheta;
extern const ParamSpec kBase;
extern const ParamSpec kSeed;

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
