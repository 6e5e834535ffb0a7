#include "support/multiaxis_cases.hpp"

#include "support/boundary.hpp"

#include <algorithm>
#include <tuple>

namespace posprop {

std::ostream& operator<<(std::ostream& os, const AxisCase& c) {
  const auto old = os.precision(17);
  os << "{dim=" << c.dim << ", i=";
  gen::print_vector(os, c.i) << ", j=";
  gen::print_vector(os, c.j) << ", t=";
  gen::print_vector(os, c.t) << ", x=";
  gen::print_vector(os, c.x) << ", y=";
  gen::print_vector(os, c.y) << "}";
  os.precision(old);
  return os;
}

bool is_multiaxis(const EncoderEntry& entry) {
  if (entry.site != Site::qk_transform) return false;
  const auto enc = entry.make<double>(Params{});
  return dynamic_cast<const MultiAxisEncoder<double>*>(enc.get()) != nullptr;
}

std::vector<double> axis_add(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> out(a.size());
  for (std::size_t k = 0; k < a.size(); ++k) out[k] = a[k] + b[k];
  return out;
}

std::vector<AxisCase> axis_boundaries(const EncoderEntry& entry, bool signed_positions,
                                      int max_dim) {
  const std::vector<int> dims = boundary::dims(entry, max_dim);
  const std::vector<double> pos = boundary::positions(entry, entry.max_position / 2);
  const std::size_t np = pos.size(), n = std::max(dims.size(), np);
  std::vector<AxisCase> out;
  const auto add = [&](int dim, std::size_t k, bool largest) {
    const auto axes = static_cast<std::size_t>(axis_instance<double>(entry, dim).axes());
    AxisCase c;
    c.dim = dim;
    for (std::size_t a = 0; a < axes; ++a) {
      const double sign = signed_positions && (k + a) % 2 == 1 ? -1.0 : 1.0;
      c.i.push_back(largest ? pos.back() : pos[(k + a) % np]);
      c.j.push_back(sign * (largest ? pos.back() : pos[(7 * k + 3 + a) % np]));
      c.t.push_back(largest ? -sign * pos.back() : pos[(3 * k + 1 + a) % np]);
    }
    const int salt = static_cast<int>(out.size());
    c.x = boundary::vector(dim, 2 * salt);
    c.y = boundary::vector(dim, 2 * salt + 1);
    out.push_back(c);
  };
  const std::size_t first_other = n - dims.size() + 1;  // as map_boundaries: one case per dim
  for (std::size_t k = 0; k < n; ++k)
    add(k < first_other ? dims.front() : dims[k - first_other + 1], k, k + 1 == n);
  return out;
}

void record(Coverage& c, const EncoderEntry&, const AxisCase& in) {
  c.dim(in.dim);
  for (const std::vector<double>& v : {in.i, in.j, axis_add(in.i, in.t), axis_add(in.j, in.t)})
    for (double p : v) c.position(p);
}

rc::Gen<AxisCase> axis_case(const EncoderEntry& entry, bool signed_positions, int max_dim) {
  const double max = entry.max_position;
  const EncoderEntry* e = &entry;
  return rc::gen::mapcat(gen::dimension(entry, max_dim), [=](int dim) {
    const auto axes = static_cast<std::size_t>(axis_instance<double>(*e, dim).axes());
    const auto pos = signed_positions ? gen::signed_position(max / 2) : gen::position(max / 2);
    const auto vec = rc::gen::container<std::vector<double>>(axes, pos);
    return rc::gen::map(
        rc::gen::tuple(vec, vec, vec, gen::real_vector(dim), gen::real_vector(dim)),
        [dim](const std::tuple<std::vector<double>, std::vector<double>, std::vector<double>,
                               std::vector<double>, std::vector<double>>& tup) {
          AxisCase c;
          c.dim = dim;
          std::tie(c.i, c.j, c.t, c.x, c.y) = tup;
          return c;
        });
  });
}

}  // namespace posprop
