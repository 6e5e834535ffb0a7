// The top-level object of every version-3 vectors file (golden_json.cpp): format, version,
// encoder, site, seed, digits, unit_roundoff, tolerance_proof, case_outputs, output_checks,
// notes (the notes of the flags used, in the order of flag_notes()), then groups and cases.
#pragma once

#include "json_io.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace posprop::cli {

struct VectorsHeader {
  std::string encoder, site, proof;
  std::uint64_t seed = 1;
  int digits = 40;
  std::vector<std::string> case_outputs, output_checks;
  std::set<std::string> flags_used;
};

std::string vectors_document(const VectorsHeader& h, Json groups, Json cases);

/// The `n` decimal strings of array `v` (inv_freq, a bias table, slopes): each a finite decimal
/// number as text, so that no digit is lost to a double.
std::vector<std::string> read_decimals(const JsonNode& v, std::size_t n);

}  // namespace posprop::cli
