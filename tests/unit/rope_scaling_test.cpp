// Golden tests of the scaled-RoPE spec quantities at 100 digits against the public test vectors
// of huggingface/transformers tests/utils/test_modeling_rope_utils.py (class RopeTest; values
// printed there to 5 significant digits, so they are checked to half a unit in the 5th digit),
// and bad configurations (InputError naming the key).
#include "posprop/rope_scaling.hpp"
#include "posprop/encoders/scaled_rope.hpp"
#include "posprop/registry.hpp"

#include <catch2/catch.hpp>

#include <cmath>

namespace posprop {
namespace {

RopeScalingConfig config_of(const std::string& encoder, const Params& user) {
  const EncoderEntry& e = find_encoder(encoder);
  const Params p = user.completed(e.name, e.params);
  // The schedule the encoder declares, as its factory uses it.
  return rope_scaling_config(e.scaling.value(), p);
}

RopeScalingSpec<Hp100> spec_of(const std::string& encoder, const Params& user) {
  return rope_scaling_spec<Hp100>(config_of(encoder, user));
}

/// x agrees with a value printed to 5 significant digits (half a unit in the 5th digit).
bool matches_5_digits(const Hp100& x, double printed) {
  const double unit = std::pow(10.0, std::floor(std::log10(std::fabs(printed))) - 4);
  return std::fabs(static_cast<double>(x) - printed) <= 0.5 * unit * (1 + 1e-12);
}

bool same(const Hp100& a, const Hp100& b) {
  return abs(a - b) <= abs(b) * Hp100("1e-95");
}

// LlamaConfig(): hidden 4096 / 32 heads -> head_dim 128, rope_theta 1e4, max_position 2048.
const Params kLlama = {{"head_dim", "128"}, {"rope_theta", "10000"}};

Params with(Params p, std::initializer_list<std::pair<const std::string, std::string>> kv) {
  for (const auto& x : kv) p.set(x.first, x.second);
  return p;
}

// test_default_rope_numerically: EXPECTED_INV_FREQ
const double kDefault[64] = {
    1.0000e+00, 8.6596e-01, 7.4989e-01, 6.4938e-01, 5.6234e-01, 4.8697e-01, 4.2170e-01, 3.6517e-01,
    3.1623e-01, 2.7384e-01, 2.3714e-01, 2.0535e-01, 1.7783e-01, 1.5399e-01, 1.3335e-01, 1.1548e-01,
    1.0000e-01, 8.6596e-02, 7.4989e-02, 6.4938e-02, 5.6234e-02, 4.8697e-02, 4.2170e-02, 3.6517e-02,
    3.1623e-02, 2.7384e-02, 2.3714e-02, 2.0535e-02, 1.7783e-02, 1.5399e-02, 1.3335e-02, 1.1548e-02,
    1.0000e-02, 8.6596e-03, 7.4989e-03, 6.4938e-03, 5.6234e-03, 4.8697e-03, 4.2170e-03, 3.6517e-03,
    3.1623e-03, 2.7384e-03, 2.3714e-03, 2.0535e-03, 1.7783e-03, 1.5399e-03, 1.3335e-03, 1.1548e-03,
    1.0000e-03, 8.6596e-04, 7.4989e-04, 6.4938e-04, 5.6234e-04, 4.8697e-04, 4.2170e-04, 3.6517e-04,
    3.1623e-04, 2.7384e-04, 2.3714e-04, 2.0535e-04, 1.7783e-04, 1.5399e-04, 1.3335e-04, 1.1548e-04};

// test_dynamic_rope_numerically: factor 10, seq_len 16384
const double kDynamic[64] = {
    1.0000e+00, 8.0931e-01, 6.5498e-01, 5.3008e-01, 4.2900e-01, 3.4720e-01, 2.8099e-01, 2.2741e-01,
    1.8404e-01, 1.4895e-01, 1.2055e-01, 9.7558e-02, 7.8955e-02, 6.3899e-02, 5.1714e-02, 4.1853e-02,
    3.3872e-02, 2.7413e-02, 2.2185e-02, 1.7955e-02, 1.4531e-02, 1.1760e-02, 9.5176e-03, 7.7027e-03,
    6.2339e-03, 5.0451e-03, 4.0831e-03, 3.3045e-03, 2.6744e-03, 2.1644e-03, 1.7517e-03, 1.4176e-03,
    1.1473e-03, 9.2852e-04, 7.5146e-04, 6.0817e-04, 4.9220e-04, 3.9834e-04, 3.2238e-04, 2.6091e-04,
    2.1115e-04, 1.7089e-04, 1.3830e-04, 1.1193e-04, 9.0585e-05, 7.3312e-05, 5.9332e-05, 4.8018e-05,
    3.8861e-05, 3.1451e-05, 2.5453e-05, 2.0600e-05, 1.6672e-05, 1.3492e-05, 1.0920e-05, 8.8374e-06,
    7.1522e-06, 5.7883e-06, 4.6845e-06, 3.7912e-06, 3.0683e-06, 2.4832e-06, 2.0097e-06, 1.6265e-06};

// test_yarn_rope_numerically: factor 10, beta_fast 32, beta_slow 1
const double kYarn[64] = {
    1.0000e+00, 8.6596e-01, 7.4989e-01, 6.4938e-01, 5.6234e-01, 4.8697e-01, 4.2170e-01, 3.6517e-01,
    3.1623e-01, 2.7384e-01, 2.3714e-01, 2.0535e-01, 1.7783e-01, 1.5399e-01, 1.3335e-01, 1.1548e-01,
    1.0000e-01, 8.3479e-02, 6.9590e-02, 5.7925e-02, 4.8136e-02, 3.9931e-02, 3.3061e-02, 2.7315e-02,
    2.2515e-02, 1.8512e-02, 1.5177e-02, 1.2403e-02, 1.0101e-02, 8.1924e-03, 6.6143e-03, 5.3120e-03,
    4.2400e-03, 3.3599e-03, 2.6396e-03, 2.0520e-03, 1.5746e-03, 1.1882e-03, 8.7713e-04, 6.2810e-04,
    4.3007e-04, 2.7384e-04, 2.3714e-04, 2.0535e-04, 1.7783e-04, 1.5399e-04, 1.3335e-04, 1.1548e-04,
    1.0000e-04, 8.6596e-05, 7.4989e-05, 6.4938e-05, 5.6234e-05, 4.8697e-05, 4.2170e-05, 3.6517e-05,
    3.1623e-05, 2.7384e-05, 2.3714e-05, 2.0535e-05, 1.7783e-05, 1.5399e-05, 1.3335e-05, 1.1548e-05};

// test_llama3_rope_numerically: factor 10, L 2048, low_freq_factor 1, high_freq_factor 4
const double kLlama3[64] = {
    1.0000e+00, 8.6596e-01, 7.4989e-01, 6.4938e-01, 5.6234e-01, 4.8697e-01, 4.2170e-01, 3.6517e-01,
    3.1623e-01, 2.7384e-01, 2.3714e-01, 2.0535e-01, 1.7783e-01, 1.5399e-01, 1.3335e-01, 1.1548e-01,
    1.0000e-01, 8.6596e-02, 7.4989e-02, 6.4938e-02, 5.6234e-02, 4.8697e-02, 4.2170e-02, 3.6517e-02,
    3.1623e-02, 2.7384e-02, 2.3714e-02, 2.0535e-02, 1.7783e-02, 1.5399e-02, 1.3335e-02, 1.0730e-02,
    7.7785e-03, 5.6009e-03, 3.9991e-03, 2.8248e-03, 1.9675e-03, 1.3449e-03, 8.9549e-04, 5.7363e-04,
    3.4539e-04, 2.7384e-04, 2.3714e-04, 2.0535e-04, 1.7783e-04, 1.5399e-04, 1.3335e-04, 1.1548e-04,
    1.0000e-04, 8.6596e-05, 7.4989e-05, 6.4938e-05, 5.6234e-05, 4.8697e-05, 4.2170e-05, 3.6517e-05,
    3.1623e-05, 2.7384e-05, 2.3714e-05, 2.0535e-05, 1.7783e-05, 1.5399e-05, 1.3335e-05, 1.1548e-05};

void check_table(const std::vector<Hp100>& got, const double (&expected)[64]) {
  REQUIRE(got.size() == 64);
  for (std::size_t i = 0; i < 64; ++i) {
    INFO("pair " << i << ": " << to_string(got[i], 10) << " vs " << expected[i]);
    CHECK(matches_5_digits(got[i], expected[i]));
  }
}

TEST_CASE("default and linear: test_default_rope_numerically, test_linear_rope_numerically",
          "[rope_scaling]") {
  const auto one = spec_of("rope-linear", with(kLlama, {{"factor", "1"}}));
  check_table(one.inv_freq, kDefault);
  CHECK(one.attention_factor == 1);
  for (const char* f : {"2", "10", "20"}) {
    const auto s = spec_of("rope-linear", with(kLlama, {{"factor", f}}));
    CHECK(s.attention_factor == 1);
    for (std::size_t i = 0; i < 64; ++i) CHECK(same(s.inv_freq[i], one.inv_freq[i] / Hp100(f)));
  }
}

TEST_CASE("dynamic NTK: test_dynamic_rope_numerically", "[rope_scaling]") {
  const Params base =
      with(kLlama, {{"factor", "10"}, {"original_max_position_embeddings", "2048"}});
  // Check 1: no scaling unless seq_len > L (seq_len not given, 1, L).
  const auto plain = spec_of("rope-linear", with(kLlama, {{"factor", "1"}}));
  for (const char* n : {"0", "1", "2048"}) {
    const auto s = spec_of("rope-dynamic-ntk", with(base, {{"seq_len", n}}));
    for (std::size_t i = 0; i < 64; ++i) CHECK(same(s.inv_freq[i], plain.inv_freq[i]));
  }
  // Check 2: seq_len 16384 -> base' = 1e4 * 71^(128/126); pe-variants.md: inv_freq[1] = 0.8093101.
  const auto s = spec_of("rope-dynamic-ntk", with(base, {{"seq_len", "16384"}}));
  check_table(s.inv_freq, kDynamic);
  CHECK(std::fabs(static_cast<double>(s.inv_freq[1]) - 0.8093101) < 0.5e-7);
  CHECK(same(s.quantities[1].values[0], Hp100(10000) * pow(Hp100(71), Hp100(128) / Hp100(126))));
}

TEST_CASE("NTK: static base change base * factor^(d/(d-2))", "[rope_scaling]") {
  const auto s = spec_of("rope-ntk", with(kLlama, {{"factor", "8"}}));
  const Hp100 base = Hp100(10000) * pow(Hp100(8), Hp100(128) / Hp100(126));
  for (std::size_t i = 0; i < 64; ++i)
    CHECK(same(s.inv_freq[i], pow(base, -Hp100(2 * static_cast<int>(i)) / Hp100(128))));
}

TEST_CASE("YaRN: test_yarn_rope_numerically", "[rope_scaling]") {
  const Params base = with(kLlama, {{"original_max_position_embeddings", "2048"}});
  // Check 1: attention 0.1 ln(factor) + 1, and an explicit attention_factor wins.
  for (const char* f : {"2", "10", "20"}) {
    const auto s = spec_of("rope-yarn", with(base, {{"factor", f}}));
    CHECK(same(s.attention_factor, Hp100("0.1") * log(Hp100(f)) + 1));
    const auto o = spec_of("rope-yarn", with(base, {{"factor", f}, {"attention_factor", "0.5"}}));
    CHECK(o.attention_factor == Hp100("0.5"));
  }
  // Check 3: the numerical snapshot; pe-variants.md: low = 16, high = 41, inv[17] = 8.3479e-02,
  // attention 1.2302585 (= 0.1 ln 10 + 1).
  const auto s = spec_of("rope-yarn", with(base, {{"factor", "10"}}));
  check_table(s.inv_freq, kYarn);
  CHECK(s.quantities[2].name == "low");
  CHECK(s.quantities[2].values[0] == 16);
  CHECK(s.quantities[3].values[0] == 41);
  CHECK(std::fabs(static_cast<double>(s.quantities[0].values[0]) - 16.128) < 5e-4);
  CHECK(std::fabs(static_cast<double>(s.quantities[1].values[0]) - 40.210) < 5e-4);
  CHECK(std::fabs(static_cast<double>(s.attention_factor) - 1.2302585) < 0.5e-7);
  // Check 2: bounded by default / factor and default; beta_fast 1000 interpolates all but [0]
  // and the last 20 equal default / factor.
  for (std::size_t i = 0; i < 64; ++i) {
    CHECK(s.inv_freq[i] <= s.default_inv_freq[i]);
    CHECK(s.inv_freq[i] >= s.default_inv_freq[i] / 10);
  }
  const auto fast = spec_of("rope-yarn", with(base, {{"factor", "10"}, {"beta_fast", "1000"}}));
  CHECK(fast.inv_freq[0] == fast.default_inv_freq[0]);
  for (std::size_t i = 1; i < 64; ++i) CHECK(fast.inv_freq[i] < fast.default_inv_freq[i]);
  for (std::size_t i = 44; i < 64; ++i)
    CHECK(same(fast.inv_freq[i], fast.default_inv_freq[i] / 10));
}

TEST_CASE("YaRN: truncate = false keeps the real correction range", "[rope_scaling]") {
  const Params base =
      with(kLlama, {{"original_max_position_embeddings", "2048"}, {"factor", "10"}});
  const auto s = spec_of("rope-yarn", with(base, {{"truncate", "false"}}));
  CHECK(s.quantities[2].values[0] == s.quantities[0].values[0]);  // low = corr_dim(beta_fast)
  CHECK(s.quantities[3].values[0] == s.quantities[1].values[0]);  // high = corr_dim(beta_slow)
  // ramp_17 = (17 - 16.128..) / (40.210.. - 16.128..)
  const Hp100 low = s.quantities[0].values[0], high = s.quantities[1].values[0];
  CHECK(same(s.quantities[4].values[17], (Hp100(17) - low) / (high - low)));
}

TEST_CASE("YaRN: DeepSeek attention factor get_mscale(s, mscale) / get_mscale(s, mscale_all_dim)",
          "[rope_scaling]") {
  const Params base =
      with(kLlama, {{"factor", "40"}, {"original_max_position_embeddings", "4096"}});
  const auto equal = spec_of("rope-yarn", with(base, {{"mscale", "1"}, {"mscale_all_dim", "1"}}));
  CHECK(equal.attention_factor == 1);
  const auto ratio =
      spec_of("rope-yarn", with(base, {{"mscale", "1"}, {"mscale_all_dim", "0.707"}}));
  const Hp100 l = log(Hp100(40));
  CHECK(same(ratio.attention_factor,
             (Hp100("0.1") * l + 1) / (Hp100("0.1") * Hp100("0.707") * l + 1)));
  // Only one of the two set: the plain get_mscale(s).
  const auto one = spec_of("rope-yarn", with(base, {{"mscale", "1"}}));
  CHECK(same(one.attention_factor, Hp100("0.1") * l + 1));
}

TEST_CASE("YaRN paper: gamma(r) with r = L / lambda", "[rope_scaling]") {
  const auto s =
      spec_of("rope-yarn-paper",
              with(kLlama, {{"factor", "10"}, {"original_max_position_embeddings", "2048"}}));
  const Hp100 pi = boost::math::constants::pi<Hp100>();
  for (std::size_t i = 0; i < 64; ++i) {
    const Hp100 theta = s.default_inv_freq[i], r = Hp100(2048) * theta / (2 * pi);
    Hp100 g = (r - 1) / Hp100(31);
    if (g < 0) g = 0;
    if (g > 1) g = 1;
    CHECK(same(s.inv_freq[i], (1 - g) * theta / 10 + g * theta));
  }
  // Differs from the reference code's ramp (linear in the pair index, i.e. in log r).
  const auto code =
      spec_of("rope-yarn", with(kLlama, {{"factor", "10"},
                                         {"truncate", "false"},
                                         {"original_max_position_embeddings", "2048"}}));
  CHECK(!same(s.inv_freq[30], code.inv_freq[30]));
}

TEST_CASE("Llama 3: test_llama3_rope_numerically", "[rope_scaling]") {
  const Params base = with(kLlama, {{"factor", "10"},
                                    {"original_max_position_embeddings", "2048"},
                                    {"low_freq_factor", "1"},
                                    {"high_freq_factor", "4"}});
  const auto s = spec_of("rope-llama3", base);
  check_table(s.inv_freq, kLlama3);
  CHECK(s.attention_factor == 1);
  // pe-variants.md: medium band = pairs 31 .. 40.
  REQUIRE(s.labels.size() == 1);
  for (std::size_t i = 0; i < 64; ++i) {
    const std::string want = i < 31 ? "high" : i <= 40 ? "medium" : "low";
    CHECK(s.labels[0].values[i] == want);
  }
  const auto all = spec_of("rope-llama3", with(base, {{"high_freq_factor", "1000"}}));
  for (std::size_t i = 0; i < 64; ++i) CHECK(all.inv_freq[i] < all.default_inv_freq[i]);
}

TEST_CASE("LongRoPE: test_longrope_rope_numerically", "[rope_scaling]") {
  std::string shorts, longs;
  for (int i = 1; i <= 64; ++i) {
    shorts += (i > 1 ? ",2" : "2");
    longs += (i > 1 ? "," : "") + std::to_string(i);
  }
  const Params base = with(kLlama, {{"original_max_position_embeddings", "2048"},
                                    {"short_factor", shorts},
                                    {"long_factor", longs}});
  // Check 1: attention sqrt(1 + ln(factor) / ln(2048)); attention_factor wins.
  for (const char* f : {"2", "10", "20"}) {
    const auto s = spec_of("rope-longrope", with(base, {{"factor", f}, {"seq_len", "0"}}));
    CHECK(same(s.attention_factor, sqrt(1 + log(Hp100(f)) / log(Hp100(2048)))));
    const auto o =
        spec_of("rope-longrope", with(base, {{"factor", f}, {"attention_factor", "0.5"}}));
    CHECK(o.attention_factor == Hp100("0.5"));
  }
  // Check 2 / 3: short factors up to L, long factors beyond (the seq_len switch).
  const auto at_l = spec_of("rope-longrope", with(base, {{"factor", "10"}, {"seq_len", "2048"}}));
  const auto beyond = spec_of("rope-longrope", with(base, {{"factor", "10"}, {"seq_len", "2049"}}));
  for (std::size_t i = 0; i < 64; ++i) {
    CHECK(same(at_l.inv_freq[i], at_l.default_inv_freq[i] / 2));
    CHECK(same(beyond.inv_freq[i], beyond.default_inv_freq[i] / Hp100(static_cast<int>(i) + 1)));
  }
  CHECK(at_l.labels[0].values[0] == "short_factor");
  CHECK(beyond.labels[0].values[0] == "long_factor");
  const auto one = spec_of("rope-longrope", with(base, {{"factor", "1"}}));
  CHECK(one.attention_factor == 1);
}

TEST_CASE("scaled RoPE encoders: A(p) = c R'(p), the factor on cos and sin", "[rope_scaling]") {
  const RopeScalingConfig c = config_of("rope-yarn", {{"head_dim", "8"}});
  const ScaledRope<double> enc(c);
  const double att = enc.attention_factor();
  CHECK(att == Approx(0.1 * std::log(4.0) + 1).epsilon(1e-15));
  Vec<double> x = Vec<double>::Zero(8);
  x(0) = 1;
  const Vec<double> y = enc.apply_query(x, 3.0);
  CHECK(std::hypot(y(0), y(4)) == Approx(att).epsilon(1e-15));
  CHECK((enc.query_map(3.0) * x - y).norm() < 1e-15);
}

TEST_CASE("scaled RoPE: the a-posteriori frequency error stays a few units of u",
          "[rope_scaling]") {
  // proofs/scaled_rope.md Lemma 5.1: kappa = ceil(max relative error / u) + 1 against 140
  // digits. A large kappa would loosen every tolerance of these encoders: keep it visible.
  for (const EncoderEntry& e : encoders()) {
    if (!e.scaling) continue;
    for (const char* d : {"16", "64"}) {
      const Params p{{"head_dim", d}};
      if (!e.dims.empty() && std::to_string(e.dims[0]) != d) continue;
      const double kd = e.make<double>(p)->error_profile().frequency_error_units;
      const double kh = e.make<Hp100>(p)->error_profile().frequency_error_units;
      INFO(e.name << " head_dim " << d << ": kappa double " << kd << ", hp100 " << kh);
      CHECK(kd >= 1);
      CHECK(kd <= 64);
      CHECK(kh <= 64);
    }
  }
}

TEST_CASE("scaled RoPE: invalid configurations are InputErrors naming the key",
          "[rope_scaling][bad_input]") {
  const auto throws_with = [](const std::string& enc, const Params& p, const std::string& what) {
    INFO(enc << ": expecting '" << what << "'");
    CHECK_THROWS_WITH(config_of(enc, p), Catch::Contains(what));
  };
  throws_with("rope-linear", {{"factor", "0.5"}}, "'factor' must be >= 1");
  throws_with("rope-linear", {{"factor", "nan"}}, "factor");
  throws_with("rope-linear", {{"rope_theta", "1"}}, "'rope_theta' must be > 1");
  throws_with("rope-linear", {{"rope_type", "yarn"}}, "'rope_type' is 'linear'");
  throws_with("rope-ntk", {{"head_dim", "2"}}, "d / (d - 2)");
  throws_with("rope-dynamic-ntk", {{"seq_len", "-1"}}, "seq_len");
  throws_with("rope-dynamic-ntk", {{"original_max_position_embeddings", "1.5"}},
              "original_max_position_embeddings");
  throws_with("rope-yarn", {{"beta_fast", "1"}, {"beta_slow", "2"}}, "'beta_fast' (1) must be >");
  throws_with("rope-yarn", {{"beta_slow", "0"}}, "'beta_slow' must be > 0");
  throws_with("rope-yarn", {{"truncate", "yes"}}, "'truncate': expected 'true' or 'false'");
  throws_with("rope-yarn", {{"mscale", "-1"}}, "'mscale' must be >= 0");
  throws_with("rope-yarn", {{"attention_factor", "0"}}, "'attention_factor' must be > 0");
  throws_with("rope-yarn", {{"layout", "diagonal"}}, "layout");
  throws_with("rope-llama3", {{"low_freq_factor", "4"}, {"high_freq_factor", "4"}},
              "'low_freq_factor' (4) must be < 'high_freq_factor'");
  throws_with("rope-longrope", {{"short_factor", "1,1"}}, "'short_factor' has 2 items, expected");
  throws_with("rope-longrope", {{"long_factor", "1,1,1,1,1,1,1,0"}}, "'long_factor': every item");
  throws_with("rope-longrope", {{"head_dim", "32"}}, "expected rotary_dim / 2 = 16");
  throws_with("rope-yarn", {{"partial_rotary_factor", "0.3"}, {"head_dim", "10"}}, "rotary");
  throws_with("rope-yarn", {{"frobnicate", "1"}}, "frobnicate");
}

}  // namespace
}  // namespace posprop
