// cert.sinpe_wavelengths (CLAIMS.md S1). Vaswani's table, d = 128, base 10000: pair k has
// w_k = 10000^(-2k/128). The claim says low dimensions capture long distances; the enclosures
// show the opposite ordering: pair 0 has wavelength 2 pi and distinguishes offsets only within
// [0, pi] (cos(D w_0) is monotone there), pair 63 has wavelength ~5.4e4 and is monotone up to
// ~2.7e4. Pair 0 resolves adjacent offsets: 1 - cos(w_0) ~ 0.46; pair 63 barely: ~6.6e-9.
#include "certificate.hpp"
#include "interval_format.hpp"

namespace posprop {

CertificateResult certify_sinpe_wavelengths() {
  const Interval two_pi = 2 * boost::math::constants::pi<Interval>();
  const auto w = [](int k) { return pow(Interval(10000), Interval(-2 * k) / Interval(128)); };
  const Interval w0 = w(0), w63 = w(63);
  const Interval l0 = two_pi / w0, l63 = two_pi / w63;
  const Interval step0 = 1 - cos(w0), step63 = 1 - cos(w63);
  CertificateResult r;
  r.values = {{"w_0", enclosure(w0)},
              {"w_63", enclosure(w63)},
              {"wavelength_0 = 2 pi / w_0", enclosure(l0)},
              {"wavelength_63 = 2 pi / w_63", enclosure(l63)},
              {"monotone range of pair 0, pi / w_0", enclosure(l0 / 2)},
              {"monotone range of pair 63, pi / w_63", enclosure(l63 / 2)},
              {"adjacent-offset step of pair 0, 1 - cos(w_0)", enclosure(step0)},
              {"adjacent-offset step of pair 63, 1 - cos(w_63)", enclosure(step63)}};
  // Certified: the lowest pair has the shorter wavelength AND the larger adjacent step.
  r.certified = upper_bound(l0) < lower_bound(l63) && lower_bound(step0) > upper_bound(step63);
  r.details =
      "low-index pairs are the high-frequency ones: they resolve nearby offsets and alias "
      "beyond pi / w_k; the high-index pairs carry long distances";
  return r;
}

}  // namespace posprop
