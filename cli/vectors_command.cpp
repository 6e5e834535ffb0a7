// `posprop vectors`: golden vectors for an outside implementation (format: the JSON schema in
// README, "Checking your implementation"; tolerances: proofs/golden_vectors.md).
#include "gate_commands.hpp"

#include "golden.hpp"
#include "option_reader.hpp"

#include <fstream>
#include <iostream>

namespace posprop::cli {

const char* const kVectorsSynopsis =
    "usage: posprop vectors ENCODER [--set key=value ...] --dim D --positions LIST|A:B[:STEP]\n"
    "                       [--seed S] [--digits N] [--no-extra-cases] --out FILE.json";

namespace {

const char* const kVectorsHelp =
    "\n"
    "Writes golden vectors for a qk_transform encoder: exact inputs q, k (multiples of 2^-12,\n"
    "exact in fp32 and fp64), positions, the encoded q and k and the score\n"
    "(A_q(p) q) . (A_k(p0) k) computed at 100 significant digits and printed to N digits, and\n"
    "per case the tolerance a correct fp32 / fp64 implementation must meet (derived in\n"
    "proofs/golden_vectors.md). Check an implementation's outputs with 'posprop verify'.\n"
    "\n"
    "  --set key=value     encoder parameter (repeatable; see 'posprop list')\n"
    "  --dim D             head_dim of the requested cases\n"
    "  --positions P       comma list (0,5,17) or inclusive range A:B[:STEP]\n"
    "  --seed S            seed of the inputs q, k (default 1)\n"
    "  --digits N          significant digits of the reference values, 17..90 (default 40)\n"
    "  --no-extra-cases    only the requested positions; by default bug-hunting cases are added:\n"
    "                      large positions, L-1 / L / L+1 around every *max_position* parameter,\n"
    "                      partial rotary widths 0.5 and 0.25, a non-power-of-two dimension\n"
    "  --out FILE          where to write the JSON ('-' = stdout)\n";

}  // namespace

int run_vectors(const std::vector<std::string>& args) {
  GoldenRequest request;
  std::string out;
  bool dim_given = false, positions_given = false;
  OptionReader r("vectors", args, 1);
  while (r.next()) {
    const std::string& n = r.name();
    if (is_help(n)) {
      std::cout << kVectorsSynopsis << '\n' << kVectorsHelp;
      return 0;
    } else if (n == "--set") {
      request.params.set_from_string(r.repeated_value());
    } else if (n == "--dim") {
      request.dim = static_cast<int>(parse_integer_in("--dim", r.value(), 2, 65536, true));
      dim_given = true;
    } else if (n == "--positions") {
      request.positions = parse_positions(r.value());
      positions_given = true;
    } else if (n == "--seed") {
      request.seed = parse_unsigned("--seed", r.value(), "a non-negative integer");
      if (request.seed > (1ULL << 53)) throw InputError("option '--seed' is too large (max 2^53)");
    } else if (n == "--digits") {
      request.digits = static_cast<int>(parse_integer_in("--digits", r.value(), 17, 90));
    } else if (n == "--no-extra-cases") {
      r.flag();
      request.bug_hunting = false;
    } else if (n == "--out") {
      out = r.value();
    } else {
      r.unknown();
    }
  }
  if (r.positionals().empty()) throw InputError("posprop vectors needs an ENCODER name");
  if (!dim_given) throw InputError("option '--dim' is required");
  if (!positions_given) throw InputError("option '--positions' is required");
  if (out.empty()) throw InputError("option '--out' is required");
  request.encoder = r.positionals()[0];
  std::ofstream file;
  if (out != "-") {
    file.open(out);
    if (!file) throw InputError("cannot write --out file '" + out + "'");
  }
  const GoldenFile golden = make_golden(request);
  std::ostream& os = out == "-" ? std::cout : file;
  write_golden_json(os, golden);
  os.flush();
  if (!os) throw InputError("error writing --out file '" + out + "'");
  if (out != "-") {
    std::cout << "wrote " << golden.cases.size() << " cases in " << golden.groups.size()
              << " group(s) for " << golden.encoder << " to " << out << '\n';
  }
  return 0;
}

}  // namespace posprop::cli
