#include "support/cases.hpp"

#include <algorithm>
#include <tuple>

namespace posprop {

std::ostream& operator<<(std::ostream& os, const MapCase& c) {
  const auto old = os.precision(17);
  os << "{dim=" << c.dim << ", a=" << c.a << ", b=" << c.b << ", x=";
  gen::print_vector(os, c.x) << ", y=";
  gen::print_vector(os, c.y) << "}";
  os.precision(old);
  return os;
}

rc::Gen<MapCase> map_case(const EncoderEntry& entry, bool signed_positions, int max_dim) {
  const double max = entry.max_position;
  return rc::gen::mapcat(gen::dimension(entry, max_dim), [=](int dim) {
    const auto pos = signed_positions ? gen::signed_position(max) : gen::position(max);
    return rc::gen::map(
        rc::gen::tuple(pos, pos, gen::real_vector(dim), gen::real_vector(dim)),
        [dim](const std::tuple<double, double, std::vector<double>, std::vector<double>>& t) {
          MapCase c;
          c.dim = dim;
          std::tie(c.a, c.b, c.x, c.y) = t;
          return c;
        });
  });
}

std::ostream& operator<<(std::ostream& os, const ScoreCase& c) {
  const auto old = os.precision(17);
  os << "{dim=" << c.dim << ", i=" << c.i << ", j=" << c.j << ", t=" << c.t << ", W_q=" << c.w_q
     << ", W_k=" << c.w_k << ", e_i=";
  gen::print_vector(os, c.e_i) << ", e_j=";
  gen::print_vector(os, c.e_j) << "}";
  os.precision(old);
  return os;
}

rc::Gen<ScoreCase> score_case(const EncoderEntry& entry, int max_dim) {
  const double max = entry.max_position;
  return rc::gen::mapcat(gen::dimension(entry, max_dim), [=](int dim) {
    return rc::gen::map(
        rc::gen::tuple(gen::real_vector(dim), gen::real_vector(dim), gen::matrix(), gen::matrix(),
                       gen::position(max), gen::position(max), gen::position(max)),
        [dim, max](const std::tuple<std::vector<double>, std::vector<double>, gen::MatrixSpec,
                                    gen::MatrixSpec, double, double, double>& t) {
          ScoreCase c;
          c.dim = dim;
          std::tie(c.e_i, c.e_j, c.w_q, c.w_k, c.i, c.j, c.t) = t;
          // Keep i + t and j + t inside the encoder's domain.
          c.t = std::min(c.t, max - std::max(c.i, c.j));
          return c;
        });
  });
}

double projected_magnitude(Site site, const gen::MatrixSpec& w, const std::vector<double>& e,
                           double p) {
  const auto n = static_cast<Index>(e.size());
  const Mat<double> m = gen::exact_matrix(w, n).cwiseAbs();
  Vec<double> v(n);
  const double before = site == Site::embedding ? p : 0.0;
  const double after = site == Site::qk_additive ? p : 0.0;
  for (Index k = 0; k < n; ++k) v(k) = std::fabs(e[static_cast<std::size_t>(k)]) + before;
  const Vec<double> mv = (m * v).array() + after;
  // Rounding in this double evaluation is far below the bound's own slack (relative 2 n u).
  return mv.norm() * (1.0 + 4.0 * static_cast<double>(n) * 1.1102230246251565e-16);
}

}  // namespace posprop
