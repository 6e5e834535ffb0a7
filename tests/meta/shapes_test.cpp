// Coverage of real shapes (issue 12). The boundary inputs of a cell are evaluated in every run
// that has not stopped at a counterexample, whatever the seed and the case count; so what they
// reach, every such run reaches. Checked for every cell of the shipped matrix: the smallest and
// the largest head_dim the encoder admits (a property's cost cap aside), every real head dim
// (64, 80, 96, 128, 256) it admits, and positions >= 2^20 when the encoder admits them and the
// property uses positions. The table is printed: `ctest -R meta/shapes -V`.
#include "support/boundary.hpp"
#include "support/property.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <iostream>
#include <map>

namespace posprop::meta {
namespace {

/// Properties whose inputs stop below the encoder's largest dim, and why.
const std::map<std::string, std::string>& capped() {
  static const std::map<std::string, std::string> m = {
      {"rotation.connected",
       "determinant() is O(d^3) MPFR operations per rung: d <= 64 (rotation_connected_prop.cpp)"}};
  return m;
}

TEST_CASE("meta/shapes: the boundary inputs reach the real shapes in every cell", "[shapes]") {
  int cells = 0;
  for (const EncoderEntry& e : encoders()) {
    const std::vector<int> admitted = boundary::admitted_dims(e, 1 << 20);
    const auto admits = [&](int d) {
      return std::find(admitted.begin(), admitted.end(), d) != admitted.end();
    };
    for (const Property* p : properties()) {
      if (!p->applies_to(e)) continue;
      ++cells;
      const std::string& id = p->info().id;
      const Coverage c = p->boundary_coverage(e);
      std::cout << id << "/" << e.name << ": " << c.summary() << '\n';
      INFO(id << "/" << e.name << ": " << c.summary());
      CHECK(c.boundary_total > 0);
      CHECK(c.has_dim(admitted.front()));
      const bool is_capped = capped().count(id) != 0;
      if (!is_capped) {
        // An encoder whose d x d map is a dense product (rope-basis, rope-then-*) caps the
        // properties that form it at matrix_max_dim (registry.cpp: O(d^3) MPFR per map).
        const std::vector<int> under_cap = boundary::admitted_dims(e, e.matrix_max_dim);
        const int top = c.max_dim() == under_cap.back() ? under_cap.back() : admitted.back();
        CHECK(c.max_dim() == top);
        for (int d : boundary::kRealDims)
          if (admits(d) && d <= top) CHECK(c.has_dim(d));
      }
      if (c.has_positions && e.max_position >= boundary::kTwo20) {
        CHECK(c.reached(boundary::kTwo20));
        CHECK(c.max_position >= e.max_position);
      }
    }
  }
  std::cout << cells << " cells\n";
}

TEST_CASE("meta/shapes: boundary positions include the knees and the largest position",
          "[shapes]") {
  for (const EncoderEntry& e : encoders()) {
    INFO(e.name);
    const std::vector<double> pos = boundary::positions(e, e.max_position);
    CHECK(pos.front() == 0);
    CHECK(pos.back() == e.max_position);
    for (double k : boundary::knees(e, e.max_position))
      CHECK(std::find(pos.begin(), pos.end(), k) != pos.end());
  }
  const std::vector<double> yarn = boundary::knees(find_encoder("rope-yarn"), 16777216.0);
  CHECK(yarn == std::vector<double>{4095, 4096, 4097});  // original_max_position_embeddings
}

}  // namespace
}  // namespace posprop::meta
