// GeneratedProperty<P>: turns a property definition P into a checked Property.
//
// P provides:
//   static PropertyInfo info();
//   static bool applies_to(const EncoderEntry&);
//   using Input = ...;                         // printable with operator<< (17 digits)
//   static rc::Gen<Input> gen(const EncoderEntry&);
//   static std::vector<Input> boundary(const EncoderEntry&);  // deterministic boundary inputs
//   template <class T> static Measurement measure(const EncoderEntry&, const Input&);
// and a function record(Coverage&, const EncoderEntry&, const Input&) that says what an input
// exercises: P::record if P has one, else found by argument-dependent lookup
// (support/boundary_cases.hpp for the shared inputs). It is registered with POSPROP_PROPERTY(P)
// in its own file.
//
// A cell has two phases, with the same verdict rule on every input (the double rung and the hp
// rung; a failure re-evaluated at 100 digits and with intervals):
//   1. options.cases random inputs (RapidCheck: a failure is shrunk and gets a reproduce string);
//   2. every boundary input, in order, unless phase 1 settled the cell (a counterexample of an
//      expected-hold cell, or a structural, certified one of an expected-fail cell). An expected-
//      hold cell stops at its first failing boundary input; an expected-fail cell at its first
//      certified one. Phase 2 does not depend on the seed or the case count, so neither does a
//      verdict that phase 2 can reach: an expected failure visible on a boundary input is found
//      at every seed and every case count (meta/boundary_decides checks that each one is).
#pragma once

#include "posprop/plugin_failure.hpp"
#include "support/boundary_cases.hpp"
#include "support/property.hpp"
#include "support/rapidcheck_driver.hpp"

#include <rapidcheck.h>

#include <cmath>
#include <sstream>
#include <type_traits>

namespace posprop {

namespace detail {
template <class P, class = void>
struct HasOwnRecord : std::false_type {};
template <class P>
struct HasOwnRecord<P, std::void_t<decltype(P::record(
                           std::declval<Coverage&>(), std::declval<const EncoderEntry&>(),
                           std::declval<const typename P::Input&>()))>> : std::true_type {};
}  // namespace detail

template <class P>
class GeneratedProperty : public Property {
 public:
  /// Shrink candidates measured after the first failure (see random_phase).
  static constexpr int kShrinkBudget = 400;

  using Input = typename P::Input;

  GeneratedProperty() : info_(P::info()) {}
  const PropertyInfo& info() const override { return info_; }
  bool applies_to(const EncoderEntry& e) const override { return P::applies_to(e); }

  CellResult check(const EncoderEntry& encoder, const CheckOptions& options) const override {
    CellResult cell;
    cell.encoder = encoder.name;
    cell.property = info_.id;
    cell.expected = encoder.expectation(info_.id);
    cell.verdict = Verdict::hold;
    // A plugin call that crashed, exited, hung or overran (plugin_failure.hpp): the cell is ERROR
    // and the plugin is not called again for it (no shrinking: each call could crash or hang).
    try {
      if (options.cases > 0) random_phase(encoder, options, cell);
      if (!settled(cell)) boundary_phase(encoder, options, cell);
    } catch (const PluginInputError& e) {
      cell.verdict = Verdict::error;
      cell.counterexample.reset();
      cell.message = e.error.describe(info_.id) + "\n  input = " + e.input;
    }
    cell.cases = cell.coverage.random_cases + cell.coverage.boundary_cases;
    if (cell.verdict != Verdict::error && cell.expected == Expect::fail && !cell.as_expected())
      cell.message = missed_message(cell, options);
    return cell;
  }

  Coverage boundary_coverage(const EncoderEntry& encoder) const override {
    Coverage c;
    const std::vector<Input> list = P::boundary(encoder);
    c.boundary_total = c.boundary_cases = static_cast<int>(list.size());
    for (const Input& input : list) note(c, encoder, input);
    return c;
  }

 private:
  static void note(Coverage& c, const EncoderEntry& encoder, const Input& input) {
    if constexpr (detail::HasOwnRecord<P>::value) {
      P::record(c, encoder, input);
    } else {
      record(c, encoder, input);
    }
  }

  /// A plugin call that went wrong, with the input that was being measured.
  struct PluginInputError {
    PluginCallError error;
    std::string input;
  };

  static std::string shown(const Input& input) {
    std::ostringstream os;
    os.precision(17);
    os << input;
    return os.str();
  }

  /// Measures one input on the double and the hp rung; true when it holds. `log` gets the line.
  /// A non-finite plugin output is a failing case (a correct implementation's outputs are
  /// finite); a plugin call that did not return throws PluginInputError.
  static bool passes(const EncoderEntry& encoder, const Input& input, const CheckOptions& options,
                     CellResult& cell, std::string& log) {
    try {
      return measured_passes(encoder, input, options, cell, log);
    } catch (const PluginNonFinite& e) {
      log = e.what();
      return false;
    } catch (const PluginCallError& e) {
      throw PluginInputError{e, shown(input)};
    }
  }

  static bool measured_passes(const EncoderEntry& encoder, const Input& input,
                              const CheckOptions& options, CellResult& cell, std::string& log) {
    note(cell.coverage, encoder, input);
    const Measurement d = P::template measure<double>(encoder, input);
    cell.max_residual_double = std::fmax(cell.max_residual_double, d.residual);
    std::ostringstream os;
    os.precision(17);
    os << "residual double " << d.residual << " (tolerance " << d.tolerance << ")";
    // An encoder computing in double (a plugin) is decided on the double rung; its hp rung, the
    // exact residual of its double outputs, decides nothing (proofs/plugins.md) and costs ten
    // times the double rung: it is evaluated for counterexamples only (reevaluate), and
    // max_residual_hp is not measured (NaN).
    if (encoder.double_only) {
      cell.max_residual_hp = std::nan("");
      log = os.str();
      return d.within();
    }
    const Measurement h = options.hp_digits == 100 ? P::template measure<Hp100>(encoder, input)
                                                   : P::template measure<Hp50>(encoder, input);
    cell.max_residual_hp = std::fmax(cell.max_residual_hp, h.residual);
    os << ", hp" << options.hp_digits << " " << h.residual << " (tolerance " << h.tolerance << ")";
    log = os.str();
    return h.within() && d.within();
  }

  /// The cell needs no more inputs: an expected-hold cell failed, or an expected-fail cell has
  /// its certificate (or the check could not run).
  static bool settled(const CellResult& cell) {
    if (cell.verdict == Verdict::error) return true;
    if (cell.verdict != Verdict::fail) return false;
    return cell.expected == Expect::hold || cell.as_expected();
  }

  void random_phase(const EncoderEntry& encoder, const CheckOptions& options,
                    CellResult& cell) const {
    std::optional<Input> last_failure;
    std::optional<PluginInputError> plugin_error;
    int shrink_steps = 0;
    auto testable = [&] {
      if (plugin_error) return;
      const Input input = *P::gen(encoder);
      // Shrinking tries every entry of every vector: thousands of cases at d = 128, where the
      // dim itself cannot shrink (a plugin with one dim). Past kShrinkBudget tries the remaining
      // candidates pass unmeasured, so RapidCheck keeps the smallest failure found so far (a
      // real one: only measured inputs can fail).
      if (last_failure && ++shrink_steps > kShrinkBudget) return;
      std::string log;
      bool ok = true;
      try {
        ok = passes(encoder, input, options, cell, log);
      } catch (const PluginInputError& e) {
        plugin_error = e;  // rethrown after RapidCheck returns: no shrinking through a crash
        return;
      }
      RC_LOG() << log << '\n';
      if (!ok) {
        last_failure = input;
        RC_FAIL(log);
      }
    };
    const RunOutcome run = run_rapidcheck(testable, options);
    if (plugin_error) throw *plugin_error;
    cell.coverage.random_cases = run.cases;
    cell.message = run.message;
    if (run.kind == RunOutcome::success) return;
    if (run.kind == RunOutcome::failure && last_failure) {
      cell.verdict = Verdict::fail;
      cell.counterexample = reevaluate(encoder, *last_failure);
      cell.counterexample->reproduce = run.reproduce;
      cell.counterexample->origin = "random case " + std::to_string(run.cases) + " of " +
                                    std::to_string(options.cases) + ", shrunk by RapidCheck";
    } else {
      cell.verdict = Verdict::error;
    }
  }

  void boundary_phase(const EncoderEntry& encoder, const CheckOptions& options,
                      CellResult& cell) const {
    const std::vector<Input> list = P::boundary(encoder);
    Coverage& cov = cell.coverage;
    cov.boundary_total = static_cast<int>(list.size());
    for (std::size_t k = 0; k < list.size(); ++k) {
      ++cov.boundary_cases;
      const std::string origin =
          "boundary case " + std::to_string(k + 1) + " of " + std::to_string(list.size());
      std::string log;
      try {
        if (passes(encoder, list[k], options, cell, log)) continue;
        Counterexample cx = reevaluate(encoder, list[k]);
        cx.origin = origin + " (deterministic: found at every seed and case count)";
        const bool certified = cx.structural && cx.certified;
        if (!cell.counterexample || certified) {
          cell.verdict = Verdict::fail;
          cell.counterexample = std::move(cx);
          cell.message = log;
        }
      } catch (const std::exception& e) {
        cell.verdict = Verdict::error;
        cell.message = origin + ": " + e.what();
      }
      if (settled(cell)) return;
    }
  }

  /// What an expected-fail cell without a certified counterexample searched, and how to search
  /// more (issue 12: a MISSED cell must say both).
  static std::string missed_message(const CellResult& cell, const CheckOptions& options) {
    const Coverage& c = cell.coverage;
    std::ostringstream os;
    os << "no certified structural counterexample in " << c.random_cases << " random case(s) (seed "
       << test_params(options).seed << ") and " << c.boundary_cases << " boundary case(s)"
       << (cell.counterexample ? " (the counterexample below is not certified)" : "")
       << "; searched: " << c.summary() << "; search more with --cases "
       << std::max(10 * std::max(options.cases, 1), 1000) << " or another --seed";
    return os.str();
  }

  /// measure<T>, or an infinite residual if the plugin returned a non-finite value (`note`).
  template <class T>
  static Measurement remeasure(const EncoderEntry& encoder, const Input& input, std::string& note) {
    try {
      return P::template measure<T>(encoder, input);
    } catch (const PluginNonFinite& e) {
      note = e.what();
      return {HUGE_VAL, 0.0};
    } catch (const PluginCallError& e) {
      throw PluginInputError{e, shown(input)};
    }
  }

  static Counterexample reevaluate(const EncoderEntry& encoder, const Input& input) {
    Counterexample cx;
    cx.values.emplace_back("input", shown(input));
    std::string non_finite;
    cx.at_double = remeasure<double>(encoder, input, non_finite);
    cx.at_hp50 = remeasure<Hp50>(encoder, input, non_finite);
    cx.at_hp100 = remeasure<Hp100>(encoder, input, non_finite);
    // An encoder computing in double (a plugin) is held to the double bound on every rung, and
    // its failure is proved only when the exact residual exceeds that bound (proofs/plugins.md).
    const double floor = encoder.double_only ? cx.at_double.tolerance : 0.0;
    if (encoder.double_only) {
      cx.at_hp50.tolerance = std::fmax(cx.at_hp50.tolerance, floor);
      cx.at_hp100.tolerance = std::fmax(cx.at_hp100.tolerance, floor);
    }
    cx.structural = !cx.at_hp100.within();
    // Interval re-evaluation: a lower bound of the exact residual; > 0 proves the failure.
    cx.residual_lower_bound = remeasure<Interval>(encoder, input, non_finite).residual;
    cx.certified_above = floor;
    cx.certified = cx.residual_lower_bound > floor;
    if (!non_finite.empty()) {
      // A NaN or infinite output fails the case but proves nothing about exact arithmetic.
      cx.values.emplace_back("non-finite output", non_finite);
      cx.residual_lower_bound = 0;
      cx.certified = false;
    }
    // (R') of tolerances.md: |r_53 - r*| <= tol_53 + u_53 r*, the u r* term no longer hidden in
    // the slack of the tolerances since they are sharp (proofs/pair_bounds.md section 5).
    cx.ladder_stable =
        std::fabs(cx.at_double.residual - cx.at_hp100.residual) <=
        cx.at_double.tolerance + cx.at_hp100.tolerance +
            2 * unit_roundoff<double>() * std::fmax(cx.at_double.residual, cx.at_hp100.residual);
    cx.residual_hp100 = to_string(cx.at_hp100.residual, 17);
    return cx;
  }

  PropertyInfo info_;
};

#define POSPROP_PROPERTY_CONCAT2(a, b) a##b
#define POSPROP_PROPERTY_CONCAT(a, b) POSPROP_PROPERTY_CONCAT2(a, b)
/// Registers a property definition (one per file in properties/).
#define POSPROP_PROPERTY(Definition)                                                            \
  static const bool POSPROP_PROPERTY_CONCAT(posprop_registered_, __COUNTER__) = [] {            \
    ::posprop::register_property(std::make_unique<::posprop::GeneratedProperty<Definition>>()); \
    return true;                                                                                \
  }()

}  // namespace posprop
