#include "matrix.hpp"
#include "support/expectations.hpp"

#include "plugin_entry.hpp"
#include "support/rapidcheck_driver.hpp"

#include "posprop/plugin_loader.hpp"
#include "text_escape.hpp"

#include <sched.h>

#include <algorithm>
#include <chrono>
#include <exception>

namespace posprop::cli {
namespace {

std::string names_of(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

/// The default --jobs: the CPUs this process may run on, at most 8. A container's CPU quota is
/// not in the affinity mask, so a small container on a large host would otherwise start a worker
/// (about 65 MB each) per host CPU; --jobs N sets any number.
int default_jobs() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return 1;
  return std::clamp(CPU_COUNT(&set), 1, 8);
}

CheckOptions options_for(const Matrix& m, const MatrixCell& cell) {
  CheckOptions o;
  o.test_id = cell.test_id();
  o.seed = m.seed;
  o.cases = m.cases;
  o.hp_digits = m.hp_digits;
  return o;
}

}  // namespace

CellResult error_result(const MatrixCell& cell, const std::string& message) {
  CellResult r;
  r.encoder = cell.encoder->name;
  r.property = cell.property->info().id;
  r.expected = cell.encoder->expectation(r.property);
  r.verdict = Verdict::error;
  r.message = message;
  return r;
}

CellResult check_cell(const Matrix& m, const MatrixCell& cell) {
  try {
    return cell.property->check(*cell.encoder, options_for(m, cell));
  } catch (const std::exception& e) {
    return error_result(cell, std::string("exception: ") + e.what());
  }
}

const char* label(CellStatus status) {
  switch (status) {
    case CellStatus::holds:
      return "holds";
    case CellStatus::fails:
      return "FAILS";
    case CellStatus::xfail_found:
      return "xfail found";
    case CellStatus::missed:
      return "MISSED";
    case CellStatus::error:
      return "ERROR";
    case CellStatus::not_applicable:
      return "n.a.";
  }
  return "?";
}

const char* meaning(CellStatus status) {
  switch (status) {
    case CellStatus::holds:
      return "expected to hold, and held on every case";
    case CellStatus::fails:
      return "expected to hold, but a counterexample was found";
    case CellStatus::xfail_found:
      return "expected to fail, and a structural counterexample was found and certified";
    case CellStatus::missed:
      return "expected to fail, but no certified structural counterexample was found";
    case CellStatus::error:
      return "the check could not run";
    case CellStatus::not_applicable:
      return "the property does not apply to the encoder";
  }
  return "?";
}

CellStatus MatrixCell::status() const {
  if (!applicable) return CellStatus::not_applicable;
  if (result.verdict == Verdict::error) return CellStatus::error;
  if (result.expected == Expect::hold) {
    return result.verdict == Verdict::hold ? CellStatus::holds : CellStatus::fails;
  }
  return result.as_expected() ? CellStatus::xfail_found : CellStatus::missed;
}

std::string MatrixCell::test_id() const {
  return property->info().id + "/" + encoder->name;
}

std::size_t Matrix::count(CellStatus status) const {
  std::size_t n = 0;
  for (const MatrixCell& c : cells) n += c.status() == status;
  return n;
}

std::size_t Matrix::applicable_count() const {
  return cells.size() - count(CellStatus::not_applicable);
}

bool Matrix::all_as_expected() const {
  for (const MatrixCell& c : cells)
    if (!c.as_expected()) return false;
  return true;
}

std::string Matrix::rerun_command(const MatrixCell& cell) const {
  std::string cmd = "posprop check ";
  if (!source_flags.empty()) cmd += source_flags + " ";
  if (const PluginReference* plugin = plugin_reference(*cell.encoder))
    cmd += "--plugin " + shell_quote(plugin->path) + " ";
  cmd += "--encoder " + shell_quote(cell.encoder->name) + " --property " +
         shell_quote(cell.property->info().id) + " --seed " + std::to_string(seed) + " --cases " +
         std::to_string(std::max(cases, 1));
  if (hp_digits != 50) cmd += " --precision " + precision_name(hp_digits);
  return cmd;
}

std::string Matrix::reproduce_command(const MatrixCell& cell) const {
  if (!cell.applicable) return "";
  // No counterexample: empty when as expected; a MISSED / ERROR cell replays with the same
  // command (its message says how to search more). A boundary input replays the same way.
  if (!cell.result.counterexample) return cell.as_expected() ? "" : rerun_command(cell);
  if (cell.result.counterexample->reproduce.empty()) return rerun_command(cell);
  return "RC_PARAMS=\"reproduce=" + cell.result.counterexample->reproduce + "\" " +
         rerun_command(cell);
}

Matrix select_matrix(const CheckArgs& args) {
  check_expectations(encoders());
  Matrix m;
  std::vector<std::string> all_encoders, all_properties;
  // With --plugin the rows are the plugins' encoders (and plugin.matches_reference a column).
  std::vector<const EncoderEntry*> candidates;
  HfDerivation derived;  // --hf-config / --model: printed once the selection is valid
  for (const std::string& path : args.plugins)
    candidates.push_back(&load_plugin(path, args.plugin_timeout));
  if (args.model.given()) {
    if (!args.plugins.empty())
      throw InputError("--plugin and --hf-config / --model exclude each other");
    candidates.push_back(&model_row(args.model, parse_sets(args.sets), derived));
    m.source_flags = args.model.flags();
  } else if (!args.sets.empty()) {
    throw InputError("--set needs --hf-config or --model");
  }
  if (args.plugins.empty() && !args.model.given())
    for (const EncoderEntry& e : encoders()) candidates.push_back(&e);
  for (const EncoderEntry* e : candidates) {
    all_encoders.push_back(e->name);
    if (glob_match(args.encoder_glob, e->name)) m.encoders.push_back(e);
  }
  std::vector<const Property*> columns = properties();
  if (!args.plugins.empty()) columns.push_back(&plugin_reference_property());
  for (const Property* p : columns) {
    all_properties.push_back(p->info().id);
    if (glob_match(args.property_glob, p->info().id)) m.properties.push_back(p);
  }
  if (m.encoders.empty()) {
    throw InputError("--encoder '" + args.encoder_glob +
                     "' matches no encoder (known: " + names_of(all_encoders) + ")");
  }
  if (m.properties.empty()) {
    throw InputError("--property '" + args.property_glob +
                     "' matches no property (known: " + names_of(all_properties) + ")");
  }
  for (const EncoderEntry* e : m.encoders) {
    for (const Property* p : m.properties) {
      MatrixCell cell;
      cell.encoder = e;
      cell.property = p;
      cell.applicable = p->applies_to(*e);
      m.cells.push_back(cell);
    }
  }
  if (m.applicable_count() == 0) {
    throw InputError("no property matching '" + args.property_glob +
                     "' applies to an encoder matching '" + args.encoder_glob +
                     "' (see 'posprop list')");
  }
  // The parameters in force, as RapidCheck will see them (RC_PARAMS wins).
  CheckOptions requested;
  requested.seed = args.seed;
  requested.cases = args.cases;
  const rc::detail::TestParams in_force = test_params(requested);
  m.seed = in_force.seed;
  m.cases = in_force.maxSuccess;
  m.hp_digits = args.hp_digits;
  m.jobs = !args.plugins.empty() ? 1 : args.jobs > 0 ? args.jobs : default_jobs();
  if (args.model.given()) print_derivation(derived);
  return m;
}

void run_matrix(Matrix& matrix, const Progress& progress) {
  const std::size_t total = matrix.applicable_count();
  if (matrix.jobs > 1 && total > 1) {
    const auto jobs = std::min<std::size_t>(static_cast<std::size_t>(matrix.jobs), total);
    run_matrix_in_workers(matrix, progress, static_cast<int>(jobs));
    return;
  }
  std::size_t done = 0;
  for (MatrixCell& cell : matrix.cells) {
    if (!cell.applicable) continue;
    const auto start = std::chrono::steady_clock::now();
    cell.result = check_cell(matrix, cell);
    cell.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (progress) progress(++done, total, cell);
  }
}

}  // namespace posprop::cli
