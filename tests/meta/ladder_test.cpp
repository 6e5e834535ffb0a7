// Each rung of the precision ladder decides something alone (DESIGN.md section 2). A cell holds
// on an input only when both the double and the hp rung hold; these two RoPE implementations,
// claimed correct, are each wrong on one rung only, so a cell that dropped either rung would pass
// one of them (the mutants hp-rung-skipped and double-rung-skipped of tests/mutation).
//   rope-freqs-in-double   generic over T, but inv_freq_k = base^(-2k/d) is evaluated in double
//                          and then widened to T (`T(std::pow(base, ...))` in a generic port):
//                          the same bits as correct code in double, a relative error of order
//                          2^-53 per frequency in 50 digits. Only the hp rung sees it; the
//                          failure is structural (the hp100 residual is far above its
//                          tolerance) and certified by intervals.
//   rope-fp32-angle-table  a fast path for the builtin types that stores the angles p theta_k
//                          in fp32 (a float angle table reused for double), while the
//                          multiprecision types take the exact path: wrong in double, exact in
//                          50 and 100 digits. Only the double rung sees it; the failure is not
//                          structural, so the cell is a plain FAIL of a cell expected to hold
//                          (the gate's exit 1), never an expected failure.
// A certificate is the interval evaluation's alone: rope-uncertifiable has the defect of
// rope-freqs-in-double in double, Hp50 and Hp100 but computes exactly in intervals; its failure
// is structural (hp100) and must not be certified (the mutant certificate-ignored).
#include "broken_registry.hpp"
#include "support/cases.hpp"
#include "support/cell_report.hpp"
#include "support/property.hpp"

#include "posprop/encoders/rope.hpp"
#include "posprop/registry_builder.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <optional>
#include <type_traits>

namespace posprop::meta {
namespace {

template <class T>
std::vector<T> widened_double_freqs(double base, Index rotary_dim) {
  std::vector<T> out;
  for (const double f : default_inv_freq<double>(base, rotary_dim)) out.push_back(T(f));
  return out;
}

template <class T>
class RopeFreqsInDouble : public Rope<T> {
 public:
  RopeFreqsInDouble(Index head_dim, double base, Index rotary_dim, Layout layout)
      : Rope<T>(head_dim, widened_double_freqs<T>(base, rotary_dim), layout) {}
};

/// Frequencies computed in double, except in interval arithmetic (exact there).
template <class T>
class RopeUncertifiable : public Rope<T> {
 public:
  RopeUncertifiable(Index head_dim, double base, Index rotary_dim, Layout layout)
      : Rope<T>(head_dim,
                std::is_same_v<T, Interval> ? default_inv_freq<T>(base, rotary_dim)
                                            : widened_double_freqs<T>(base, rotary_dim),
                layout) {}
};

template <class T>
class RopeFp32AngleTable : public Rope<T> {
 public:
  using Rope<T>::Rope;

 protected:
  T angle(Index k, double pos) const override {
    const T exact = Rope<T>::angle(k, pos);
    if constexpr (std::is_floating_point_v<T>) return T(static_cast<float>(exact));
    return exact;
  }
};

/// The shipped `rope` entry, renamed, claimed correct (no expected failure), built as E<T>.
template <template <class> class E>
EncoderEntry claimed_correct(const std::string& name, const std::string& description) {
  EncoderEntry e = build::variant_of("rope", name, description,
                                     "tests/meta/ladder_test.cpp (deliberately broken)");
  build::construct<E, kLadder>(e, build::rope_args);
  return e;
}

/// The cell `property` x `encoder` on its boundary inputs alone (no random case).
CellResult boundary_cell(const std::string& property, const EncoderEntry& encoder) {
  CheckOptions options = tier_options("meta/ladder/" + property + "/" + encoder.name);
  options.cases = 0;
  return find_property(property).check(encoder, options);
}

TEST_CASE("meta/ladder: the hp rung alone catches frequencies computed in double", "[ladder]") {
  const EncoderEntry e =
      claimed_correct<RopeFreqsInDouble>("rope-freqs-in-double", "inv_freq in double, then T");
  const CellResult cell = boundary_cell("spec.reference", e);
  INFO(describe_cell(cell, "(meta/ladder)"));
  REQUIRE(cell.verdict == Verdict::fail);
  REQUIRE(cell.counterexample);
  const Counterexample& cx = *cell.counterexample;
  CHECK(cx.at_double.within());  // invisible in double: the double rung passes it
  CHECK_FALSE(cx.at_hp50.within());
  CHECK(cx.structural);
  CHECK(cx.certified);
}

TEST_CASE("meta/ladder: the double rung alone catches an fp32 angle table", "[ladder]") {
  const EncoderEntry e = claimed_correct<RopeFp32AngleTable>(
      "rope-fp32-angle-table", "builtin types: angles rounded to fp32");
  for (const char* property : {"spec.reference", "rotation.group"}) {
    const CellResult cell = boundary_cell(property, e);
    INFO(describe_cell(cell, "(meta/ladder)"));
    REQUIRE(cell.verdict == Verdict::fail);
    REQUIRE(cell.counterexample);
    const Counterexample& cx = *cell.counterexample;
    CHECK_FALSE(cx.at_double.within());
    CHECK(cx.at_hp50.within());  // exact in 50 digits: the hp rung passes it
    CHECK(cx.at_hp100.within());
    CHECK_FALSE(cx.structural);
    CHECK_FALSE(cx.ladder_stable);  // the double residual is not reproduced at 100 digits
    CHECK_FALSE(cell.as_expected());
  }
}

TEST_CASE("meta/ladder: a failure the intervals do not reproduce is not certified", "[ladder]") {
  const EncoderEntry e = claimed_correct<RopeUncertifiable>(
      "rope-uncertifiable", "inv_freq in double except in intervals");
  const CellResult cell = boundary_cell("spec.reference", e);
  INFO(describe_cell(cell, "(meta/ladder)"));
  REQUIRE(cell.verdict == Verdict::fail);
  REQUIRE(cell.counterexample);
  const Counterexample& cx = *cell.counterexample;
  CHECK(cx.structural);  // the floating rungs, 100 digits included, see it
  CHECK_FALSE(cx.certified);
  CHECK(cx.residual_lower_bound == 0);
}

// Found by the two cases above: the encoder cache was keyed by the entry's address, and the
// second local entry, built where the first had been, was measured with the first's encoders.
TEST_CASE("meta/ladder: an entry built where another was gets its own encoders", "[ladder]") {
  std::optional<EncoderEntry> slot;
  slot.emplace(claimed_correct<RopeFreqsInDouble>("first", "first entry"));
  const Encoder<Hp50>* first = &instance<Hp50>(*slot, 8);
  CHECK(dynamic_cast<const RopeFreqsInDouble<Hp50>*>(first));
  slot.reset();
  slot.emplace(claimed_correct<RopeFp32AngleTable>("second", "same address, another class"));
  CHECK(dynamic_cast<const RopeFp32AngleTable<Hp50>*>(&instance<Hp50>(*slot, 8)));
  const EncoderEntry copy = *slot;  // a copy is another entry, with encoders of its own
  CHECK(&instance<Hp50>(copy, 8) != &instance<Hp50>(*slot, 8));
}

}  // namespace
}  // namespace posprop::meta
