// Certificates: facts about specific exact inputs, computed in 50-digit interval arithmetic
// (MPFI), whose enclosures decide a claim rigorously. A certificate "holds" only if the
// enclosure proves its statement; rounding cannot fake it.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace posprop {

struct CertificateResult {
  bool certified = false;
  /// name -> enclosure "[lower, upper]" (or a plain value for double-only diagnostics)
  std::vector<std::pair<std::string, std::string>> values;
  std::string details;
};

struct Certificate {
  std::string id;         // "cert.sinpe_wavelengths"
  std::string claim;      // "S1"
  std::string statement;  // what an enclosure proves when certified
  std::function<CertificateResult()> run;
};

const std::vector<Certificate>& certificates();
const Certificate& find_certificate(const std::string& id);

}  // namespace posprop
