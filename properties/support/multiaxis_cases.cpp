#include "support/multiaxis_cases.hpp"

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
