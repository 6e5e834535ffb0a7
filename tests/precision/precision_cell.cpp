// One precision property on one path (proofs/precision.md): the CTest cells
// precision.<property>/<encoder>/<path> and the meta cells that must find a violation.
//
// usage: posprop_precision_cell PROPERTY PATH [--against PATH] [--encoder E] [--random N]
//                               [--limit L] [--expect-violation]
//        posprop_precision_cell figures          (JSON for independent_check.py)
// PROPERTY: angle_bound | entry_bound | equivariance_bound | injectivity.
// Exit: 0 the outcome is the expected one (holds; or violated with --expect-violation),
//       1 it is not, 2 bad usage or input.
#include "posprop/heap.hpp"
#include "posprop/params.hpp"
#include "posprop/precision/measure.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace posprop::precision;

struct Options {
  std::string property, path, against, encoder = "rope";
  int random = 16;
  double limit = 4096;
  bool expect_violation = false;
};

Options parse(int argc, char** argv) {
  if (argc < 3) throw posprop::InputError("usage: PROPERTY PATH [options] | figures");
  Options o;
  o.property = argv[1];
  o.path = argv[2];
  for (int i = 3; i < argc; ++i) {
    const std::string a = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw posprop::InputError("option " + a + " needs a value");
      return argv[++i];
    };
    if (a == "--against") {
      o.against = value();
    } else if (a == "--encoder") {
      o.encoder = value();
    } else if (a == "--random") {
      o.random = std::atoi(value().c_str());
      if (o.random < 0 || o.random > 100000) throw posprop::InputError("--random: 0 .. 100000");
    } else if (a == "--limit") {
      o.limit = std::strtod(value().c_str(), nullptr);
    } else if (a == "--expect-violation") {
      o.expect_violation = true;
    } else {
      throw posprop::InputError("unknown option " + a);
    }
  }
  if (o.against.empty()) o.against = o.path;
  return o;
}

/// Worst measured / bound ratio of one bound property over the study and random positions.
bool bound_holds(const Options& o) {
  const PathSpec& measured = find_path(o.path);
  const PathSpec& bounded = find_path(o.against);
  const PrecisionStudy study(parse_study_encoder(o.encoder), PhaseSetup{});
  std::vector<double> positions = study_positions();
  for (double p : random_positions(o.random, 20261128, std::ldexp(1.0, 26))) positions.push_back(p);
  double worst = 0, at = 0, measured_value = 0, bound = 0;
  int used = 0;
  for (double p : positions) {
    const PositionRow r = study.measure(measured, bounded, p, o.property == "equivariance_bound");
    if (!r.in_domain) continue;
    ++used;
    double ratio = 0, value = 0, b = 0;
    if (o.property == "angle_bound") {
      ratio = r.angle_ratio, value = r.angle_error, b = r.angle_bound;
    } else if (o.property == "entry_bound") {
      ratio = r.entry_ratio, value = r.entry_error, b = r.entry_bound;
    } else {
      ratio = r.equivariance_ratio, value = r.equivariance, b = r.equivariance_bound;
    }
    if (!(ratio <= worst)) worst = ratio, at = p, measured_value = value, bound = b;
  }
  std::printf(
      "precision.%s: path %s (encoder %s) against the bound of %s: %d positions, worst "
      "measured/bound %.6g at position %.17g (measured %.6g, bound %.6g) -> %s\n",
      o.property.c_str(), o.path.c_str(), o.encoder.c_str(), o.against.c_str(), used, worst, at,
      measured_value, bound, worst <= 1 ? "holds" : "VIOLATED");
  if (used == 0) throw posprop::InputError("no position inside the path's domain");
  return worst <= 1;
}

/// The derived first collapse of `against` equals what a search over the path `path` finds.
bool injectivity_holds(const Options& o) {
  const PathModel model(find_path(o.path), PhaseSetup{});
  const double derived = derived_first_collision(find_path(o.against));
  const double limit = std::min(o.limit, derived);
  const Collision c = first_collision(model, limit);
  bool holds = false;
  std::string detail;
  if (c.found) {
    holds = c.position == derived;
    detail = "first collision at " + posprop::to_decimal(c.position) + " (same table as " +
             posprop::to_decimal(c.earlier) + ")";
  } else if (position_precision(find_path(o.against)) < 53) {
    // Not searched up to the derived position: check the collapse there directly.
    holds = same_table(model, derived, derived - 1);
    detail = "no collision up to " + posprop::to_decimal(limit) + "; tables at " +
             posprop::to_decimal(derived) + " and " + posprop::to_decimal(derived - 1) +
             (holds ? " are equal" : " differ");
  } else {
    holds = true;
    detail = "no collision up to " + posprop::to_decimal(limit) +
             "; the derived collapse 2^53 + 1 is not a double (not checked)";
  }
  std::printf(
      "precision.injectivity: path %s against the derived first collapse of %s (2^%d + 1): %s -> "
      "%s\n",
      o.path.c_str(), o.against.c_str(), position_precision(find_path(o.against)), detail.c_str(),
      holds ? "holds" : "VIOLATED");
  return holds;
}

int figures() {
  const HeadlineFigures f = headline_figures();
  std::printf("{\"fp32_equivariance\": {");
  for (std::size_t i = 0; i < f.fp32_equivariance.size(); ++i)
    std::printf("%s\"%.0f\": %.17g", i ? ", " : "", f.fp32_equivariance[i].first,
                f.fp32_equivariance[i].second);
  std::printf("}, \"bf16_positions_first_collision\": %.17g, \"collides_with\": %.17g}\n",
              f.bf16_positions.position, f.bf16_positions.earlier);
  return 0;
}

/// The ladder verdict rule on both sides: matched tables must read as rounding, a key base off
/// by 1e-4 as structure (proofs/precision.md section 6), at shifts 1e3 and 1e5.
int ladder() {
  bool ok = true;
  for (double shift : {1e3, 1e5}) {
    const Ladder l = precision_ladder(StudyEncoder::rope, PhaseSetup{}, 10001, shift);
    for (const auto* rungs : {&l.matched, &l.mismatched}) {
      const std::string want = rungs == &l.matched ? "rounding" : "structure";
      const std::string got = ladder_verdict(*rungs);
      std::printf("shift %g, %s tables:", shift,
                  rungs == &l.matched ? "matched" : "key base 10001");
      for (const LadderRung& r : *rungs)
        std::printf(" %s %.3e (bound %.3e);", r.path.c_str(), r.residual, r.error_bound);
      std::printf(" verdict %s (expected %s)\n", got.c_str(), want.c_str());
      ok = ok && got == want;
    }
  }
  return ok ? 0 : 1;
}

/// The CMake list of paths equals paths(): no path is left without its cells.
int check_paths(int argc, char** argv) {
  std::vector<std::string> listed(argv + 2, argv + argc), known;
  for (const PathSpec& p : paths()) known.push_back(p.name);
  if (listed == known) return 0;
  std::printf("tests/precision/CMakeLists.txt POSPROP_PRECISION_PATHS differs from paths():");
  for (const std::string& k : known) std::printf(" %s", k.c_str());
  std::printf("\n");
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  posprop::retain_freed_memory();
  try {
    if (argc == 2 && std::string(argv[1]) == "figures") return figures();
    if (argc >= 2 && std::string(argv[1]) == "--check-paths") return check_paths(argc, argv);
    if (argc == 2 && std::string(argv[1]) == "ladder") return ladder();
    const Options o = parse(argc, argv);
    bool holds = false;
    if (o.property == "injectivity") {
      holds = injectivity_holds(o);
    } else if (o.property == "angle_bound" || o.property == "entry_bound" ||
               o.property == "equivariance_bound") {
      holds = bound_holds(o);
    } else {
      throw posprop::InputError("unknown property '" + o.property +
                                "' (angle_bound, entry_bound, equivariance_bound, injectivity)");
    }
    const bool failed = o.expect_violation ? holds : !holds;
    if (o.expect_violation)
      std::printf("expected a violation: %s\n", holds ? "NOT found" : "found");
    // Deterministic (fixed positions and seed): the same command replays the failure.
    if (failed) {
      std::printf("reproduce:");
      for (int i = 0; i < argc; ++i) std::printf(" '%s'", argv[i]);
      std::printf("\n");
    }
    return failed ? 1 : 0;
  } catch (const posprop::InputError& e) {
    std::fprintf(stderr, "posprop_precision_cell: error: %s\n", e.what());
    return 2;
  }
}
