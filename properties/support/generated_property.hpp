// GeneratedProperty<P>: turns a property definition P into a checked Property.
//
// P provides:
//   static PropertyInfo info();
//   static bool applies_to(const EncoderEntry&);
//   using Input = ...;                         // printable with operator<< (17 digits)
//   static rc::Gen<Input> gen(const EncoderEntry&);
//   template <class T> static Measurement measure(const EncoderEntry&, const Input&);
// and is registered with POSPROP_PROPERTY(P) in its own file.
#pragma once

#include "posprop/plugin_failure.hpp"
#include "support/property.hpp"
#include "support/rapidcheck_driver.hpp"

#include <rapidcheck.h>

#include <cmath>
#include <sstream>

namespace posprop {

template <class P>
class GeneratedProperty : public Property {
 public:
  GeneratedProperty() : info_(P::info()) {}
  const PropertyInfo& info() const override { return info_; }
  bool applies_to(const EncoderEntry& e) const override { return P::applies_to(e); }

  CellResult check(const EncoderEntry& encoder, const CheckOptions& options) const override {
    using Input = typename P::Input;
    CellResult cell;
    cell.encoder = encoder.name;
    cell.property = info_.id;
    cell.expected = encoder.expectation(info_.id);
    std::optional<Input> last_failure;
    // A plugin call that crashed, exited, hung or overran (plugin_failure.hpp): the cell is ERROR
    // and the plugin is not called again for it (no shrinking: each call could crash or hang).
    std::optional<std::string> plugin_error;
    int cases_run = 0;

    auto testable = [&] {
      if (plugin_error) return;
      const Input input = *P::gen(encoder);
      Measurement d, h;
      try {
        d = P::template measure<double>(encoder, input);
        h = options.hp_digits == 100 ? P::template measure<Hp100>(encoder, input)
                                     : P::template measure<Hp50>(encoder, input);
      } catch (const PluginCallError& e) {
        plugin_error = e.describe(info_.id) + "\n  input = " + shown(input);
        return;
      } catch (const PluginNonFinite& e) {
        last_failure = input;  // a failing case: a correct implementation's outputs are finite
        RC_FAIL(e.what());
      }
      ++cases_run;
      cell.max_residual_double = std::fmax(cell.max_residual_double, d.residual);
      cell.max_residual_hp = std::fmax(cell.max_residual_hp, h.residual);
      std::ostringstream log;
      log.precision(17);
      log << "residual double " << d.residual << " (tolerance " << d.tolerance << "), hp"
          << options.hp_digits << " " << h.residual << " (tolerance " << h.tolerance << ")";
      RC_LOG() << log.str() << '\n';
      // An encoder computing in double (a plugin) is decided on the double rung; its hp rung is
      // the exact residual of its double outputs, reported, not a verdict (proofs/plugins.md).
      if (!((h.within() || encoder.double_only) && d.within())) {
        last_failure = input;
        RC_FAIL(log.str());
      }
    };

    const RunOutcome run = run_rapidcheck(testable, options);
    cell.cases = run.cases;
    cell.message = run.message;
    if (plugin_error) {
      cell.cases = cases_run;
      cell.message = *plugin_error;
      cell.verdict = Verdict::error;
    } else if (run.kind == RunOutcome::success) {
      cell.verdict = Verdict::hold;
    } else if (run.kind == RunOutcome::failure && last_failure) {
      cell.verdict = Verdict::fail;
      try {
        cell.counterexample = reevaluate(encoder, *last_failure, run);
      } catch (const PluginCallError& e) {
        cell.verdict = Verdict::error;
        cell.message = e.describe(info_.id) + "\n  input = " + shown(*last_failure);
      }
    } else {
      cell.verdict = Verdict::error;
    }
    return cell;
  }

 private:
  static std::string shown(const typename P::Input& input) {
    std::ostringstream os;
    os.precision(17);
    os << input;
    return os.str();
  }

  /// measure<T>, or an infinite residual if the plugin returned a non-finite value (`note`).
  template <class T>
  static Measurement remeasure(const EncoderEntry& encoder, const typename P::Input& input,
                               std::string& note) {
    try {
      return P::template measure<T>(encoder, input);
    } catch (const PluginNonFinite& e) {
      note = e.what();
      return {HUGE_VAL, 0.0};
    }
  }

  static Counterexample reevaluate(const EncoderEntry& encoder, const typename P::Input& input,
                                   const RunOutcome& run) {
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
    cx.reproduce = run.reproduce;
    return cx;
  }

  PropertyInfo info_;
};

#define POSPROP_PROPERTY_CONCAT2(a, b) a##b
#define POSPROP_PROPERTY_CONCAT(a, b) POSPROP_PROPERTY_CONCAT2(a, b)
/// Registers a property definition (one per file in properties/).
#define POSPROP_PROPERTY(Definition)                                                            \
  static const bool POSPROP_PROPERTY_CONCAT(posprop_registered_, __LINE__) = [] {               \
    ::posprop::register_property(std::make_unique<::posprop::GeneratedProperty<Definition>>()); \
    return true;                                                                                \
  }()

}  // namespace posprop
