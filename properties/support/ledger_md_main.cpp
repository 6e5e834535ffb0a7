// posprop_ledger_md FILE [--write]: checks (or, with --write, regenerates) the generated blocks
// and the summary verdicts of proofs/CLAIMS.md against the ledger (ledger_markdown.hpp).
// Exit 0 in sync (or written), 1 out of date (the diff's first line printed), 2 bad input.
#include "support/ledger_markdown.hpp"

#include "posprop/params.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream x(a), y(b);
  std::string la, lb;
  for (int n = 1;; ++n) {
    const bool ha = static_cast<bool>(std::getline(x, la)),
               hb = static_cast<bool>(std::getline(y, lb));
    if (!ha && !hb) return "";
    if (!ha || !hb || la != lb)
      return "line " + std::to_string(n) + ":\n  file:      " + (ha ? la : "<end>") +
             "\n  generated: " + (hb ? lb : "<end>");
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace posprop;
  if (argc < 2 || argc > 3 || (argc == 3 && std::string(argv[2]) != "--write")) {
    std::cerr << "usage: posprop_ledger_md proofs/CLAIMS.md [--write]\n";
    return 2;
  }
  const std::string path = argv[1];
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << path << ": cannot read\n";
    return 2;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string md = buf.str();
  try {
    const std::string generated = with_generated_ledger(md);
    int status = 0;
    for (const std::string& p : summary_mismatches(generated)) {
      std::cerr << path << ": " << p << "\n";
      status = 1;
    }
    if (generated == md) {
      if (status == 0) std::cout << path << ": the ledger blocks match ledger.cpp\n";
      return status;
    }
    if (argc == 3) {
      const std::string tmp = path + ".tmp";
      std::ofstream(tmp, std::ios::binary) << generated;
      if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::cerr << path << ": cannot replace\n";
        return 2;
      }
      std::cout << path << ": ledger blocks regenerated\n";
      return status;
    }
    std::cerr << path
              << ": the ledger blocks differ from ledger.cpp (run scripts/update-claims-md); first "
                 "difference at "
              << first_difference(md, generated) << "\n";
    return 1;
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
}
