// bias.distance_penalty: ALiBi's bias never rewards distance: on each side of the query, a key
// further away gets a bias no larger than a nearer one, b(i, i +- d2) <= b(i, i +- d1) for
// 0 <= d1 <= d2. Proof: proofs/score_biases.md (Theorem 1).
#include "support/cases.hpp"
#include "support/generated_property.hpp"

#include <tuple>

namespace posprop {
namespace {

struct PenaltyCase {
  int dim = 2;
  double i = 0, near = 0, far = 0;  // key positions i +- d1 and i +- d2 (d1 <= d2)
};
std::ostream& operator<<(std::ostream& os, const PenaltyCase& c) {
  const auto old = os.precision(17);
  os << "{dim=" << c.dim << ", i=" << c.i << ", near key j=" << c.near << ", far key j=" << c.far
     << "}";
  os.precision(old);
  return os;
}

struct BiasDistancePenalty {
  static PropertyInfo info() {
    return {"bias.distance_penalty", "bias",
            "On each side of the query the bias is non-increasing in the distance: b(i, i + s d2) "
            "<= b(i, i + s d1) for 0 <= d1 <= d2 and s = +1 or -1.",
            "proofs/score_biases.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return e.formula == Formula::alibi; }
  using Input = PenaltyCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) {
    const double max = e.max_position;
    return rc::gen::mapcat(gen::dimension(e, 256), [max](int dim) {
      return rc::gen::map(rc::gen::tuple(gen::position(max), gen::position(max), gen::position(max),
                                         rc::gen::arbitrary<bool>()),
                          [dim, max](const std::tuple<double, double, double, bool>& t) {
                            PenaltyCase c;
                            c.dim = dim;
                            c.i = std::get<0>(t);
                            double d1 = std::min(std::get<1>(t), std::get<2>(t));
                            double d2 = std::max(std::get<1>(t), std::get<2>(t));
                            const bool after = std::get<3>(t);
                            const double room = after ? max - c.i : c.i;  // keep keys in [0, max]
                            d1 = std::min(d1, room);
                            d2 = std::min(d2, room);
                            c.near = after ? c.i + d1 : c.i - d1;
                            c.far = after ? c.i + d2 : c.i - d2;
                            return c;
                          });
    });
  }

  /// Queries at every boundary position, keys one step and the whole room away on each side.
  static std::vector<Input> boundary(const EncoderEntry& e) {
    const std::vector<int> dims = boundary::dims(e, 256);
    const double max = e.max_position;
    const std::vector<double> pos = boundary::positions(e, max);
    std::vector<Input> out;
    const std::size_t n = 2 * pos.size();
    for (std::size_t k = 0; k < n; ++k) {
      const double i = pos[k / 2];
      const bool after = k % 2 == 1;
      const double room = after ? max - i : i, d1 = std::min(1.0, room);
      const int dim = dims[k * dims.size() / n];
      out.push_back({dim, i, after ? i + d1 : i - d1, after ? i + room : i - room});
    }
    return out;
  }
  static void record(Coverage& c, const EncoderEntry&, const Input& in) {
    c.dim(in.dim);
    for (double p : {in.i, in.near, in.far}) c.position(p);
  }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const double u = unit_roundoff<T>();
    const ErrorProfile prof = enc.error_profile();
    const T increase = enc.bias(c.i, c.far) - enc.bias(c.i, c.near);
    // proofs/score_biases.md section 3: each computed bias within bias_error of the exact one;
    // the exact increase is <= 0; one rounded subtraction.
    return {positive_part(increase), (1 + u) * (tol::bias_error(prof, c.dim, c.i, c.far, u) +
                                                tol::bias_error(prof, c.dim, c.i, c.near, u))};
  }
};

POSPROP_PROPERTY(BiasDistancePenalty);

}  // namespace
}  // namespace posprop
