// The evidence-based flags of golden-vectors cases (case_flags.hpp): a case is flagged with the
// bug class of a candidate explanation (candidates.hpp) when that candidate's exact outputs lie
// more than twice the case's tolerance from the reference -- then an implementation with that
// bug fails the case whatever its own rounding, since its rounding error is at most what a
// correct implementation's is (within one tolerance): |out - ref| >= D - tol > tol. The fp32
// tolerance is used where the case has one (the larger), so a flagged case fails the buggy
// implementation at either precision.
#include "candidates.hpp"
#include "golden.hpp"

#include <algorithm>

namespace posprop::cli {

void add_evidence_flags(const EncoderEntry& entry, GoldenFile& file) {
  const std::vector<Candidate> all = candidates(entry, file);
  for (std::size_t id = 0; id < file.cases.size(); ++id) {
    GoldenCase& c = file.cases[id];
    const GoldenGroup& g = file.groups[static_cast<std::size_t>(c.group)];
    const CaseTolerance& tol = c.fp32 ? *c.fp32 : c.fp64;
    const Vec<Hp100> ref_q = from_decimals(c.q_out), ref_k = from_decimals(c.k_out);
    for (const Candidate& cand : all) {
      if (std::find(c.flags.begin(), c.flags.end(), cand.flag) != c.flags.end()) continue;
      const std::optional<CaseOutputs> out = cand.outputs(static_cast<int>(id));
      if (!out) continue;
      if (!out->finite || !within_tolerance(g.pairs, tol, 2.0, out->q, out->k, ref_q, ref_k))
        c.flags.push_back(cand.flag);
    }
  }
}

}  // namespace posprop::cli
