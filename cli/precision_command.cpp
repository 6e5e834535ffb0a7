// posprop precision [--encoder E] [--format F[,F..]] [--path P[,P..]] [--head-dim D]
//                   [--rope-theta B] [--plot angle|entry|bits|equivariance] [--json] [--svg FILE]
// Measures each low-precision path (lib/include/posprop/precision/path.hpp) against the 100-digit
// reference at log-spaced positions 1 .. 2^26 and prints: the headline figures, one summary line
// per path, and per-position tables; --json writes everything to stdout instead; --svg a log-log
// plot of the chosen error against position, one line per path.
#include "command_line.hpp"
#include "commands.hpp"
#include "json_io.hpp"
#include "option_values.hpp"
#include "output_files.hpp"

#include "posprop/params.hpp"
#include "posprop/precision/measure.hpp"
#include "posprop/precision/plot.hpp"

#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <memory>
#include <sstream>

namespace posprop::cli {

namespace {

using namespace posprop::precision;

constexpr double kSearchLimit = 4096;

struct PrecisionArgs {
  StudyEncoder encoder = StudyEncoder::rope;
  PhaseSetup setup;
  std::vector<std::string> formats, names;  // --format, --path
  std::vector<const PathSpec*> paths;       // selected by select_paths
  std::string plot = "entry", svg;
  bool json = false;
};

double parse_number(const std::string& option, const std::string& text) {
  return parse_decimal(text, "option '" + option + "'");
}

std::vector<std::string> parse_list(const std::string& option, const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (item.empty())
      throw InputError("option '" + option + "': empty item in the list '" + text + "'");
    out.push_back(item);
  }
  return out;
}

std::string parse_plot(const std::string& option, const std::string& text) {
  if (text != "angle" && text != "entry" && text != "bits" && text != "equivariance")
    throw InputError("option '" + option + "' expects angle, entry, bits or equivariance, got '" +
                     text + "'");
  return text;
}

/// The paths chosen by --format / --path (all when neither is given).
std::vector<const PathSpec*> select_paths(const PrecisionArgs& a) {
  std::vector<const PathSpec*> out;
  for (const std::string& f : a.formats) parse_format(f);  // unknown formats are errors
  for (const std::string& nm : a.names) find_path(nm);     // unknown names are errors
  for (const PathSpec& p : paths()) {
    bool take = a.names.empty() && a.formats.empty();
    for (const std::string& f : a.formats) take = take || f == format(p.format()).name;
    for (const std::string& nm : a.names) take = take || nm == p.name;
    if (take) out.push_back(&p);
  }
  if (out.empty()) throw InputError("no precision path matches the --format / --path selection");
  return out;
}

/// Everything printed besides the per-path rows, computed before any output (so that an input
/// error leaves stdout empty).
struct Headline {
  std::vector<std::pair<double, double>> fp32_equivariance;
  Collision bf16;
  Ladder ladder;
};

Headline compute_headline(const PrecisionArgs& a, const PrecisionStudy& study) {
  Headline h;
  const PathModel fp32(find_path("fp32-angles"), a.setup);
  for (double t : {1e3, 1e5, 1e6})
    h.fp32_equivariance.emplace_back(t, study.equivariance(fp32, 0, t));
  h.bf16 = first_collision(PathModel(find_path("bf16-positions"), a.setup), kSearchLimit);
  h.ladder = precision_ladder(a.encoder, a.setup, a.setup.base * (1 + 1e-4), 1000);
  return h;
}

struct PathResult {
  const PathSpec* spec;
  bool bounded = true;
  std::string no_bound_reason;
  std::vector<PositionRow> rows;
  Collision collision;
  double worst_angle = 0, worst_entry = 0, worst_equivariance = 0;
};

double value_of(const PositionRow& r, const std::string& what) {
  if (what == "angle") return r.angle_error;
  if (what == "bits") return r.bits_mean;
  if (what == "equivariance") return r.equivariance;
  return r.entry_error;
}

const PositionRow* at(const PathResult& p, double pos) {
  for (const PositionRow& r : p.rows)
    if (r.position == pos && r.in_domain) return &r;
  return nullptr;
}

/// `v` with the fmt format `spec` ("{:.3g}"); "-" when not finite.
std::string num(double v, const char* spec = "{:.3g}") {
  return std::isfinite(v) ? fmt::format(fmt::runtime(spec), v) : "-";
}

std::string collapse_text(const PathResult& p) {
  if (p.collision.found)
    return num(p.collision.position, "{:.0f}") + " (= " + num(p.collision.earlier, "{:.0f}") + ")";
  return "none <= " + num(p.collision.searched_up_to, "{:.0f}") + "; 2^" +
         std::to_string(position_precision(*p.spec)) + "+1";
}

/// fp32-angles equivariance at 1e3, 1e5, 1e6 and the bf16-positions collapse.
void print_headline(std::ostream& o, const PrecisionArgs& a, const Headline& h) {
  o << fmt::format("Headline ({}, d = {}, base {}):\n", to_string(a.encoder), a.setup.head_dim,
                   to_decimal(a.setup.base));
  for (const auto& [t, r] : h.fp32_equivariance)
    o << "  fp32-angles equivariance residual max_j |S(t, t+j) - S(0, j)| / (|q||k|) at t = "
      << num(t, "{:.0e}") << ": " << num(r, "{:.6e}") << "\n";
  o << "  bf16 positions: first collapse at position " << num(h.bf16.position, "{:.0f}")
    << " (same encoding as " << num(h.bf16.earlier, "{:.0f}") << "; derived 2^8 + 1 = 257)\n\n";
}

/// The precision ladder: matched tables (rounding) and a key base off by 1e-4 (structure).
void print_ladder(std::ostream& o, const Ladder& ladder) {
  o << "Precision ladder, equivariance residual at shift 1000 (residual <= bound: rounding):\n";
  for (const auto* rungs : {&ladder.matched, &ladder.mismatched}) {
    o << (rungs == &ladder.matched ? "  q, k tables alike        "
                                   : "  key base " + num(ladder.key_base, "{:<15.10g}"));
    for (const LadderRung& r : *rungs)
      o << "  " << r.path.substr(0, 4) << " " << num(r.residual, "{:.2e}")
        << " (<= " << num(r.error_bound, "{:.1e}") << ")";
    o << "  -> " << ladder_verdict(*rungs) << "\n";
  }
  o << "\n";
}

/// One line per path: worst measured/bound ratios, bits of error, equivariance, first collapse.
void print_summary(std::ostream& o, const std::vector<PathResult>& results) {
  constexpr const char* kRow =
      "{:<15} {:<5} {:>8} {:>8} {:>8} {:>7} {:>7} {:>7} {:>9} {:>9} {:>9}  {}\n";
  o << "Summary (worst measured/bound over positions 1..2^26; bits = mean output bits of error):\n"
    << fmt::format(kRow, "path", "fmt", "angle/b", "entry/b", "eqv/b", "bits@1k", "bits@1M",
                   "bits@16M", "eqv@1e3", "eqv@1e5", "eqv@1e6", "first collapse");
  for (const PathResult& p : results) {
    const auto bits = [&](double pos) {
      const PositionRow* r = at(p, pos);
      return r ? num(r->bits_mean, "{:.1f}") : "-";
    };
    const auto eqv = [&](double pos) {
      const PositionRow* r = at(p, pos);
      return r ? num(r->equivariance, "{:.2e}") : "-";
    };
    const auto ratio = [&](double v) { return p.bounded ? num(v, "{:.3f}") : "n/a"; };
    o << fmt::format(kRow, p.spec->name, format(p.spec->format()).name, ratio(p.worst_angle),
                     ratio(p.worst_entry), ratio(p.worst_equivariance), bits(1024), bits(1048576),
                     bits(16777216), eqv(1e3), eqv(1e5), eqv(1e6), collapse_text(p));
  }
  for (const PathResult& p : results)
    if (!p.bounded) o << "  " << p.spec->name << ": no bound: " << p.no_bound_reason << "\n";
}

/// Per-position tables of the angle error, the table error and the equivariance residual,
/// one column per path.
void print_tables(std::ostream& o, const std::vector<PathResult>& results) {
  for (const char* name : {"angle", "entry", "equivariance"}) {
    const std::string what = name;
    o << "\n"
      << (what == "angle"   ? "Angle error max_k |angle_hat - pos w_k| (radians)"
          : what == "entry" ? "Table error max_k ||(cos_hat, sin_hat) - (cos, sin)||"
                            : "Equivariance residual at shift t = position")
      << " ('-': outside the format's range)\n";
    o << "  position";
    for (const PathResult& p : results) o << fmt::format(" {:>14}", p.spec->name);
    o << "\n";
    for (double pos : study_positions()) {
      o << fmt::format("{:10.0f}", pos);
      for (const PathResult& p : results) {
        const PositionRow* r = at(p, pos);
        o << fmt::format(" {:>14}", r ? num(value_of(*r, what), "{:.3e}") : "-");
      }
      o << "\n";
    }
  }
}

void print_text(const PrecisionArgs& a, const Headline& h, const std::vector<PathResult>& results) {
  std::ostream& o = std::cout;
  o << "posprop precision: encoder " << to_string(a.encoder) << ", head_dim " << a.setup.head_dim
    << ", rope_theta " << to_decimal(a.setup.base) << " (proofs/precision.md)\n"
    << "reference: 100-digit MPFR; fp16/bf16/fp32 emulated exactly (round to nearest even)\n\n";
  print_headline(o, a, h);
  print_ladder(o, h.ladder);
  print_summary(o, results);
  print_tables(o, results);
}

Json ladder_json(const Ladder& ladder) {
  Json out = {{"shift", json_number(ladder.shift)}, {"key_base", json_number(ladder.key_base)}};
  for (const auto* rungs : {&ladder.matched, &ladder.mismatched}) {
    Json list = Json::array();
    for (const LadderRung& r : *rungs)
      list.push_back({{"path", r.path},
                      {"unit_roundoff", json_number(r.unit_roundoff)},
                      {"residual", json_number(r.residual)},
                      {"error_bound", json_number(r.error_bound)}});
    out[rungs == &ladder.matched ? "matched" : "mismatched"] = {{"verdict", ladder_verdict(*rungs)},
                                                                {"rungs", std::move(list)}};
  }
  return out;
}

Json row_json(const PositionRow& r) {
  Json out = {{"position", json_number(r.position)}, {"in_domain", r.in_domain}};
  if (!r.in_domain) return out;
  for (const auto& [key, value] : {std::pair<const char*, double>{"angle_error", r.angle_error},
                                   {"angle_bound", r.angle_bound},
                                   {"entry_error", r.entry_error},
                                   {"entry_bound", r.entry_bound},
                                   {"bits_mean", r.bits_mean},
                                   {"bits_max", r.bits_max},
                                   {"equivariance", r.equivariance},
                                   {"equivariance_bound", r.equivariance_bound}})
    out[key] = json_number(value);
  return out;
}

Json path_json(const PathResult& p) {
  Json rows = Json::array();
  for (const PositionRow& r : p.rows) rows.push_back(row_json(r));
  return {{"path", p.spec->name},
          {"format", format(p.spec->format()).name},
          {"summary", p.spec->summary},
          {"source", p.spec->source},
          {"bounded", p.bounded},
          {"worst_ratio",
           {{"angle", json_number(p.worst_angle)},
            {"entry", json_number(p.worst_entry)},
            {"equivariance", json_number(p.worst_equivariance)}}},
          {"first_collapse", p.collision.found ? json_number(p.collision.position) : Json()},
          {"searched_up_to", json_number(p.collision.searched_up_to)},
          {"derived_first_collapse", (1LL << position_precision(*p.spec)) + 1},
          {"rows", std::move(rows)}};
}

void print_json(const PrecisionArgs& a, const Headline& h, const std::vector<PathResult>& results) {
  Json equivariance = Json::object();
  for (const auto& [t, r] : h.fp32_equivariance) equivariance[num(t, "{:.0f}")] = json_number(r);
  Json path_list = Json::array();
  for (const PathResult& p : results) path_list.push_back(path_json(p));
  std::cout << dump_document({{"encoder", to_string(a.encoder)},
                              {"head_dim", a.setup.head_dim},
                              {"rope_theta", json_number(a.setup.base)},
                              {"headline",
                               {{"fp32_equivariance", std::move(equivariance)},
                                {"bf16_positions_first_collapse", json_number(h.bf16.position)},
                                {"collapses_with", json_number(h.bf16.earlier)}}},
                              {"ladder", ladder_json(h.ladder)},
                              {"paths", std::move(path_list)}});
}

std::string svg_document(const PrecisionArgs& a, const std::vector<PathResult>& results) {
  std::vector<svg::Series> series;
  for (const PathResult& p : results) {
    svg::Series s{p.spec->name, {}};
    for (const PositionRow& r : p.rows)
      if (r.in_domain) s.points.emplace_back(r.position, value_of(r, a.plot));
    series.push_back(s);
  }
  const std::string y = a.plot == "angle"  ? "angle error, max over pairs (radians)"
                        : a.plot == "bits" ? "output bits of error, mean (log2(1 + ulps))"
                        : a.plot == "equivariance"
                            ? "|S(t, t+j) - S(0, j)| / (|q||k|), t = position"
                            : "table error ||(cos, sin)_hat - (cos, sin)||";
  const std::string svg = log_log_plot(series,
                                       std::string("posprop precision: ") + to_string(a.encoder) +
                                           ", d = " + std::to_string(a.setup.head_dim) + ", base " +
                                           to_decimal(a.setup.base),
                                       "position", y);
  return svg;
}

PathResult measure_path(const PrecisionArgs& a, const PrecisionStudy& study, const PathSpec& spec) {
  PathResult p;
  p.spec = &spec;
  const PathBounds bounds(spec, a.setup);
  p.bounded = bounds.valid();
  p.no_bound_reason = bounds.invalid_reason();
  // Without a bound the rows are still measured: against the fp64 bound, ratios not shown.
  const PathSpec& against = p.bounded ? spec : find_path("fp64-angles");
  for (double pos : study_positions()) {
    p.rows.push_back(study.measure(spec, against, pos));
    const PositionRow& r = p.rows.back();
    if (!r.in_domain) continue;
    p.worst_angle = std::max(p.worst_angle, r.angle_ratio);
    p.worst_entry = std::max(p.worst_entry, r.entry_ratio);
    p.worst_equivariance = std::max(p.worst_equivariance, r.equivariance_ratio);
  }
  p.collision = first_collision(PathModel(spec, a.setup), kSearchLimit);
  return p;
}

int run_precision(PrecisionArgs& a) {
  a.setup.validate();
  a.paths = select_paths(a);
  OutputFiles outputs;
  const int svg_out = outputs.add_output("--svg", a.svg);
  outputs.open();
  const PrecisionStudy study(a.encoder, a.setup);
  std::vector<PathResult> results;
  for (const PathSpec* spec : a.paths) results.push_back(measure_path(a, study, *spec));
  const Headline headline = compute_headline(a, study);
  if (a.json) {
    print_json(a, headline, results);
  } else {
    print_text(a, headline, results);
  }
  outputs.write(svg_out, [&](std::ostream& os) { os << svg_document(a, results); });
  outputs.commit();
  // Exit 1 when a measured error exceeds its derived bound (a bug of the bound or the model).
  for (const PathResult& p : results)
    if (p.bounded && (p.worst_angle > 1 || p.worst_entry > 1 || p.worst_equivariance > 1)) return 1;
  return 0;
}

std::string path_list() {
  std::string out = "paths:\n";
  for (const PathSpec& p : paths())
    out += "  " + p.name + " (" + format(p.format()).name + "): " + p.summary + "\n";
  return out;
}

}  // namespace

Action define_precision(CLI::App& app) {
  auto a = std::make_shared<PrecisionArgs>();
  app.description(
      "Measures how far each low-precision way of computing the RoPE/sinusoidal phase table\n"
      "drifts from the 100-digit reference, per position (1 .. 2^26): angle error, table error,\n"
      "output bits of error, equivariance residual, each against its derived bound\n"
      "(proofs/precision.md), and the first position at which two positions collapse into one\n"
      "encoding.");
  add_value<StudyEncoder>(
      app, "--encoder", a->encoder,
      [](const std::string&, const std::string& t) { return parse_study_encoder(t); }, "E",
      "rope (default), rope-neox or sinusoidal");
  add_value<std::vector<std::string>>(app, "--format", a->formats, parse_list, "F[,..]",
                                      "the paths of these number formats (fp64, fp32, fp16, bf16)");
  add_value<std::vector<std::string>>(app, "--path", a->names, parse_list, "NAME[,..]",
                                      "these paths (listed below)");
  add_value<int>(app, "--head-dim", a->setup.head_dim, integer_in<int>(2, 65536, true), "D",
                 "head dimension, even (default " + std::to_string(a->setup.head_dim) + ")");
  add_value<double>(app, "--rope-theta", a->setup.base, parse_number, "B",
                    "RoPE base (default " + to_decimal(a->setup.base) + ")");
  add_value<std::string>(app, "--plot", a->plot, parse_plot, "WHAT",
                         "what --svg plots: angle, entry (default), bits or equivariance");
  add_flag(app, "--json", a->json, "write everything as JSON to stdout");
  add_text(app, "--svg", a->svg, "FILE", "a log-log plot of the chosen error against position");
  app.footer(path_list());
  return [a] { return run_precision(*a); };
}

}  // namespace posprop::cli
