// posprop_certificate ID: runs one interval certificate, prints its enclosures, exits 0 iff
// certified (the `proof` ctest tier runs each one).
#include "certificate.hpp"
#include "posprop/heap.hpp"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  posprop::retain_freed_memory();
  if (argc != 2) {
    std::cerr << "usage: posprop_certificate CERTIFICATE-ID\n";
    return 2;
  }
  try {
    const posprop::Certificate& c = posprop::find_certificate(argv[1]);
    const posprop::CertificateResult r = c.run();
    std::cout << c.id << " (" << c.claim << "): " << c.statement << '\n';
    for (const auto& [name, value] : r.values) std::cout << "  " << name << " = " << value << '\n';
    std::cout << "  " << r.details << '\n' << (r.certified ? "CERTIFIED" : "NOT CERTIFIED") << '\n';
    return r.certified ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "posprop_certificate: error: " << e.what() << '\n';
    return 2;
  }
}
