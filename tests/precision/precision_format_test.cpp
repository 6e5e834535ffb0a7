// The rounding emulation of the precision study (lib/include/posprop/precision/format.hpp) is
// round-to-nearest-even as the hardware and Eigen 3.4's half / bfloat16 do it, and every bad
// input of the study is an InputError that names the problem.
#include "posprop/params.hpp"
#include "posprop/precision/measure.hpp"

#include <Eigen/Core>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>

namespace posprop::precision {
namespace {

using Catch::Contains;

float from_bits(std::uint32_t b) {
  float f;
  std::memcpy(&f, &b, sizeof f);
  return f;
}

PathModel fp32_model(int head_dim, double base) {
  return PathModel(find_path("fp32-angles"), PhaseSetup{head_dim, base});
}

const Format& fp16() {
  return format(FormatId::fp16);
}
const Format& bf16() {
  return format(FormatId::bf16);
}
const Format& fp32() {
  return format(FormatId::fp32);
}

TEST_CASE("precision: ties round to even", "[precision_format]") {
  CHECK(round_to(257, bf16()) == 256);  // 256 + 1: halfway between 256 and 258
  CHECK(round_to(259, bf16()) == 260);
  CHECK(round_to(2049, fp16()) == 2048);
  CHECK(round_to(2051, fp16()) == 2052);
  CHECK(round_to(16777217, fp32()) == 16777216);
  CHECK(round_to(16777219, fp32()) == 16777220);
  CHECK(std::isinf(round_to(65520, fp16())));  // the fp16 overflow threshold
  CHECK(round_to(65519, fp16()) == 65504);
  CHECK(round_to(std::ldexp(1.0, -25), fp16()) == 0);  // half the smallest subnormal: to even 0
  CHECK(round_to(std::ldexp(3.0, -26), fp16()) == std::ldexp(1.0, -24));
}

TEST_CASE("precision: fp16 and bf16 rounding equal Eigen::half and Eigen::bfloat16",
          "[precision_format]") {
  std::mt19937_64 rng(20261128);
  int checked = 0;
  const auto check = [&](float f) {
    if (std::isnan(f)) return;
    const double h = static_cast<float>(Eigen::half(f));
    const double b = static_cast<float>(Eigen::bfloat16(f));
    INFO("float bits " << std::hexfloat << f);
    REQUIRE(round_to(f, fp16()) == h);
    REQUIRE(round_to(f, bf16()) == b);
    ++checked;
  };
  for (int i = 0; i < 200000; ++i) check(from_bits(static_cast<std::uint32_t>(rng())));
  // Exact ties and their neighbours in every fp16 binade (incl. subnormal and overflow edges).
  for (int e = -26; e <= 17; ++e)
    for (int m = 0; m < 4096; m += 7) {
      const float base = std::ldexp(1.0f + m / 4096.0f, e);
      check(base), check(-base), check(std::nextafter(base, 0.0f)),
          check(std::nextafter(base, 1e30f));
    }
  CHECK(checked > 250000);
}

TEST_CASE("precision: fp32 rounding equals the hardware conversion", "[precision_format]") {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200000; ++i) {
    const std::uint64_t bits = rng();
    double x;
    std::memcpy(&x, &bits, sizeof x);
    if (!std::isfinite(x)) continue;
    const double expected = static_cast<float>(x);  // round to nearest even on x86-64
    INFO(std::hexfloat << x);
    REQUIRE(round_to(x, fp32()) == expected);
  }
}

TEST_CASE("precision: ordinals count the values in between", "[precision_format]") {
  for (FormatId id : all_formats()) {
    const Format& f = format(id);
    for (double x : {1.0, 3.0, 0.1, 1000.0, -2.5}) {  // normal range: relative steps
      const double v = round_to(x, f);
      const double next = round_to(v + std::fabs(v) * unit_roundoff(f) * 2.5, f);
      CHECK(ordinal(next, f) - ordinal(v, f) >= 1);
      CHECK(bits_of_error(v, v, f) == 0);
    }
  }
  CHECK(ordinal(256, bf16()) + 1 == ordinal(258, bf16()));
  CHECK(ordinal(std::ldexp(1.0, -24), fp16()) == 1);  // smallest subnormal
  CHECK(bits_of_error(258, 256, bf16()) == 1);        // one value apart: log2(2)
  CHECK(bits_of_error(std::nan(""), 1, fp16()) == 16);
  CHECK_THROWS_WITH(ordinal(257, bf16()), Contains("not a finite bf16 value"));
}

TEST_CASE("precision: derived first collapse of positions", "[precision_format]") {
  CHECK(derived_first_collision(find_path("bf16-positions")) == 257);
  CHECK(derived_first_collision(find_path("fp16-positions")) == 2049);
  CHECK(derived_first_collision(find_path("fp32-angles")) == 16777217);
  const PathModel bf16_positions(find_path("bf16-positions"), PhaseSetup{});
  const Collision c = first_collision(bf16_positions, 1000);
  CHECK(c.found);
  CHECK(c.position == 257);
  CHECK(c.earlier == 256);
  CHECK(same_table(PathModel(find_path("fp32-angles"), PhaseSetup{}), 16777217, 16777216));
  CHECK(!same_table(PathModel(find_path("fp32-angles"), PhaseSetup{}), 16777215, 16777216));
}

TEST_CASE("precision: bad input is an InputError naming the problem", "[precision_format]") {
  CHECK_THROWS_WITH(parse_format("fp8"), Contains("unknown number format 'fp8'"));
  CHECK_THROWS_WITH(find_path("fp33"), Contains("unknown precision path 'fp33'"));
  CHECK_THROWS_WITH(parse_study_encoder("alibi"), Contains("unknown encoder 'alibi'"));
  CHECK_THROWS_AS(fp32_model(127, 1e4), posprop::InputError);
  CHECK_THROWS_AS(fp32_model(0, 1e4), posprop::InputError);
  CHECK_THROWS_WITH(fp32_model(128, 1.0), Contains("rope_theta"));
  CHECK_THROWS_WITH(fp32_model(128, std::nan("")), Contains("rope_theta"));
  const PathModel m(find_path("fp32-angles"), PhaseSetup{});
  for (double bad : {-1.0, 0.5, std::nan(""), std::numeric_limits<double>::infinity(), 1e300}) {
    CHECK_THROWS_WITH(m.row(bad), Contains("position must be an integer"));
  }
  CHECK_THROWS_WITH(first_collision(m, 1e9), Contains("exceeds 2^26"));
  const PrecisionStudy study(StudyEncoder::rope, PhaseSetup{});
  CHECK_THROWS_WITH(study.measure(find_path("fp32-angles"), -3), Contains("position"));
  // fp16 cannot hold base^(2k/d) = 5e5^(126/128): no bound, said so (not a wrong number).
  const PhaseSetup big{128, 5e5};
  CHECK(!PathBounds(find_path("fp16-angles"), big).valid());
  const PrecisionStudy big_base(StudyEncoder::rope, big);
  CHECK_THROWS_WITH(big_base.measure(find_path("fp16-angles"), 10),
                    Contains("normal range of fp16"));
}

TEST_CASE("precision: positions beyond fp16 are outside the domain, not a wrong number",
          "[precision_format]") {
  const PrecisionStudy study(StudyEncoder::rope, PhaseSetup{});
  CHECK(study.measure(find_path("fp16-positions"), 65000).in_domain);
  CHECK(!study.measure(find_path("fp16-positions"), 70000).in_domain);
}

}  // namespace
}  // namespace posprop::precision
