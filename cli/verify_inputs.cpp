// Step 1 of `posprop verify`: the golden vectors and the implementation's outputs (JSON or CSV),
// every problem an InputError naming the file and the JSON path or line and field.
#include "json_io.hpp"
#include "verify.hpp"

#include <cmath>
#include <cstdlib>
#include <map>

namespace posprop::cli {
namespace {

/// The outputs of every judged case, with the right lengths; no unknown ids.
void take_outputs(const OutputsFile& file, VerifyInputs& in) {
  const auto& q_out = file.named.at("q_out");
  const auto& k_out = file.named.at("k_out");
  const GoldenFile& golden = in.golden;
  const std::string& path = in.outputs_path;
  const int n_cases = static_cast<int>(golden.cases.size());
  for (const auto* m : {&q_out, &k_out}) {
    for (const auto& [id, v] : *m) {
      if (id >= n_cases) {
        throw InputError(path + ": case " + std::to_string(id) +
                         " is not in the vectors file (it has cases 0.." +
                         std::to_string(n_cases - 1) + ")");
      }
    }
  }
  in.q.resize(golden.cases.size());
  in.non_finite.assign(golden.cases.size(), "");
  in.k.resize(golden.cases.size());
  for (int id = 0; id < n_cases; ++id) {
    if (!in.judged[static_cast<std::size_t>(id)]) continue;
    const GoldenCase& c = golden.cases[static_cast<std::size_t>(id)];
    const auto dim = static_cast<std::size_t>(golden.groups[static_cast<std::size_t>(c.group)].dim);
    for (const char which : {'q', 'k'}) {
      const auto& m = which == 'q' ? q_out : k_out;
      const auto it = m.find(id);
      if (it == m.end()) {
        throw InputError(path + ": case " + std::to_string(id) + " has no " + which +
                         "_out (every " + (in.selection == "all" ? "" : "selected ") +
                         "case of the vectors file must be present)");
      }
      if (it->second.size() != dim) {
        throw InputError(path + ": case " + std::to_string(id) + " " + which + "_out has " +
                         std::to_string(it->second.size()) + " values, expected " +
                         std::to_string(dim));
      }
      for (std::size_t j = 0; j < dim && in.non_finite[static_cast<std::size_t>(id)].empty(); ++j) {
        const double x = it->second[j];
        if (std::isfinite(x)) continue;
        in.non_finite[static_cast<std::size_t>(id)] = std::string(1, which) + "_out[" +
                                                      std::to_string(j) + "] is " +
                                                      (std::isnan(x) ? "NaN"
                                                       : x > 0       ? "Infinity"
                                                                     : "-Infinity");
      }
      (which == 'q' ? in.q : in.k)[static_cast<std::size_t>(id)] = from_doubles(it->second);
    }
  }
}

/// The cases --cases selects, plus the score key case of each (the group's case at its
/// score_key_position): InputError when the selection needs flags the file lacks or selects
/// nothing.
std::vector<bool> judged_cases(const GoldenFile& golden, const std::string& path,
                               const std::string& selection) {
  const CaseSelection s = parse_case_selection("--cases", selection, flag_names());
  const std::size_t n = golden.cases.size();
  std::vector<bool> judged(n, true);
  if (selection == "all") return judged;
  if (golden.version < 3)
    throw InputError("--cases needs a version 3 vectors file (cases with flags); " + path +
                     " is version " + std::to_string(golden.version));
  bool any = false;
  for (std::size_t id = 0; id < n; ++id) any |= (judged[id] = s.selects(golden.cases[id].flags));
  if (!any) throw InputError("--cases " + selection + " selects no case of " + path);
  for (std::size_t id = 0; id < n; ++id) {
    const int key = judged[id] ? score_key_case(golden, static_cast<int>(id)) : -1;
    if (key >= 0) judged[static_cast<std::size_t>(key)] = true;
  }
  return judged;
}

/// Every group's parameters make the file's encoder at the group's dim (messages name the file
/// and groups[i].params: the checks build encoders from them).
void check_group_params(const EncoderEntry& entry, const GoldenFile& golden,
                        const std::string& path) {
  for (std::size_t g = 0; g < golden.groups.size(); ++g) {
    const GoldenGroup& group = golden.groups[g];
    const std::string where = path + ": groups[" + std::to_string(g) + "].params";
    try {
      const long long head_dim = group.params.get_int("head_dim", 1, 1 << 20);
      if (head_dim != group.dim) {
        throw InputError("head_dim " + std::to_string(head_dim) + " differs from the group's dim " +
                         std::to_string(group.dim));
      }
      entry.make<double>(group.params);
    } catch (const InputError& e) {
      throw InputError(where + ": " + e.what());
    }
  }
}

}  // namespace

Vec<Hp100> from_decimals(const std::vector<std::string>& v) {
  Vec<Hp100> out(static_cast<Index>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) out(static_cast<Index>(i)) = Hp100(v[i]);
  return out;
}

Vec<Hp100> from_doubles(const std::vector<double>& v) {
  Vec<Hp100> out(static_cast<Index>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) out(static_cast<Index>(i)) = Hp100(v[i]);
  return out;
}

VerifyInputs read_inputs(const EncoderEntry& entry, GoldenFile golden, const VerifyRequest& r) {
  VerifyInputs in;
  in.entry = &entry;
  in.vectors_path = r.vectors_path;
  in.outputs_path = r.outputs_path;
  in.golden = std::move(golden);
  in.selection = r.selection;
  check_group_params(entry, in.golden, r.vectors_path);
  in.judged = judged_cases(in.golden, r.vectors_path, r.selection);
  const OutputsFile outputs = read_outputs_file(r.outputs_path, {"q_out", "k_out"});
  in.precision =
      r.precision.empty() ? (outputs.precision.empty() ? "fp64" : outputs.precision) : r.precision;
  if (in.precision != "fp32" && in.precision != "fp64") {
    throw InputError(r.outputs_path + ": precision: expected fp32 or fp64, got '" + in.precision +
                     "'");
  }
  take_outputs(outputs, in);
  return in;
}

}  // namespace posprop::cli
