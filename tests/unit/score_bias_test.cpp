// Golden values of the score-bias encoders, from their published sources:
//   ALiBi slopes (../shared/reference/pe-variants.md section 9; ofirpress/attention_with_linear_
//   biases get_slopes): n = 8 -> 2^-1 .. 2^-8; n = 12 -> 2^-1 .. 2^-8, 2^-0.5, 2^-1.5, 2^-2.5,
//   2^-3.5 (literals: 2^-k/2 to 50 digits from Python's decimal module);
//   T5 buckets (pe-variants.md section 10, from transformers modeling_t5.py
//   _relative_position_bucket with the defaults nb = 32, max_distance = 128); the causal values
//   were computed from the same formula with Python's decimal module at 60 digits.
#include "posprop/encoders/alibi.hpp"
#include "posprop/encoders/t5_bias.hpp"
#include "posprop/registry.hpp"

#include <catch2/catch.hpp>

#include <cmath>

namespace posprop {
namespace {

TEST_CASE("ALiBi slopes, 8 heads: 2^-1 .. 2^-8", "[alibi]") {
  for (int h = 0; h < 8; ++h) {
    INFO("head " << h);
    CHECK(alibi_slope<double>(8, h) == std::ldexp(1.0, -(h + 1)));
    CHECK(alibi_slope<Hp100>(8, h) == Hp100(std::ldexp(1.0, -(h + 1))));
  }
}

TEST_CASE("ALiBi slopes, 12 heads: 2^-1 .. 2^-8 then 2^-0.5 .. 2^-3.5", "[alibi]") {
  for (int h = 0; h < 8; ++h) CHECK(alibi_slope<double>(12, h) == std::ldexp(1.0, -(h + 1)));
  const char* const kOdd[] = {"0.70710678118654752440084436210484903928483593768847",
                              "0.35355339059327376220042218105242451964241796884424",
                              "0.17677669529663688110021109052621225982120898442212",
                              "0.088388347648318440550105545263106129910604492211060"};
  for (int h = 8; h < 12; ++h) {
    INFO("head " << h);
    const Hp100 expected(kOdd[h - 8]);
    CHECK(static_cast<double>(abs(alibi_slope<Hp100>(12, h) / expected - 1)) < 1e-48);
    CHECK(std::fabs(alibi_slope<double>(12, h) / static_cast<double>(expected) - 1) < 3e-16);
  }
}

TEST_CASE("ALiBi bias is -m |i - j|", "[alibi]") {
  const Alibi<double> a(8, 8, 2);  // m = 1/8
  CHECK(a.bias(10, 2) == -1.0);
  CHECK(a.bias(2, 10) == -1.0);
  CHECK(a.bias(5, 5) == 0.0);
}

TEST_CASE("T5 bidirectional buckets (pe-variants.md section 10)", "[t5]") {
  const T5Buckets b(32, 128, true);
  const long long kCases[][2] = {{-200, 15}, {-64, 14}, {-20, 10}, {-8, 8},  {-1, 1},  {0, 0},
                                 {1, 17},    {8, 24},   {20, 26},  {64, 30}, {128, 31}};
  for (const auto& c : kCases) {
    INFO("rel " << c[0]);
    CHECK(b.bucket(c[0]) == c[1]);
    CHECK(t5_bucket_reference(c[0], true, 32, 128) == c[1]);
  }
}

TEST_CASE("T5 causal buckets (reference formula at 60 digits)", "[t5]") {
  const T5Buckets b(32, 128, false);
  const long long kCases[][2] = {{5, 0},     {1, 0},     {0, 0},     {-1, 1},   {-15, 15},
                                 {-16, 16},  {-20, 17},  {-32, 21},  {-64, 26}, {-100, 30},
                                 {-127, 31}, {-128, 31}, {-1000, 31}};
  for (const auto& c : kCases) {
    INFO("rel " << c[0]);
    CHECK(b.bucket(c[0]) == c[1]);
    CHECK(t5_bucket_reference(c[0], false, 32, 128) == c[1]);
  }
}

TEST_CASE("T5 thresholds agree with the literal formula everywhere up to 4 max_distance", "[t5]") {
  for (const bool bidirectional : {true, false})
    for (const long long nb : {4LL, 8LL, 32LL, 33LL, 64LL})
      for (const long long md : {20LL, 128LL, 1000LL}) {
        if (md <= (bidirectional ? nb / 2 : nb) / 2) continue;
        const T5Buckets b(nb, md, bidirectional);
        for (long long rel = -4 * md; rel <= 4 * md; ++rel) {
          if (b.bucket(rel) != t5_bucket_reference(rel, bidirectional, nb, md)) {
            FAIL("nb " << nb << " md " << md << " rel " << rel);
          }
        }
      }
}

TEST_CASE("Score-bias bad input names the problem", "[bad-input]") {
  const auto make = [](const char* name, Params p) { return find_encoder(name).make<double>(p); };
  CHECK_THROWS_AS(make("alibi", {{"num_heads", "0"}}), InputError);
  CHECK_THROWS_AS(make("alibi", {{"num_heads", "8"}, {"head", "8"}}), InputError);
  CHECK_THROWS_AS(make("alibi", {{"head", "-1"}}), InputError);
  CHECK_THROWS_AS(make("alibi", {{"head_dim", "7"}}), InputError);
  CHECK_THROWS_AS(make("t5-bias", {{"num_buckets", "2"}}), InputError);
  CHECK_THROWS_AS(make("t5-bias", {{"max_distance", "8"}}), InputError);  // max_exact = 8
  CHECK_THROWS_AS(make("t5-bias", {{"max_distance", "nan"}}), InputError);
  CHECK_THROWS_AS(make("t5-bias-causal", {{"num_buckets", "5000"}}), InputError);
  const auto t5 = make("t5-bias", {});
  CHECK_THROWS_AS(t5->bias(0.5, 1), InputError);
  CHECK_THROWS_AS(t5->bias(std::nan(""), 1), InputError);
  const auto alibi = make("alibi", {});
  CHECK_THROWS_AS(alibi->bias(INFINITY, 1), InputError);
  CHECK_THROWS_AS(alibi->query_map(1), NotApplicable);
}

}  // namespace
}  // namespace posprop
