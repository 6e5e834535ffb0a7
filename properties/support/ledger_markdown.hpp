// proofs/CLAIMS.md has one source for its facts: the ledger (ledger.cpp). For each claim the
// block between `<!-- ledger:Sk begin ... -->` and `<!-- ledger:Sk end -->` (heading with the
// stated verdict, the claim, the evidence table) is generated from the C++ data; the precise
// statement and the proof around it are mathematics written by hand. The summary table's
// verdicts must equal the stated ones.
#pragma once

#include "support/claims.hpp"

#include <string>
#include <vector>

namespace posprop {

/// The generated block of one claim, markers included, ending with a newline.
std::string ledger_markdown_block(const Claim& claim);

/// `markdown` with every claim's block replaced by the generated one. Throws InputError when a
/// marker is missing, duplicated or out of order.
std::string with_generated_ledger(const std::string& markdown);

/// Summary rows ("| Sk | ... | `verdict` | ... |") whose verdict differs from the ledger's, and
/// claims without a summary row, as messages.
std::vector<std::string> summary_mismatches(const std::string& markdown);

}  // namespace posprop
