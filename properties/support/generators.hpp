// Generators made for numerical work. RapidCheck's arbitrary<double> is unsuitable (no mixed
// magnitudes, shrinks only to 0 / -x / trunc(x), prints 6 digits); every value here is an exact
// double (so it converts exactly to every scalar type) and shrinks towards small, simple values.
#pragma once

#include "posprop/orthogonal.hpp"
#include "posprop/random.hpp"
#include "posprop/registry.hpp"

#include <rapidcheck.h>

#include <cmath>
#include <cstdint>
#include <ostream>
#include <vector>

namespace posprop::gen {

/// Even dimensions, small first, including non-powers of two (6, 10, 24, 72, 80, 96, 192) and
/// the real head dims up to 256, rounded up to the encoder's dim_multiple, capped by max_dim and
/// the encoder's max_dim. Shrinks towards the smallest.
rc::Gen<int> dimension(const EncoderEntry& encoder, int max_dim = 256);

/// Integer positions in [0, max]: small (< 64), medium (< 4096) and log-uniform over [0, max]
/// mixed (the last one not scaled by RapidCheck's size: it reaches 2^20 .. max in every run).
rc::Gen<double> position(double max);
/// Signed integer positions in [-max, max], shrinking towards 0.
rc::Gen<double> signed_position(double max);

/// Finite doubles of mixed magnitude: small integers, dyadics in [-1, 1], and m 2^e with
/// e in [-40, 20]. Shrinks towards 0.
rc::Gen<double> real();
rc::Gen<std::vector<double>> real_vector(int n);

/// A matrix described by a kind and a seed, so counterexamples stay readable:
/// identity, Gaussian (entries N(0, 1/d) up to a power of two), or Haar orthogonal.
struct MatrixSpec {
  enum Kind { identity, gaussian, haar } kind = identity;
  std::uint64_t seed = 0;
};
std::ostream& operator<<(std::ostream& os, const MatrixSpec& m);
/// Shrinks towards identity.
rc::Gen<MatrixSpec> matrix();

/// The exact double matrix a spec describes (identity; Haar orthogonal from the seed, computed in
/// double; or N(0, 1) entries scaled by 2^-floor(log2 sqrt n), exact). Memoised per thread: one
/// case asks for the same W in every precision and in every tolerance (bench/README.md).
const Mat<double>& exact_matrix(const MatrixSpec& spec, Index n);

/// The same exact input in every precision: exact_matrix converted exactly to T.
template <class T>
Mat<T> to_matrix(const MatrixSpec& spec, Index n) {
  return exact_matrix(spec, n).template cast<T>();
}

template <class T>
Vec<T> to_vector(const std::vector<double>& v) {
  Vec<T> out(static_cast<Index>(v.size()));
  for (std::size_t k = 0; k < v.size(); ++k) out(static_cast<Index>(k)) = T(v[k]);
  return out;
}

/// Prints a vector with 17 significant digits.
std::ostream& print_vector(std::ostream& os, const std::vector<double>& v);

}  // namespace posprop::gen
