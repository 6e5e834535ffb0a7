// posprop_bench_properties: property cases per second through the suite's engine
// (Property::check: RapidCheck generation, double + 50- or 100-digit evaluation, derived
// tolerances), the cost of one case per scalar type, and the scaling with the number of cases.
#include "case_bench.hpp"

#include "support/property.hpp"
#include "support/rapidcheck_driver.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace posprop::bench {

const std::vector<ScoreCase>& fixed_d_cases() {
  static const std::vector<ScoreCase> cases =
      sample_cases(score_case_fixed(kPeerDim, find_encoder("rope").max_position), 32, 1);
  return cases;
}

const std::vector<ScoreCase>& random_d_cases() {
  static const std::vector<ScoreCase> cases = sample_cases(score_case(find_encoder("rope")), 32, 1);
  return cases;
}

namespace {

/// One benchmark iteration = one Property::check of `cases` cases; items = cases run.
void bm_property(benchmark::State& state, const Property* property, const EncoderEntry* encoder,
                 int digits, int cases) {
  CheckOptions options;
  options.test_id = property->info().id + "/" + encoder->name;
  options.seed = kDefaultSeed;
  options.cases = cases;
  options.hp_digits = digits;
  std::int64_t done = 0;
  bool as_expected = true;
  for (auto _ : state) {
    const CellResult cell = property->check(*encoder, options);
    done += cell.cases;
    as_expected = as_expected && cell.as_expected();
    if (cell.verdict == Verdict::error) {
      state.SkipWithError(("check error: " + cell.message).c_str());
      break;
    }
  }
  state.SetItemsProcessed(done);
  state.counters["as_expected"] = as_expected ? 1 : 0;
}

enum class Rung { double_only, hp50, hp100 };
const char* rung_name(Rung r) {
  return r == Rung::double_only ? "double_only" : r == Rung::hp50 ? "double+hp50" : "double+hp100";
}

/// The engine loop of GeneratedProperty (RapidCheck + measure at each rung + verdict), with
/// the rungs chosen: double alone gives the "double case" that the 100-digit case is compared to.
void bm_engine(benchmark::State& state, bool fixed_d, Rung rung, int cases) {
  const EncoderEntry& entry = find_encoder("rope");
  const rc::Gen<ScoreCase> g = fixed_d ? score_case_fixed(kPeerDim, entry.max_position) : score_case(entry);
  CheckOptions options;
  options.test_id = "bench/engine";
  options.seed = kDefaultSeed;
  options.cases = cases;
  std::int64_t done = 0;
  for (auto _ : state) {
    const RunOutcome out = run_rapidcheck(
        [&] {
          const ScoreCase c = *g;
          const Measurement d = translation_measure<double>(rope_encoder<double>(entry, c.dim), c);
          Measurement h;
          if (rung == Rung::hp50) h = translation_measure<Hp50>(rope_encoder<Hp50>(entry, c.dim), c);
          if (rung == Rung::hp100) h = translation_measure<Hp100>(rope_encoder<Hp100>(entry, c.dim), c);
          RC_ASSERT(d.within() && h.within());
        },
        options);
    done += out.cases;
    if (out.kind != RunOutcome::success) {
      state.SkipWithError(("engine run did not succeed: " + out.message).c_str());
      break;
    }
  }
  state.SetItemsProcessed(done);
}

void register_all() {
  const auto add = [](const std::string& name, auto fn) {
    return benchmark::RegisterBenchmark(name.c_str(), fn)->Unit(benchmark::kMillisecond);
  };
  const EncoderEntry* rope = &find_encoder("rope");
  // The two headline properties at 100 cases per check, both rungs.
  for (const char* id : {"score.translation_equivariant", "rotation.orthogonal"}) {
    const Property* p = &find_property(id);
    for (int digits : {50, 100}) {
      add(join({"property", id, "rope", "hp" + std::to_string(digits), "cases=100"}),
          [=](benchmark::State& st) { bm_property(st, p, rope, digits, 100); });
    }
  }
  // Every property that applies to rope (bench/run --all).
  for (const Property* p : properties()) {
    if (!p->applies_to(*rope)) continue;
    for (int digits : {50, 100}) {
      add(join({"property_all", p->info().id, "rope", "hp" + std::to_string(digits), "cases=50"}),
          [=](benchmark::State& st) { bm_property(st, p, rope, digits, 50); });
    }
  }
  // Engine rungs: the double-only case against the 50- and 100-digit cases.
  for (bool fixed : {true, false}) {
    for (Rung r : {Rung::double_only, Rung::hp50, Rung::hp100}) {
      add(join({"engine", "score.translation_equivariant", fixed ? "d=64" : "random_d", rung_name(r), "cases=100"}),
          [=](benchmark::State& st) { bm_engine(st, fixed, r, 100); });
    }
  }
  // One case's evaluation per scalar type (digits table).
  register_case<double>("double");
  register_case<Hp50>("hp50");
  register_case<Hp100>("hp100");
  register_case_wide();
  // Cost against the number of cases. The d = 64 workload has a flat per-case cost, so the
  // total must grow linearly; the registered generator mixes d = 2 .. 192 and Haar projections
  // (a Householder QR per use), so a short run's per-case cost depends on which few cases it drew.
  static const GeneratedProperty<TranslationFixedDim> fixed_dim;
  const Property* te = &find_property("score.translation_equivariant");
  for (int n : {10, 100, 1000}) {
    add(join({"scale_cases", "score.translation_equivariant@d64", "rope", "hp50", "cases=" + std::to_string(n)}),
        [=](benchmark::State& st) { bm_property(st, &fixed_dim, rope, 50, n); });
    add(join({"scale_cases", "score.translation_equivariant", "rope", "hp50", "cases=" + std::to_string(n)}),
        [=](benchmark::State& st) { bm_property(st, te, rope, 50, n); });
  }
}

}  // namespace
}  // namespace posprop::bench

int main(int argc, char** argv) {
  posprop::bench::register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
