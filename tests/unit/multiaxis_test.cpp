// Golden values and laws of the multi-axis encoders:
//   M-RoPE section assignment for Qwen2-VL's mrope_section [16, 24, 24] at head_dim 128
//   (transformers modeling_qwen2_vl.py apply_multimodal_rotary_pos_emb: pairs 0-15 read t,
//   16-39 h, 40-63 w, frequency index global), text positions = plain RoPE;
//   rope-vit axial / mixed tables (models/vit_rope.py); the matrix exponential of LieRE against
//   closed forms; bad input.
#include "posprop/encoders/axis_rope.hpp"
#include "posprop/encoders/liere.hpp"
#include "posprop/encoders/rope.hpp"
#include "posprop/registry.hpp"

#include <catch2/catch.hpp>

#include <cmath>

namespace posprop {
namespace {

const MultiAxisEncoder<double>& axes_of(const Encoder<double>& e) {
  return dynamic_cast<const MultiAxisEncoder<double>&>(e);
}

TEST_CASE("M-RoPE [16, 24, 24]: section of every pair, global frequency index", "[mrope]") {
  const std::vector<int> axis = mrope_pair_axes(128, {16, 24, 24});
  REQUIRE(axis.size() == 64);
  for (int k = 0; k < 64; ++k) {
    INFO("pair " << k);
    CHECK(axis[static_cast<std::size_t>(k)] == (k < 16 ? 0 : k < 40 ? 1 : 2));
  }
  const auto f = mrope_frequencies<double>(128, 1e6, {16, 24, 24});
  const Rope<double> rope(128, 1e6, 128, Layout::half_split);
  for (std::size_t k = 0; k < 64; ++k) {
    const int a = axis[k];
    CHECK(f.f[k][static_cast<std::size_t>(a)] == rope.inv_freq()[k]);  // not reset per section
    for (int b = 0; b < 3; ++b)
      if (b != a) CHECK(f.f[k][static_cast<std::size_t>(b)] == 0.0);
  }
  // 'auto' at head_dim 128 is exactly [16, 24, 24].
  const auto e = find_encoder("mrope").make<double>(Params{});
  const auto spec =
      find_encoder("mrope").spec(Params{}.completed("mrope", find_encoder("mrope").params), 20);
  CHECK(spec[0].values == std::vector<std::string>{"16", "24", "24"});
  // A pair of section h moves with h only.
  Vec<double> x = Vec<double>::Zero(128);
  x(20) = 1;  // pair 20 (section h), half-split partner 84
  const Vec<double> y = axes_of(*e).apply_query(x, {0, 5, 0});
  const double th = 5 * rope.inv_freq()[20];
  CHECK(y(20) == Approx(std::cos(th)).margin(1e-15));
  CHECK(y(84) == Approx(std::sin(th)).margin(1e-15));
  CHECK((axes_of(*e).apply_query(x, {7, 0, 9}) - x).norm() == 0.0);
}

TEST_CASE("M-RoPE text positions are plain RoPE", "[mrope]") {
  const auto e = find_encoder("mrope").make<double>(Params{});
  const Rope<double> rope(128, 1e6, 128, Layout::half_split);
  for (double p : {0.0, 1.0, 37.0, 4096.0})
    CHECK((e->query_map(p) - rope.query_map(p)).norm() == 0);
}

TEST_CASE("rope-vit axial: theta^(-4k/d), x then y", "[axial]") {
  const auto f = axial_frequencies<double>(16, 100);
  for (int k = 0; k < 4; ++k) {
    const double m = std::pow(100.0, -4.0 * k / 16);
    CHECK(f.f[static_cast<std::size_t>(k)][0] == Approx(m).epsilon(1e-15));
    CHECK(f.f[static_cast<std::size_t>(k)][1] == 0.0);
    CHECK(f.f[static_cast<std::size_t>(4 + k)][1] == Approx(m).epsilon(1e-15));
    CHECK(f.f[static_cast<std::size_t>(4 + k)][0] == 0.0);
  }
  const auto g = mixed_frequencies<double>(16, 10, 0.0);  // phi = 0: axial directions
  CHECK(g.f[0][0] == 1.0);
  CHECK(g.f[4][1] == 1.0);
}

TEST_CASE("matrix_exp: closed forms of rotations", "[liere]") {
  // exp(t J) = [[cos t, -sin t], [sin t, cos t]].
  for (double t : {0.0, 0.3, 2.0, 1000.0}) {
    Mat<Hp100> m(2, 2);
    m << Hp100(0), Hp100(-t), Hp100(t), Hp100(0);
    const Mat<Hp100> e = matrix_exp<Hp100>(m, std::fabs(t) * std::sqrt(2.0) * (1 + 1e-12));
    CHECK(static_cast<double>(abs(e(0, 0) - cos(Hp100(t)))) < 1e-90);
    CHECK(static_cast<double>(abs(e(1, 0) - sin(Hp100(t)))) < 1e-90);
  }
}

TEST_CASE("LieRE: orthogonal, 1-D group, 2-D generators do not commute", "[liere]") {
  const auto e = find_encoder("liere").make<double>(Params{});
  const auto& m = axes_of(*e);
  const Mat<double> a = m.query_map({3, 0}), b = m.query_map({0, 2}), ab = m.query_map({3, 2});
  CHECK((a.transpose() * a - Mat<double>::Identity(8, 8)).norm() < 1e-13);
  CHECK((e->query_map(2) * e->query_map(3) - e->query_map(5)).norm() < 1e-13);
  CHECK((a * b - ab).norm() > 1e-3);
}

TEST_CASE("Multi-axis bad input names the problem", "[bad-input]") {
  const auto make = [](const char* name, Params p) { return find_encoder(name).make<double>(p); };
  CHECK_THROWS_AS(make("mrope", {{"head_dim", "24"}}), InputError);  // auto needs 16 | d
  CHECK_THROWS_AS(make("mrope", {{"mrope_section", "16,24,23"}}), InputError);
  CHECK_THROWS_AS(make("mrope", {{"mrope_section", "16,24,24.5"}}), InputError);
  CHECK_THROWS_AS(make("mrope", {{"mrope_section", "-16,48,32"}}), InputError);
  CHECK_THROWS_AS(make("rope-2d-axial", {{"head_dim", "6"}}), InputError);
  CHECK_THROWS_AS(make("rope-mixed", {{"rope_theta", "1"}}), InputError);
  CHECK_THROWS_AS(make("liere", {{"head_dim", "64"}}), InputError);
  CHECK_THROWS_AS(make("liere", {{"axes", "0"}}), InputError);
  const auto e = make("mrope", {});
  CHECK_THROWS_AS(axes_of(*e).query_map({1, 2}), InputError);  // 2 axes for 3
  CHECK_THROWS_AS(axes_of(*e).query_map({1, 2, std::nan("")}), InputError);
  CHECK_THROWS_AS(e->query_map(INFINITY), InputError);
}

}  // namespace
}  // namespace posprop
