// peer_posprop: the posprop side of the peer comparison (bench/run). Runs RoPE translation
// equivariance at d = 64 with dense Gaussian projections through posprop's engine
// (GeneratedProperty: RapidCheck generation, double and 50- (or 100-) digit evaluation, derived
// tolerances, verdict) for --cases N cases from --seed S, and prints one JSON line:
//   {"side":"posprop","dim":64,"digits":50,"cases":N,"seconds":..,"cases_per_second":..,
//    "verdict":"hold","max_residual_double":..,"max_residual_hp":..}
// The Python peer (bench/peer/rope_equivariance_peer.py) prints the same line.
#include "translation_case.hpp"

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr,
               "peer_posprop: %s\nusage: peer_posprop [--cases N] [--seed S] [--digits 50|100]\n",
               why);
  std::exit(2);
}

long parse(const char* s, const char* what) {
  char* end = nullptr;
  const long v = std::strtol(s, &end, 10);
  if (end == s || *end != '\0' || v < 0) usage((std::string("bad ") + what + ": " + s).c_str());
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  posprop::CheckOptions options;
  options.test_id = "bench/peer/score.translation_equivariant@d64";
  options.seed = posprop::kDefaultSeed;
  options.cases = 100;
  for (int k = 1; k < argc; ++k) {
    const std::string a = argv[k];
    if (k + 1 >= argc) usage(("missing value after " + a).c_str());
    if (a == "--cases") options.cases = static_cast<int>(parse(argv[++k], "--cases"));
    else if (a == "--seed") options.seed = static_cast<std::uint64_t>(parse(argv[++k], "--seed"));
    else if (a == "--digits") options.hp_digits = static_cast<int>(parse(argv[++k], "--digits"));
    else usage(("unknown argument " + a).c_str());
  }
  if (options.hp_digits != 50 && options.hp_digits != 100) usage("--digits must be 50 or 100");
  if (options.cases < 1) usage("--cases must be >= 1");

  const posprop::EncoderEntry& rope = posprop::find_encoder("rope");
  const posprop::GeneratedProperty<posprop::bench::TranslationFixedDim> property;
  const std::clock_t cpu0 = std::clock();
  const auto start = std::chrono::steady_clock::now();
  const posprop::CellResult cell = property.check(rope, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu_seconds = static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
  std::printf(
      "{\"side\": \"posprop\", \"dim\": %d, \"digits\": %d, \"cases\": %d, "
      "\"seconds\": %.6f, \"cpu_seconds\": %.6f, \"cases_per_second\": %.3f, \"verdict\": \"%s\", "
      "\"max_residual_double\": %.17g, \"max_residual_hp\": %.17g}\n",
      posprop::bench::kPeerDim, options.hp_digits, cell.cases, seconds, cpu_seconds,
      cell.cases / seconds, posprop::to_string(cell.verdict), cell.max_residual_double,
      cell.max_residual_hp);
  if (cell.verdict != posprop::Verdict::hold) {
    std::fprintf(stderr, "peer_posprop: verdict %s: %s\n", posprop::to_string(cell.verdict), cell.message.c_str());
    return 1;
  }
  return 0;
}
