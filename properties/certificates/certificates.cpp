#include "certificate.hpp"

#include "posprop/params.hpp"

namespace posprop {

CertificateResult certify_sinpe_wavelengths();
CertificateResult certify_orthogonal_power();
CertificateResult certify_scheme_b_terms();

const std::vector<Certificate>& certificates() {
  static const std::vector<Certificate> all = {
      {"cert.sinpe_wavelengths", "S1",
       "In Vaswani's table (d = 128) pair 0 has a shorter wavelength and a larger adjacent-offset "
       "step than pair 63: low dimensions resolve NEARBY positions.",
       certify_sinpe_wavelengths},
      {"cert.orthogonal_power_minus_one", "S8",
       "The orthogonal-power generator G is orthogonal with det G = -1: A(n) = G^n has a (-1)^n "
       "axis and no continuous one-parameter group through it.",
       certify_orthogonal_power},
      {"cert.scheme_b_terms", "S16",
       "For d = 64 and unit-variance content, scheme B's relative term p_i.p_i = d/2 = 32 exceeds "
       "3.9x the RMS of the content term q.k (sqrt(d) = 8): it is not drowned near the diagonal.",
       certify_scheme_b_terms},
  };
  return all;
}

const Certificate& find_certificate(const std::string& id) {
  for (const auto& c : certificates())
    if (c.id == id) return c;
  throw InputError("unknown certificate '" + id + "'");
}

}  // namespace posprop
