#include "posprop/figures.hpp"

#include "posprop/encoders/rope.hpp"
#include "posprop/encoders/sinusoidal.hpp"
#include "posprop/random.hpp"
#include "posprop/score.hpp"
#include "posprop/svg.hpp"

#include <cmath>

namespace posprop {
namespace {

constexpr Index kDim = 64;
constexpr int kGrid = 48;

/// S(i, j) for i, j < kGrid with ONE query content and ONE key content at every position and
/// Gaussian W_q, W_k (seeded): any dependence on i and j is the encoder's.
std::vector<std::vector<double>> score_grid(const Encoder<double>& enc) {
  const auto matrix = [](std::uint64_t seed) {
    const std::vector<double> g = gaussian_entries(seed, kDim, kDim);
    Mat<double> m(kDim, kDim);
    for (Index r = 0; r < kDim; ++r)
      for (Index c = 0; c < kDim; ++c) m(r, c) = g[static_cast<std::size_t>(r * kDim + c)] / 8.0;
    return m;
  };
  const auto vector = [](std::uint64_t seed) {
    const std::vector<double> g = gaussian_entries(seed, kDim, 1);
    return Vec<double>(Eigen::Map<const Vec<double>>(g.data(), kDim));
  };
  const Projections<double> w{matrix(11), matrix(12)};
  const Vec<double> e_q = vector(13), e_k = vector(14);
  std::vector<std::vector<double>> s(kGrid, std::vector<double>(kGrid));
  for (int i = 0; i < kGrid; ++i)
    for (int j = 0; j < kGrid; ++j) s[i][j] = attention_logit(enc, w, e_q, e_k, i, j);
  return s;
}

std::unique_ptr<Encoder<double>> figure_encoder(const std::string& name) {
  if (name == "rope")
    return std::make_unique<Rope<double>>(kDim, 10000.0, kDim, Layout::interleaved);
  if (name == "sinusoidal")
    return std::make_unique<Sinusoidal<double>>(kDim, 10000.0, SinusoidalConvention::interleaved);
  throw InputError("no score figure for encoder '" + name + "'");
}

}  // namespace

double score_grid_diagonal_spread(const std::string& encoder) {
  const auto grid = score_grid(*figure_encoder(encoder));
  double spread = 0;
  for (int i = 0; i + 1 < kGrid; ++i)
    for (int j = 0; j + 1 < kGrid; ++j)
      spread = std::fmax(spread, std::fabs(grid[i][j] - grid[i + 1][j + 1]));
  return spread;
}

std::vector<Figure> figures() {
  std::vector<Figure> out;
  out.push_back(
      {"rope_scores.svg",
       svg::heatmap(
           score_grid(*figure_encoder("rope")),
           "RoPE (d = 64), random W_q, W_k: S(i, j) is constant along diagonals (Toeplitz)",
           "query position i", "key position j")});
  out.push_back(
      {"sinpe_scores.svg",
       svg::heatmap(
           score_grid(*figure_encoder("sinusoidal")),
           "Sinusoidal PE (d = 64), random W_q, W_k: S(i, j) is not constant along diagonals",
           "query position i", "key position j")});
  std::vector<svg::Series> series;
  for (const bool concat : {false, true}) {
    const Sinusoidal<double> table(
        128, 10000.0,
        concat ? SinusoidalConvention::concatenated : SinusoidalConvention::interleaved);
    svg::Series s{concat ? "[sin | cos] (tensor2tensor)" : "interleaved (Vaswani)", {}};
    for (std::size_t k = 0; k < table.frequencies().size(); ++k)
      s.points.emplace_back(double(k), 2 * M_PI / table.frequencies()[k]);
    series.push_back(s);
  }
  out.push_back(
      {"sinpe_wavelengths.svg",
       svg::line_plot(series, "Sinusoidal PE, d = 128: wavelength 2 pi / w_k of pair k",
                      "pair index k (low dimensions first)", "wavelength (positions)", true)});
  return out;
}

}  // namespace posprop
