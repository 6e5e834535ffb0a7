// Writes every posprop check report for a synthetic matrix that has each cell status (holds,
// FAILS, xfail found, MISSED, ERROR, n.a.), strings that need escaping and a non-finite number,
// plus the text table of a matrix too wide for one block. check_report_fixture.py validates them.
#include "check_json.hpp"
#include "junit_writer.hpp"
#include "markdown_writer.hpp"
#include "matrix.hpp"
#include "matrix_table.hpp"

#include <deque>
#include <fstream>
#include <iostream>
#include <limits>
#include <string>

namespace posprop::cli {
namespace {

// Quote, backslash, markup, pipe, tab, newline and a control character XML 1.0 forbids.
const std::string kNasty = "say \"hi\" \\ <tag a='1'> & | x\ty\nz \x01 end";

class FakeProperty : public Property {
 public:
  explicit FakeProperty(std::string id) : info_{id, "fake", "statement of " + id, "proofs/x.md"} {}
  const PropertyInfo& info() const override { return info_; }
  bool applies_to(const EncoderEntry&) const override { return true; }
  CellResult check(const EncoderEntry&, const CheckOptions&) const override { return {}; }

 private:
  PropertyInfo info_;
};

Counterexample counterexample(bool structural) {
  Counterexample cx;
  cx.values = {{"input", "{x=<1>, y=\"&\"}"}};
  cx.at_double = {0.1, 1e-15};
  cx.at_hp50 = {0.1, 1e-49};
  cx.at_hp100 = {structural ? 0.1 : 0.0, 1e-99};
  cx.structural = structural;
  cx.ladder_stable = structural;
  cx.residual_lower_bound = structural ? 0.09 : 0.0;
  cx.certified = structural;
  cx.reproduce = "AbC123_-";
  return cx;
}

MatrixCell cell(const EncoderEntry& e, const Property& p, Expect expected, Verdict verdict) {
  MatrixCell c;
  c.encoder = &e;
  c.property = &p;
  c.applicable = true;
  c.result.encoder = e.name;
  c.result.property = p.info().id;
  c.result.expected = expected;
  c.result.verdict = verdict;
  c.result.cases = 7;
  c.result.max_residual_double = 0.30000000000000004;
  c.result.max_residual_hp = 1e-60;
  c.seconds = 0.25;
  return c;
}

EncoderEntry encoder(const std::string& name) {
  EncoderEntry e;
  e.name = name;
  return e;
}

/// enc-a: holds, FAILS, xfail found; enc-b: MISSED, ERROR, n.a.
Matrix all_statuses(const std::deque<EncoderEntry>& enc, const std::deque<FakeProperty>& props) {
  Matrix m;
  m.seed = 42;
  m.cases = 7;
  m.encoders = {&enc[0], &enc[1]};
  m.properties = {&props[0], &props[1], &props[2]};
  m.cells.push_back(cell(enc[0], props[0], Expect::hold, Verdict::hold));
  m.cells.push_back(cell(enc[0], props[1], Expect::hold, Verdict::fail));
  m.cells.back().result.counterexample = counterexample(false);
  m.cells.back().result.message = kNasty;
  m.cells.push_back(cell(enc[0], props[2], Expect::fail, Verdict::fail));
  m.cells.back().result.counterexample = counterexample(true);
  m.cells.push_back(cell(enc[1], props[0], Expect::fail, Verdict::hold));
  m.cells.push_back(cell(enc[1], props[1], Expect::hold, Verdict::error));
  m.cells.back().result.message = kNasty;
  m.cells.back().result.max_residual_double = std::numeric_limits<double>::infinity();
  MatrixCell na;
  na.encoder = &enc[1];
  na.property = &props[2];
  m.cells.push_back(na);
  return m;
}

Matrix wide(const std::deque<EncoderEntry>& enc, const std::deque<FakeProperty>& props) {
  Matrix m;
  m.encoders = {&enc[0], &enc[1]};
  for (const FakeProperty& p : props) m.properties.push_back(&p);
  for (const EncoderEntry* e : m.encoders) {
    for (const Property* p : m.properties) {
      const bool xfail = m.cells.size() % 3 == 0;
      m.cells.push_back(
          cell(*e, *p, xfail ? Expect::fail : Expect::hold, xfail ? Verdict::fail : Verdict::hold));
      if (xfail) m.cells.back().result.counterexample = counterexample(true);
    }
  }
  return m;
}

template <class F>
void write(const std::string& path, F f) {
  std::ofstream out(path);
  f(out);
}

}  // namespace
}  // namespace posprop::cli

int main(int argc, char** argv) {
  using namespace posprop::cli;
  if (argc != 2) {
    std::cerr << "usage: posprop_cli_report_fixture OUTPUT_DIR\n";
    return 2;
  }
  const std::string dir = argv[1];
  const std::deque<posprop::EncoderEntry> encoders = {encoder("enc-a"), encoder("enc-b")};
  std::deque<FakeProperty> three, many;
  for (const char* id : {"fake.one", "fake.two", "fake.three"}) three.emplace_back(id);
  for (int i = 0; i < 25; ++i) many.emplace_back("fake.p" + std::to_string(i));

  const Matrix m = all_statuses(encoders, three);
  write(dir + "/table.txt", [&](std::ostream& o) {
    print_matrix(o, m);
    print_details(o, m);
  });
  write(dir + "/results.json", [&](std::ostream& o) { write_json(o, m); });
  write(dir + "/results.xml", [&](std::ostream& o) { write_junit(o, m); });
  write(dir + "/results.md", [&](std::ostream& o) { write_markdown(o, m); });
  write(dir + "/wide.txt", [&](std::ostream& o) { print_matrix(o, wide(encoders, many)); });
  return 0;
}
