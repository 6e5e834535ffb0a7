// Boundary inputs: the dims, positions and vectors that every cell evaluates besides RapidCheck's
// random cases, chosen where real models live and where implementations break (issue 12):
// the smallest and largest admitted head_dim, the head dims of real models, the largest
// position, positions >= 2^20, the knees L - 1, L, L + 1 of every *max_position* parameter.
// Deterministic: no seed, no case count; the same list on every run.
#pragma once

#include "posprop/encoders/t5_bias.hpp"
#include "posprop/registry.hpp"

#include <vector>

namespace posprop::boundary {

/// Head dims of real models: GPT-2 / GPT-J 64, Phi-2 80, Phi-3 96, Llama / Mistral / Qwen 128,
/// Gemma 256.
inline constexpr int kRealDims[] = {64, 80, 96, 128, 256};
inline constexpr double kTwo20 = 1048576.0;

/// Every head_dim the generators may use for `e` under a property's cost cap `cap`, ascending:
/// e.dims when declared (the smallest one is kept even above the cap: it is the only choice),
/// else the even multiples of e.dim_multiple up to min(cap, e.max_dim).
std::vector<int> admitted_dims(const EncoderEntry& e, int cap);

/// The boundary dims, ascending: the smallest and largest admitted dim, every admitted real dim
/// (kRealDims), and the entry's default head_dim when admitted.
std::vector<int> dims(const EncoderEntry& e, int cap);

/// L - 1, L, L + 1 for every parameter of `e` whose key contains "max_position" (its default
/// value L), clipped to [0, max].
std::vector<double> knees(const EncoderEntry& e, double max);

/// The boundary positions in [0, max], ascending, small first: 0, 1, 2, 4095, 4096, 4097,
/// 65535, 65536, 65537, 2^20 - 1, 2^20, 2^20 + 1, 10^6, 2^24, max - 1, max, and the knees.
std::vector<double> positions(const EncoderEntry& e, double max);

/// The distances |j - i| around which a T5 bucket changes: 0, 1, max_exact - 1 .. max_exact + 1,
/// every logarithmic threshold r - 1 and r, max_distance - 1 .. max_distance + 1, ascending.
std::vector<long long> bucket_switches(const T5Buckets& b);

/// A deterministic exact vector of length n, different for each salt: odd multiples of 2^-20
/// with mixed signs and magnitudes 2^-6 .. 2^4 (none a multiple of 2^-16, none zero).
std::vector<double> vector(int n, int salt);

}  // namespace posprop::boundary
