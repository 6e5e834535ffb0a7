// Conventions of other implementations (posprop/conventions.hpp, ggml_rope.hpp, diff.hpp;
// proofs/conventions.md): the fp32 emulation of llama.cpp's kernels against this machine's float
// arithmetic, the kernels against the fp32 error bound of their formula, and the YaRN finding.
#include "posprop/conventions.hpp"
#include "posprop/diff.hpp"
#include "posprop/ggml_rope.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace posprop;

namespace {

RotaryStructure plain(Index d, const char* base) {
  RotaryStructure s;
  s.layout = Layout::half_split;
  s.head_dim = s.rotary_dim = d;
  s.rope_theta = base;
  return s;
}

/// The gpt-oss geometry (models/gpt-oss-20b.json) on `encoder` under `convention`.
Params gpt_oss(const EncoderEntry& e, ConventionId convention) {
  const Params user{{"head_dim", "64"},
                    {"rope_theta", "150000"},
                    {"factor", "32"},
                    {"original_max_position_embeddings", "4096"},
                    {"truncate", "false"}};
  return apply_convention(convention, user.completed(e.name, e.params), user);
}

}  // namespace

TEST_CASE("ggml-cpu: theta *= theta_scale is emulated bit for bit (this machine's float)") {
  for (const Index d : {Index(64), Index(128), Index(80)}) {
    for (const char* base : {"10000", "500000", "150000"}) {
      const GgmlRope kernel(plain(d, base), false);
      // powf(base, -2.0f/n_dims): correctly rounded here, glibc within one ulp.
      const float glibc =
          std::pow(static_cast<float>(std::stod(base)), -2.0f / static_cast<float>(d));
      CHECK(std::fabs(glibc - static_cast<float>(kernel.theta_scale())) <=
            std::nextafter(glibc, 2.0f) - glibc);
      const float ts = static_cast<float>(kernel.theta_scale());
      for (const long long pos : {1LL, 7LL, 4097LL, 1000003LL, 16777215LL}) {
        volatile float theta = static_cast<float>(pos);  // one rounding per step, no contraction
        for (Index k = 0; k < d / 2; ++k) {
          REQUIRE(kernel.entry(k, pos).theta == static_cast<double>(theta));
          theta = theta * ts;
        }
      }
    }
  }
}

TEST_CASE("ggml correction range: floored and ceiled (gpt-oss: 8 and 18)") {
  const std::vector<double> dims = ggml_yarn_corr_dims(64, 4096, fp32::round(150000), 32, 1);
  CHECK(dims == std::vector<double>{8, 18});
  // The same with this machine's logf.
  const auto corr = [](float n_rot) {
    return 64 * std::log(4096 / (n_rot * 2 * static_cast<float>(M_PI))) / (2 * std::log(150000.0f));
  };
  CHECK(std::floor(corr(32.0f)) == 8);
  CHECK(std::ceil(corr(1.0f)) == 18);
  // transformers' HF test vector geometry: d 128, base 1e4, L 2048 -> 16 and 41.
  CHECK(ggml_yarn_corr_dims(128, 2048, 10000, 32, 1) == std::vector<double>{16, 41});
}

TEST_CASE("the ggml kernels stay within the fp32 bound of their formula") {
  const std::vector<std::string> names = {"rope-neox",      "rope",        "rope-partial",
                                          "rope-linear",    "rope-yarn",   "rope-yarn-deepseek",
                                          "rope-yarn-ggml", "rope-llama3", "rope-longrope"};
  std::vector<double> positions = {0, 1, 2, 3, 1e6};
  for (int e = 2; e <= 24; e += 2) positions.push_back(std::ldexp(1.0, e) - 1);
  positions.push_back(16777216);  // 2^24: beyond, fp32 positions collapse (precision.md)
  for (const std::string& name : names) {
    const EncoderEntry& entry = find_encoder(name);
    const Index d = entry.dims.empty() ? 128 : entry.dims.front();
    const Params user{{"head_dim", std::to_string(d)}};
    const Params exact_params =
        apply_convention(ConventionId::ggml, user.completed(entry.name, entry.params), user);
    const diff::Side exact(entry, exact_params, ConventionId::ggml, precision::FormatId::fp32);
    for (const ConventionId kernel : {ConventionId::ggml_cpu, ConventionId::ggml_cuda}) {
      const diff::Side k(entry, apply_convention(kernel, exact_params, user), kernel,
                         precision::FormatId::fp32);
      double worst = 0;
      for (const double p : positions) {
        for (Index pair = 0; pair < exact.structure().pairs(); ++pair)
          worst = std::max(worst, exact.distance(k, pair, p) / exact.radius(pair, p));
      }
      INFO(name << " " << convention(kernel).name << ": largest error / bound = " << worst);
      CHECK(worst <= 1.0);
      CHECK(worst > 0.0);  // a kernel, not the formula again
    }
  }
}

TEST_CASE("gpt-oss: llama.cpp's YaRN differs from transformers' in pairs 9-17, +76 % at 17") {
  const EncoderEntry& e = find_encoder("rope-yarn-untruncated");
  const diff::Side hf(e, gpt_oss(e, ConventionId::transformers), ConventionId::transformers,
                      precision::FormatId::fp32);
  const diff::Side ggml(e, gpt_oss(e, ConventionId::ggml), ConventionId::ggml,
                        precision::FormatId::fp32);
  const diff::Comparison c = diff::compare(hf, ggml, diff::default_positions({}, {}));
  REQUIRE(c.cases.size() == 9);
  for (std::size_t i = 0; i < c.cases.size(); ++i) {
    CHECK(c.cases[i].pair == static_cast<Index>(9 + i));
    CHECK(c.cases[i].first_position == 1);
    CHECK(c.cases[i].agrees_at == 0);
  }
  const diff::PairCase& p17 = c.cases.back();
  CHECK(std::fabs(p17.angle_b / p17.angle_a - 1 - 0.7627) < 5e-4);
  // The same geometry against itself: nothing differs, and the sides are exact copies.
  const diff::Comparison same = diff::compare(hf, hf, {0, 1, 4096, 16777216});
  CHECK(same.cases.empty());
  CHECK(same.worst_ratio == 0);
}

TEST_CASE("minimised cases: differ at the first position, agree one position earlier") {
  // A base off by 1e-4: the angle error p w_k (2k/d) 1e-4 outgrows the fp32 bound only at large
  // positions, so the bisection has work to do.
  const EncoderEntry& e = find_encoder("rope-neox");
  const auto side = [&](const char* base) {
    const Params user{{"head_dim", "128"}, {"rope_theta", base}};
    return diff::Side(e, user.completed(e.name, e.params), ConventionId::transformers,
                      precision::FormatId::fp32);
  };
  const diff::Side a = side("10000"), b = side("10001");
  const diff::Comparison c = diff::compare(a, b, diff::default_positions({}, {}));
  REQUIRE(!c.cases.empty());
  std::size_t bisected = 0;
  for (const diff::PairCase& p : c.cases) {
    const auto differs = [&](double pos) {
      return a.distance(b, p.pair, pos) > a.radius(p.pair, pos) + b.radius(p.pair, pos);
    };
    CHECK(differs(p.first_position));
    CHECK(differs(p.worst_position));
    CHECK(p.absolute > p.tolerance);
    if (p.agrees_at >= 0) {
      CHECK(p.agrees_at == p.first_position - 1);
      CHECK_FALSE(differs(p.agrees_at));
      bisected += p.first_position > 4;
    }
  }
  CHECK(bisected > 0);
}

TEST_CASE("conventions: names, and what does not exist is refused") {
  CHECK(find_convention("ggml-cpu").id == ConventionId::ggml_cpu);
  CHECK_THROWS_AS(find_convention("vulkan"), InputError);
  const EncoderEntry& ntk = find_encoder("rope-ntk");
  const Params p = Params{{"head_dim", "64"}}.completed(ntk.name, ntk.params);
  CHECK_THROWS_AS(diff::Side(ntk, p, ConventionId::ggml, precision::FormatId::fp32), InputError);
  CHECK_THROWS_AS(
      diff::Side(find_encoder("alibi"), Params{}.completed("alibi", find_encoder("alibi").params),
                 ConventionId::transformers, precision::FormatId::fp32),
      InputError);
}
