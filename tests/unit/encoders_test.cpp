// Known values of the shipped encoders, computed independently of lib/ (reference literals from
// Python's decimal module at 70 digits: exp(-(2k/d) ln b)).
#include "posprop/encoders/learned.hpp"
#include "posprop/encoders/rope.hpp"
#include "posprop/encoders/rope_basis.hpp"
#include "posprop/encoders/sinusoidal.hpp"
#include "posprop/registry.hpp"

#include <catch2/catch.hpp>

#include <cmath>

namespace posprop {
namespace {

/// |a - b| <= ulps * eps * |b|.
bool close_ulps(double a, double b, double ulps) {
  return std::fabs(a - b) <= ulps * std::numeric_limits<double>::epsilon() * std::fabs(b);
}

TEST_CASE("RoPE inverse frequencies, d = 128, base 1e4", "[encoders][rope]") {
  // 10000^(-2k/128) for k = 1, 2, 32, 63.
  const char* const kExpected[][2] = {
      {"1", "0.8659643233600653523531691834202299819398126066395892551157714012609085"},
      {"2", "0.7498942093324558273021842756151364384418679181649710146204190054298275"},
      {"32", "0.01"},
      {"63", "0.0001154781984689458179666482887295508281566948041479611129977426848717929"}};
  const Rope<double> rope_d(128, 1e4, 128, Layout::half_split);
  const Rope<Hp50> rope_hp(128, 1e4, 128, Layout::half_split);
  REQUIRE(rope_d.inv_freq().size() == 64);
  CHECK(rope_d.inv_freq()[0] == 1.0);
  CHECK(rope_hp.inv_freq()[0] == Hp50(1));
  for (const auto& row : kExpected) {
    const auto k = static_cast<std::size_t>(std::stoi(row[0]));
    const Hp50 expected(row[1]);
    INFO("k = " << k);
    // double: the exponent -2k/d is exact here, pow is < 1 ulp in glibc; allow 2 ulps.
    CHECK(close_ulps(rope_d.inv_freq()[k], static_cast<double>(expected), 2));
    // Hp50: correctly rounded MPFR pow of an exact exponent (2k/128 is dyadic).
    CHECK(static_cast<double>(abs(rope_hp.inv_freq()[k] / expected - 1)) < 1e-49);
  }
}

TEST_CASE("RoPE pair indices in both layouts", "[encoders][rope]") {
  const Rope<double> inter(8, 1e4, 8, Layout::interleaved), half(8, 1e4, 8, Layout::half_split);
  const Rope<double> partial(8, 1e4, 4, Layout::half_split);
  for (Index k = 0; k < 4; ++k) {
    CHECK(inter.pair_first(k) == 2 * k);
    CHECK(inter.pair_second(k) == 2 * k + 1);
    CHECK(half.pair_first(k) == k);
    CHECK(half.pair_second(k) == k + 4);
  }
  CHECK(partial.rotary_dim() == 4);
  CHECK(partial.pair_first(1) == 1);
  CHECK(partial.pair_second(1) == 3);  // k + r/2, not k + d/2
}

TEST_CASE("RoPE rotates one pair by p theta", "[encoders][rope]") {
  const Rope<double> rope(2, 1e4, 2, Layout::interleaved);
  Vec<double> e0(2);
  e0 << 1, 0;
  for (const double p : {0.0, 1.0, -3.0, 1000.0}) {
    const Vec<double> y = rope.apply_query(e0, p);
    CHECK(y(0) == std::cos(p));
    CHECK(y(1) == std::sin(p));
  }
  Vec<double> x(2);
  x << 0.5, -2;
  CHECK(rope.apply_query(x, 0.0) == x);  // A(0) = I exactly
}

TEST_CASE("partial rotary leaves the tail untouched", "[encoders][rope]") {
  const Rope<double> rope(16, 1e4, 8, Layout::half_split);
  Vec<double> x(16);
  for (Index k = 0; k < 16; ++k) x(k) = 0.25 * static_cast<double>(k + 1);
  const Vec<double> y = rope.apply_query(x, 12345);
  CHECK(y.tail(8) == x.tail(8));
  CHECK(y.head(8) != x.head(8));
  const Mat<double> a = rope.query_map(12345);
  CHECK(a.bottomRightCorner(8, 8) == Mat<double>::Identity(8, 8));
  CHECK(a.topRightCorner(8, 8).isZero(0));
  CHECK(a.bottomLeftCorner(8, 8).isZero(0));
  // The registered rope-partial: rotary dim = int(head_dim * 0.5), frequencies from it.
  const auto enc = find_encoder("rope-partial").make<double>(Params{{"head_dim", "64"}});
  CHECK(enc->rotary_dim() == 32);
  const auto* rope_partial = dynamic_cast<const Rope<double>*>(enc.get());
  REQUIRE(rope_partial != nullptr);
  CHECK(close_ulps(rope_partial->inv_freq()[1], std::pow(1e4, -2.0 / 32.0), 2));
}

TEST_CASE("sinusoidal PE at p = 1", "[encoders][sinusoidal]") {
  const Sinusoidal<double> inter(8, 1e4, SinusoidalConvention::interleaved);
  const Sinusoidal<double> concat(8, 1e4, SinusoidalConvention::concatenated);
  const Vec<double> p = inter.position_vector(1), q = concat.position_vector(1);
  CHECK(p(0) == std::sin(1.0));
  CHECK(p(1) == std::cos(1.0));
  CHECK(q(0) == std::sin(1.0));
  CHECK(q(4) == std::cos(1.0));
  // Vaswani: w_k = 1e4^(-2k/d); tensor2tensor: the last frequency is exactly 1e-4.
  CHECK(close_ulps(inter.frequencies()[1], std::pow(1e4, -0.25), 2));
  // exp(-k ln(b) / (d/2 - 1)): the argument's rounding (|ln 1e4| ~ 9.2 ulps) is amplified by exp.
  CHECK(close_ulps(concat.frequencies()[3], 1e-4, 16));
  CHECK(close_ulps(p(2), std::sin(0.1), 4));  // w_1 = 1e4^(-2/8) = 0.1
  // p = 0: sin 0 = 0, cos 0 = 1.
  const Vec<double> z = inter.position_vector(0);
  for (Index k = 0; k < 4; ++k) {
    CHECK(z(2 * k) == 0.0);
    CHECK(z(2 * k + 1) == 1.0);
  }
}

TEST_CASE("learned table is deterministic in its seed", "[encoders][learned]") {
  const Learned<double> a(8, 16, 7), b(8, 16, 7), c(8, 16, 8);
  const Learned<Hp50> a_hp(8, 16, 7);
  bool differs = false;
  for (const double p : {0.0, 1.0, 15.0}) {
    const Vec<double> va = a.position_vector(p);
    CHECK(va == b.position_vector(p));
    differs = differs || va != c.position_vector(p);
    for (Index k = 0; k < 8; ++k) {
      CHECK(std::ldexp(va(k), 30) == std::nearbyint(std::ldexp(va(k), 30)));  // exact dyadic
      CHECK(std::fabs(va(k)) < 0.2);                     // N(0, 0.02^2): 10 sigma
      CHECK(a_hp.position_vector(p)(k) == Hp50(va(k)));  // the same table in every scalar
    }
  }
  CHECK(differs);
  CHECK(a.max_positions() == 16);
}

TEST_CASE("rope-basis map is orthogonal and relative in double", "[encoders][rope-basis]") {
  const RopeBasis<double> enc(16, 1e4, 3);
  const Mat<double> q = enc.basis();
  CHECK((q.transpose() * q - Mat<double>::Identity(16, 16)).cwiseAbs().maxCoeff() < 1e-14);
  const Mat<double> a = enc.query_map(1000), b = enc.query_map(-1000);
  CHECK((a.transpose() * a - Mat<double>::Identity(16, 16)).cwiseAbs().maxCoeff() < 1e-13);
  CHECK((a * b - Mat<double>::Identity(16, 16)).cwiseAbs().maxCoeff() < 1e-12);
  Vec<double> x = Vec<double>::LinSpaced(16, -1, 1);
  CHECK((enc.apply_query(x, 1000) - a * x).norm() < 1e-13);
  // Not a coordinate-pair rotation: the basis mixes every coordinate.
  CHECK((a - RopeBasis<double>(16, 1e4, 4).query_map(1000)).cwiseAbs().maxCoeff() > 1e-3);
}

}  // namespace
}  // namespace posprop
