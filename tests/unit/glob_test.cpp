// glob_match: the shell-style matching of --encoder / --property (only * and ?).
#include "posprop/registry.hpp"

#include <catch2/catch.hpp>

namespace posprop {
namespace {

TEST_CASE("glob: exact text", "[glob]") {
  CHECK(glob_match("rope", "rope"));
  CHECK_FALSE(glob_match("rope", "rope-neox"));
  CHECK_FALSE(glob_match("rope-neox", "rope"));
  CHECK_FALSE(glob_match("Rope", "rope"));  // case-sensitive
  CHECK(glob_match("spec.reference", "spec.reference"));
  CHECK_FALSE(glob_match("spec.reference", "specXreference"));  // '.' is literal
  CHECK_FALSE(glob_match("[ab]", "a"));                         // no character classes
  CHECK(glob_match("[ab]", "[ab]"));
}

TEST_CASE("glob: *", "[glob]") {
  CHECK(glob_match("*", "rope"));
  CHECK(glob_match("*", ""));
  CHECK(glob_match("**", ""));
  CHECK(glob_match("rope*", "rope"));
  CHECK(glob_match("rope*", "rope-neox"));
  CHECK(glob_match("*neox", "rope-neox"));
  CHECK(glob_match("r*e*x", "rope-neox"));
  CHECK(glob_match("*.*", "rotation.group"));
  CHECK(glob_match("rotation.*", "rotation.orthogonal"));
  CHECK_FALSE(glob_match("rotation.*", "score.relative_form"));
  CHECK_FALSE(glob_match("*neox", "rope-neox-partial"));
  CHECK(glob_match("a*b*c", "aXbYbZc"));  // backtracking past a false match of b
  CHECK_FALSE(glob_match("a*b*c", "aXbYbZ"));
  CHECK(glob_match("*aab", "aaaab"));
}

TEST_CASE("glob: ?", "[glob]") {
  CHECK(glob_match("rop?", "rope"));
  CHECK_FALSE(glob_match("rop?", "rop"));
  CHECK_FALSE(glob_match("rop?", "ropes"));
  CHECK(glob_match("?", "x"));
  CHECK_FALSE(glob_match("?", ""));
  CHECK(glob_match("*?", "x"));
  CHECK_FALSE(glob_match("*?", ""));
  CHECK(glob_match("scheme-?", "scheme-a"));
}

TEST_CASE("glob: empty", "[glob]") {
  CHECK(glob_match("", ""));
  CHECK_FALSE(glob_match("", "rope"));
  CHECK_FALSE(glob_match("rope", ""));
}

TEST_CASE("glob: selects shipped encoders by family", "[glob]") {
  int ropes = 0;
  for (const EncoderEntry& e : encoders()) ropes += glob_match("rope*", e.name);
  CHECK(ropes >= 4);
}

}  // namespace
}  // namespace posprop
