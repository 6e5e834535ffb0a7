// run_matrix on worker processes (cli/matrix_workers.cpp): every field of a result crosses the
// process boundary bit for bit (NaN and infinities included), results land in their own cells
// whatever the number of workers, and a worker that dies leaves ERROR cells that say so.
#include "matrix.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <csignal>
#include <limits>
#include <string>
#include <vector>

namespace posprop::cli {
namespace {

/// A property whose result is made from the cell alone; it kills its process on `fatal_encoder`.
class ScriptedProperty : public Property {
 public:
  explicit ScriptedProperty(std::string fatal_encoder = "")
      : fatal_encoder_(std::move(fatal_encoder)) {}
  const PropertyInfo& info() const override { return info_; }
  bool applies_to(const EncoderEntry&) const override { return true; }
  CellResult check(const EncoderEntry& e, const CheckOptions& options) const override {
    if (e.name == fatal_encoder_) std::raise(SIGKILL);
    return scripted(e.name, options.seed);
  }

  static CellResult scripted(const std::string& encoder, std::uint64_t seed) {
    CellResult r;
    r.encoder = encoder;
    r.property = "test.scripted";
    r.expected = Expect::fail;
    r.verdict = Verdict::fail;
    r.cases = static_cast<int>(encoder.size());
    r.max_residual_double = std::numeric_limits<double>::quiet_NaN();
    r.max_residual_hp = 0.1 + static_cast<double>(seed);  // not a short decimal
    r.message = "message of " + encoder + " \"quoted\"\n\x01";
    r.coverage.random_cases = 7;
    r.coverage.dims = {2, 256};
    r.coverage.position(1048576.5);
    r.coverage.param("factor", 1.0 / 3.0);
    Counterexample cx;
    cx.values = {{"i", "3"}, {"q", "[1, 2]"}};
    cx.at_double = {HUGE_VAL, 1e-300};
    cx.at_hp50 = {-HUGE_VAL, 5e-324};  // a subnormal
    cx.at_hp100 = {std::nan(""), 0.0};
    cx.residual_hp100 = "1.234567890123456789012345678901e-3";
    cx.structural = cx.certified = true;
    cx.residual_lower_bound = 0x1.fffffffffffffp-1;
    cx.certified_above = 1e-16;
    cx.reproduce = "Abc_-";
    cx.origin = "random case 3 of 100, shrunk by RapidCheck";
    r.counterexample = cx;
    return r;
  }

 private:
  PropertyInfo info_{"test.scripted", "test", "statement", "proofs/x.md"};
  std::string fatal_encoder_;
};

Matrix matrix_of(const Property& p, int jobs) {
  Matrix m;
  m.seed = 11;
  m.jobs = jobs;
  m.properties = {&p};
  for (const EncoderEntry& e : encoders()) {
    m.encoders.push_back(&e);
    MatrixCell c;
    c.encoder = &e;
    c.property = &p;
    c.applicable = m.encoders.size() % 5 != 0;  // some n.a. cells in between
    m.cells.push_back(c);
  }
  return m;
}

bool same(double a, double b) {
  return std::isnan(a) ? std::isnan(b) : a == b && std::signbit(a) == std::signbit(b);
}

bool same(const Measurement& a, const Measurement& b) {
  return same(a.residual, b.residual) && same(a.tolerance, b.tolerance);
}

void require_same(const CellResult& got, const CellResult& want) {
  CHECK(got.encoder == want.encoder);
  CHECK(got.property == want.property);
  CHECK(got.expected == want.expected);
  CHECK(got.verdict == want.verdict);
  CHECK(got.cases == want.cases);
  CHECK(same(got.max_residual_double, want.max_residual_double));
  CHECK(same(got.max_residual_hp, want.max_residual_hp));
  CHECK(got.message == want.message);
  CHECK(got.coverage.random_cases == want.coverage.random_cases);
  CHECK(got.coverage.dims == want.coverage.dims);
  CHECK(got.coverage.max_position == want.coverage.max_position);
  CHECK(got.coverage.params == want.coverage.params);
  REQUIRE(got.counterexample.has_value());
  const Counterexample &g = *got.counterexample, &w = *want.counterexample;
  CHECK(g.values == w.values);
  CHECK(same(g.at_double, w.at_double));
  CHECK(same(g.at_hp50, w.at_hp50));
  CHECK(same(g.at_hp100, w.at_hp100));
  CHECK(g.residual_hp100 == w.residual_hp100);
  CHECK(g.structural == w.structural);
  CHECK(g.ladder_stable == w.ladder_stable);
  CHECK(same(g.residual_lower_bound, w.residual_lower_bound));
  CHECK(same(g.certified_above, w.certified_above));
  CHECK(g.certified == w.certified);
  CHECK(g.reproduce == w.reproduce);
  CHECK(g.origin == w.origin);
}

TEST_CASE("worker processes return every result bit for bit, in its own cell") {
  const ScriptedProperty p;
  for (const int jobs : {2, 3, 64}) {
    Matrix m = matrix_of(p, jobs);
    std::size_t reported = 0;
    run_matrix(m, [&](std::size_t done, std::size_t total, const MatrixCell&) {
      reported = done;
      CHECK(total == m.applicable_count());
    });
    CHECK(reported == m.applicable_count());
    for (const MatrixCell& c : m.cells) {
      if (!c.applicable) continue;
      INFO("jobs " << jobs << ", encoder " << c.encoder->name);
      require_same(c.result, ScriptedProperty::scripted(c.encoder->name, m.seed));
      CHECK(c.seconds >= 0);
    }
  }
}

TEST_CASE("a worker that dies leaves ERROR cells naming the signal; the other worker's stand") {
  const std::string fatal = encoders().at(1).name;
  const ScriptedProperty p(fatal);
  Matrix m = matrix_of(p, 2);
  run_matrix(m, nullptr);
  std::size_t errors = 0, fine = 0;
  for (const MatrixCell& c : m.cells) {
    if (!c.applicable) continue;
    if (c.status() == CellStatus::error) {
      ++errors;
      CHECK(c.result.encoder == c.encoder->name);
      CHECK(c.result.message.find("worker process checking this cell was killed by signal 9") !=
            std::string::npos);
    } else {
      ++fine;
      require_same(c.result, ScriptedProperty::scripted(c.encoder->name, m.seed));
    }
  }
  // The fatal cell's worker lost it and every cell after it; the other worker lost none.
  CHECK(errors >= 1);
  CHECK(fine >= m.applicable_count() / 2);
  CHECK(errors + fine == m.applicable_count());
}

}  // namespace
}  // namespace posprop::cli
