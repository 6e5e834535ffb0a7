// Bad input: every problem gives an InputError whose message names it (never a crash, a hang or a
// silent wrong answer). The CLI maps InputError to exit code 2.
#include "posprop/encoders/learned.hpp"
#include "posprop/encoders/rope.hpp"
#include "posprop/registry.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

namespace posprop {
namespace {

using Catch::Contains;

template <class T = double>
std::unique_ptr<Encoder<T>> make(const std::string& name, const Params& params) {
  return find_encoder(name).make<T>(params);
}

/// The number printed after `prefix` in the InputError message of `f` (NaN if none): checks
/// that a message shows the offending value faithfully, whatever the number format.
template <class F>
double number_in_message(F f, const std::string& prefix) {
  try {
    f();
  } catch (const InputError& e) {
    const std::string message = e.what();
    const auto at = message.find(prefix);
    if (at == std::string::npos) return std::nan("");
    return std::strtod(message.c_str() + at + prefix.size(), nullptr);
  }
  return std::nan("");
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST_CASE("head_dim must be a positive even number", "[bad-input]") {
  REQUIRE_THROWS_AS(make("rope", {{"head_dim", "7"}}), InputError);
  REQUIRE_THROWS_WITH(make("rope", {{"head_dim", "7"}}),
                      Contains("head_dim") && Contains("even") && Contains("7"));
  REQUIRE_THROWS_WITH(make("rope", {{"head_dim", "0"}}), Contains("head_dim") && Contains("'0'"));
  REQUIRE_THROWS_WITH(make("rope", {{"head_dim", "-4"}}), Contains("head_dim") && Contains("-4"));
  REQUIRE_THROWS_WITH(make("rope", {{"head_dim", "64.5"}}),
                      Contains("head_dim") && Contains("integer"));
  REQUIRE_THROWS_WITH(make("rope", {{"head_dim", "1e9"}}), Contains("head_dim"));
  REQUIRE_THROWS_WITH(make("sinusoidal", {{"head_dim", "3"}}), Contains("even"));
  REQUIRE_THROWS_WITH(make("learned", {{"head_dim", "-2"}}), Contains("head_dim"));
  REQUIRE_THROWS_WITH(Rope<double>(6, 1e4, 6, Layout::none), Contains("layout"));
}

TEST_CASE("partial_rotary_factor must give an even rotary dim in (0, head_dim]", "[bad-input]") {
  for (const char* factor : {"0", "1.5", "-0.5"}) {
    INFO(factor);
    REQUIRE_THROWS_AS(make("rope-partial", {{"partial_rotary_factor", factor}}), InputError);
    REQUIRE_THROWS_WITH(make("rope-partial", {{"partial_rotary_factor", factor}}),
                        Contains("partial_rotary_factor") && Contains("(0, 1]"));
  }
  // 6 * 0.5 = 3 rotated coordinates: odd.
  REQUIRE_THROWS_WITH(make("rope-partial", {{"head_dim", "6"}, {"partial_rotary_factor", "0.5"}}),
                      Contains("rotary dimension") && Contains("even") && Contains("3"));
  // 64 * 0.01 = 0.64 -> 0 rotated coordinates.
  REQUIRE_THROWS_WITH(make("rope-partial", {{"partial_rotary_factor", "0.01"}}),
                      Contains("rotary dimension") && Contains("0"));
  REQUIRE_THROWS_WITH(make("rope", {{"partial_rotary_factor", "nan"}}),
                      Contains("partial_rotary_factor"));
  REQUIRE_THROWS_WITH(Rope<double>(8, 1e4, 10, Layout::interleaved), Contains("head_dim"));
}

TEST_CASE("rope_theta must be a finite number > 1", "[bad-input]") {
  for (const char* theta : {"1", "0.5", "0", "-10000"}) {
    INFO(theta);
    REQUIRE_THROWS_AS(make("rope", {{"rope_theta", theta}}), InputError);
    REQUIRE_THROWS_WITH(make("rope", {{"rope_theta", theta}}),
                        Contains("rope_theta") && Contains("> 1"));
  }
  // One number syntax (README, "Numbers"): decimal only; hexadecimal, inf and nan refused.
  for (const char* theta : {"nan", "NaN", "inf", "-inf", "abc", "", "1e4x", "0x10", "0x1p4",
                            " 10000", "10000 ", "1e", ".", "+"}) {
    INFO(theta);
    REQUIRE_THROWS_WITH(make("rope", {{"rope_theta", theta}}),
                        Contains("parameter 'rope_theta': expected a decimal number, got '" +
                                 std::string(theta) + "'"));
  }
  REQUIRE_THROWS_WITH(make("rope", {{"rope_theta", "1e400"}}),
                      Contains("rope_theta") && Contains("beyond the range of a double"));
  for (const char* ok : {"10000", "1e4", "1E+4", "+10000.", "10000.000", ".1e6"})
    CHECK(is_decimal(ok));
  CHECK(parse_decimal("1e-400", "x") == 0.0);  // below the range: rounds to 0
  REQUIRE_THROWS_WITH(make("sinusoidal", {{"base", "1"}}), Contains("base") && Contains("> 1"));
  // The offending value is shown faithfully, not rounded to 6 decimals ("got 1.000000" would
  // contradict "must be > 1").
  CHECK(number_in_message(
            [] {
              make("rope", {{"rope_theta", "0.9999999"}});
            },
            "got ") == 0.9999999);
  CHECK(number_in_message(
            [] {
              make("sinusoidal", {{"base", "0.9999999"}});
            },
            "got ") == 0.9999999);
  REQUIRE_THROWS_WITH(make("rope", {{"layout", "diagonal"}}),
                      Contains("layout") && Contains("diagonal"));
}

TEST_CASE("positions must be finite and exactly representable", "[bad-input]") {
  const auto rope = make("rope", {{"head_dim", "8"}});
  const Vec<double> x = Vec<double>::Ones(8);
  for (const double p : {kNaN, kInf, -kInf}) {
    REQUIRE_THROWS_AS(rope->apply_query(x, p), InputError);
    REQUIRE_THROWS_WITH(rope->apply_query(x, p), Contains("position") && Contains("finite"));
    REQUIRE_THROWS_WITH(rope->query_map(p), Contains("finite"));
  }
  REQUIRE_THROWS_WITH(rope->apply_query(x, 1e300),
                      Contains("position") && Contains("not exactly representable in double"));
  REQUIRE_NOTHROW(rope->apply_query(x, 9007199254740992.0));  // 2^53 is exact
  // Positions not representable in float: 2^24 + 1, and a fraction.
  const auto rope_f = make<float>("rope", {{"head_dim", "8"}});
  const Vec<float> xf = Vec<float>::Ones(8);
  REQUIRE_THROWS_WITH(rope_f->apply_query(xf, 16777217.0),
                      Contains("16777217") && Contains("not exactly representable in float"));
  REQUIRE_THROWS_WITH(rope_f->apply_query(xf, 0.1), Contains("not exactly representable in float"));
  REQUIRE_NOTHROW(rope_f->apply_query(xf, 16777216.0));
  const auto sinusoidal = make("sinusoidal", {{"head_dim", "8"}});
  REQUIRE_THROWS_WITH(sinusoidal->position_vector(kNaN), Contains("finite"));
  const auto scheme_a = make("scheme-a", {{"head_dim", "8"}});
  REQUIRE_THROWS_WITH(scheme_a->bias(0, kInf), Contains("finite"));
}

TEST_CASE("learned table positions are integers in [0, max_position_embeddings)", "[bad-input]") {
  const auto learned = make("learned", {{"head_dim", "8"}, {"max_position_embeddings", "16"}});
  REQUIRE_NOTHROW(learned->position_vector(15));
  for (const double p : {-1.0, 16.0, 1e6, 2.5}) {
    INFO(p);
    REQUIRE_THROWS_AS(learned->position_vector(p), InputError);
    REQUIRE_THROWS_WITH(learned->position_vector(p),
                        Contains("learned table") && Contains("[0, 16)"));
  }
  // The offending position is shown faithfully ("position 0.000000 is not an integer" would be
  // nonsense).
  CHECK(number_in_message([&] { learned->position_vector(1e-7); }, "position ") == 1e-7);
  REQUIRE_THROWS_WITH(make("learned", {{"max_position_embeddings", "0"}}),
                      Contains("max_position_embeddings"));
  REQUIRE_THROWS_WITH(make("learned", {{"head_dim", "4096"}, {"max_position_embeddings", "8192"}}),
                      Contains("max_position_embeddings") && Contains("2^24"));
}

TEST_CASE("vectors must be finite and of the encoder's dimension", "[bad-input]") {
  const auto rope = make("rope", {{"head_dim", "8"}});
  Vec<double> x = Vec<double>::Ones(8);
  x(3) = kNaN;
  REQUIRE_THROWS_WITH(rope->apply_query(x, 5), Contains("non-finite") && Contains("index 3"));
  x(3) = kInf;
  REQUIRE_THROWS_WITH(rope->apply_key(x, 5), Contains("non-finite") && Contains("index 3"));
  REQUIRE_THROWS_WITH(rope->apply_query(Vec<double>::Ones(3), 5),
                      Contains("dimension 3") && Contains("expects 8"));
  const auto basis = make("rope-basis", {{"head_dim", "8"}});
  REQUIRE_THROWS_WITH(basis->apply_query(Vec<double>::Ones(6), 5), Contains("dimension 6"));
  Vec<double> y = Vec<double>::Ones(8);
  y(0) = -kInf;
  REQUIRE_THROWS_WITH(basis->apply_query(y, 5), Contains("non-finite") && Contains("index 0"));
  const auto rope_hp = make<Hp50>("rope", {{"head_dim", "8"}});
  Vec<Hp50> z = Vec<Hp50>::Ones(8);
  z(7) = std::numeric_limits<Hp50>::quiet_NaN();
  REQUIRE_THROWS_WITH(rope_hp->apply_query(z, 5), Contains("non-finite") && Contains("index 7"));
}

TEST_CASE("methods of another site are refused, not answered", "[bad-input]") {
  const auto rope = make("rope", {{"head_dim", "8"}});
  REQUIRE_THROWS_AS(rope->position_vector(1), NotApplicable);
  REQUIRE_THROWS_WITH(rope->bias(0, 1), Contains("bias") && Contains("qk_transform"));
  const auto sinusoidal = make("sinusoidal", {{"head_dim", "8"}});
  REQUIRE_THROWS_AS(sinusoidal->query_map(1), NotApplicable);
}

TEST_CASE("unknown names and keys are listed", "[bad-input]") {
  REQUIRE_THROWS_AS(find_encoder("rope-foo"), InputError);
  REQUIRE_THROWS_WITH(find_encoder("rope-foo"), Contains("unknown encoder 'rope-foo'") &&
                                                    Contains("rope-neox") &&
                                                    Contains("sinusoidal"));
  REQUIRE_THROWS_WITH(find_encoder(""), Contains("unknown encoder"));
  REQUIRE_THROWS_WITH(make("rope", {{"rope_thetta", "1e4"}}),
                      Contains("'rope_thetta'") && Contains("valid: head_dim, rope_theta, layout, "
                                                            "partial_rotary_factor"));
  REQUIRE_THROWS_WITH(make("sinusoidal", {{"rope_theta", "1e4"}}),
                      Contains("'rope_theta'") && Contains("base"));
}

TEST_CASE("parameters must be key=value", "[bad-input]") {
  Params p;
  for (const char* item : {"head_dim", "=64", "", "novalue"}) {
    INFO("'" << item << "'");
    REQUIRE_THROWS_AS(p.set_from_string(item), InputError);
    REQUIRE_THROWS_WITH(p.set_from_string(item), Contains("key=value"));
  }
  p.set_from_string("rope_theta=5e5");
  CHECK(p.get_double("rope_theta") == 5e5);
  p.set_from_string("layout=a=b");  // the value is everything after the first '='
  CHECK(p.get_string("layout") == "a=b");
  REQUIRE_THROWS_WITH(find_encoder("rope").make<double>(p), Contains("layout") && Contains("a=b"));
  Params empty_value;
  empty_value.set_from_string("head_dim=");  // empty value: rejected when used
  REQUIRE_THROWS_WITH(find_encoder("rope").make<double>(empty_value),
                      Contains("head_dim") && Contains("expected a decimal number"));
  REQUIRE_THROWS_WITH(Params{}.get_double("missing"), Contains("missing parameter 'missing'"));
}

}  // namespace
}  // namespace posprop
