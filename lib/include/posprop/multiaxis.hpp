// Multi-axis positions (M-RoPE, 2-D vision RoPE, LieRE): a token's position is a vector
// p = (p_0, .., p_{A-1}) (Qwen2-VL: (t, h, w); vision: (x, y)). A multi-axis encoder is also an
// Encoder<T> at site qk_transform; its scalar interface is the DIAGONAL p -> (p, .., p), which is
// what Qwen2-VL feeds text tokens (t = h = w = p), so every 1-D property applies to it. Properties
// that need vector positions dynamic_cast the encoder to MultiAxisEncoder<T>.
#pragma once

#include "posprop/encoder.hpp"

#include <string>
#include <vector>

namespace posprop {

template <class T>
class MultiAxisEncoder {
 public:
  virtual ~MultiAxisEncoder() = default;
  /// Number of position axes A.
  virtual Index axes() const = 0;
  /// A(p) for a vector position (the same map for queries and keys).
  virtual Mat<T> query_map(const std::vector<double>& pos) const = 0;
  /// A(p) x without forming the matrix.
  virtual Vec<T> apply_query(const Vec<T>& x, const std::vector<double>& pos) const = 0;
  /// Bound on the error of query_map / apply_query at `pos` relative to the exact map (what
  /// ErrorProfile gives at the scalar position ||pos||_inf; proofs/multiaxis.md section 5).
  virtual ErrorProfile axis_error_profile() const = 0;

 protected:
  /// Throws InputError unless pos has axes() finite entries, each a valid scalar position.
  void check_axis_position(const std::vector<double>& pos, const Encoder<T>& scalar) const {
    if (static_cast<Index>(pos.size()) != axes()) {
      throw InputError("position has " + std::to_string(pos.size()) + " axes, encoder expects " +
                       std::to_string(axes()));
    }
    for (double p : pos) scalar.check_position(p);
  }
};

/// ||p||_inf, the scalar position the error bounds of a vector position scale with.
inline double axis_magnitude(const std::vector<double>& pos) {
  double m = 0;
  for (double p : pos) m = std::fmax(m, std::fabs(p));
  return m;
}

}  // namespace posprop
