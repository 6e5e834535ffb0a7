#include "support/claims.hpp"

#include <utility>

namespace posprop {

const char* to_string(Role r) {
  switch (r) {
    case Role::supports:
      return "supports";
    case Role::refutes:
      return "refutes";
    case Role::hypothesis:
      return "hypothesis";
  }
  return "?";
}

std::vector<std::string> ledger_problems() {
  std::vector<std::string> problems;
  for (const Claim& claim : ledger()) {
    for (const Evidence& e : claim.evidence) {
      const std::string where = claim.id + ": ";
      try {
        if (!e.certificate.empty()) {
          find_certificate(e.certificate);
          continue;
        }
        const Property& p = find_property(e.property);
        const EncoderEntry& enc = find_encoder(e.encoder);
        if (!p.applies_to(enc)) {
          problems.push_back(where + e.property + " does not apply to " + e.encoder);
        } else if (enc.expectation(e.property) != e.expect) {
          problems.push_back(where + "the registry expects " + e.property + " on " + e.encoder +
                             " to " + to_string(enc.expectation(e.property)) + ", the ledger to " +
                             to_string(e.expect));
        }
      } catch (const InputError& err) {
        problems.push_back(where + err.what());
      }
    }
  }
  return problems;
}

namespace {

EvidenceResult observe_cell(const Evidence& e, const CellResult& cell) {
  EvidenceResult r;
  r.evidence = &e;
  r.cell = cell;
  if (cell.verdict == Verdict::hold) {
    r.observed = "holds";
  } else if (cell.verdict == Verdict::fail) {
    const bool certified = cell.counterexample && cell.counterexample->certified;
    r.observed = certified ? "fails (certified counterexample)" : "fails (not certified)";
  } else {
    r.observed = "error: " + cell.message;
  }
  r.as_declared = cell.expected == e.expect && cell.as_expected();
  return r;
}

std::string derive_verdict(const Claim& claim, const std::vector<EvidenceResult>& results) {
  bool refuted = false, supported = false, hypothesis = false;
  for (const EvidenceResult& r : results) {
    if (!r.as_declared) return "inconsistent";
    refuted = refuted || r.evidence->role == Role::refutes;
    supported = supported || r.evidence->role == Role::supports;
    hypothesis = hypothesis || r.evidence->role == Role::hypothesis;
  }
  if (results.empty()) return "inconsistent";
  if (!claim.mathematical) return "out-of-scope";
  if (refuted) return supported ? "partly" : "refuted";
  return hypothesis ? "holds-with-hypotheses" : "holds";
}

}  // namespace

std::vector<ClaimResult> evaluate_ledger(const CheckOptions& options) {
  std::map<std::pair<std::string, std::string>, CellResult> cells;
  std::map<std::string, CertificateResult> certs;
  std::vector<ClaimResult> out;
  for (const Claim& claim : ledger()) {
    ClaimResult result;
    result.claim = &claim;
    for (const Evidence& e : claim.evidence) {
      if (!e.certificate.empty()) {
        auto it = certs.find(e.certificate);
        if (it == certs.end())
          it = certs.emplace(e.certificate, find_certificate(e.certificate).run()).first;
        EvidenceResult r;
        r.evidence = &e;
        r.certificate = it->second;
        r.as_declared = it->second.certified;
        r.observed = it->second.certified ? "certified" : "NOT certified";
        result.evidence.push_back(r);
        continue;
      }
      const auto key = std::make_pair(e.property, e.encoder);
      auto it = cells.find(key);
      if (it == cells.end()) {
        CheckOptions cell_options = options;
        cell_options.test_id = e.property + "/" + e.encoder;
        it = cells
                 .emplace(key,
                          find_property(e.property).check(find_encoder(e.encoder), cell_options))
                 .first;
      }
      result.evidence.push_back(observe_cell(e, it->second));
    }
    result.computed = derive_verdict(claim, result.evidence);
    out.push_back(std::move(result));
  }
  return out;
}

}  // namespace posprop
