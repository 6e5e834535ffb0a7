// `posprop looseness`: how sharp the component-resolved tolerances are (proofs/pair_bounds.md
// section 6). For each emulated correct path (fp64-angles, fp32-angles, ggml-cpu, ggml-cuda),
// RoPE's output at positions 2^0 .. 2^24: the actual error per pair and in 2-norm against the
// 100-digit map, the tolerance of a correct implementation in that format, and their ratio.
// Exit 1 if any pair exceeds its tolerance (a bug of the bound or of the model).
#include "command_line.hpp"
#include "commands.hpp"
#include "json_io.hpp"
#include "option_values.hpp"
#include "output_files.hpp"

#include "posprop/precision/looseness.hpp"
#include "posprop/precision/plot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>

namespace posprop::cli {
namespace {

using namespace precision;

struct LoosenessArgs {
  PhaseSetup setup{128, 500000};
  std::vector<std::string> paths = {"fp64-angles", "fp32-angles", "ggml-cpu", "ggml-cuda"};
  int max_exponent = 24;
  bool json = false;
  std::string svg;
};

struct PathLooseness {
  std::string name;
  std::vector<LoosenessRow> rows;
  double min = INFINITY, median = 0, max = 0;  // tolerance / error over positions (2-norm)
  double worst_pair = 0;                       // max over positions and pairs of error / tol
};

PathLooseness measure(const LoosenessArgs& a, const std::string& name) {
  PathLooseness p{name, looseness(find_path(name), a.setup, looseness_positions(a.max_exponent))};
  std::vector<double> ratios;
  for (const LoosenessRow& r : p.rows) {
    p.worst_pair = std::max(p.worst_pair, r.worst_pair_ratio());
    if (std::isfinite(r.looseness())) ratios.push_back(r.looseness());
  }
  std::sort(ratios.begin(), ratios.end());
  if (!ratios.empty()) {
    p.min = ratios.front();
    p.median = ratios[ratios.size() / 2];
    p.max = ratios.back();
  }
  return p;
}

void print_text(const LoosenessArgs& a, const std::vector<PathLooseness>& results) {
  std::cout << fmt::format(
      "tolerance / actual error of RoPE's output (half-split, d = {}, rope_theta = {}), the\n"
      "tolerance of a correct implementation in the path's format (proofs/pair_bounds.md)\n\n",
      a.setup.head_dim, to_decimal(a.setup.base));
  for (const PathLooseness& p : results) {
    std::cout << fmt::format(
        "{}: 2-norm tolerance/error min {:.3g}, median {:.3g}, max {:.3g}; "
        "worst pair error/tolerance {:.3g}\n",
        p.name, p.min, p.median, p.max, p.worst_pair);
    std::cout << fmt::format("  {:>10}  {:>12}  {:>12}  {:>10}  {:>16}\n", "position", "error",
                             "tolerance", "tol/error", "worst pair e/t");
    for (const LoosenessRow& r : p.rows) {
      std::cout << fmt::format("  {:>10.10g}  {:>12.4e}  {:>12.4e}  {:>10.3g}  {:>16.3g}\n",
                               r.position, r.error, r.tolerance, r.looseness(),
                               r.worst_pair_ratio());
    }
    std::cout << "\n";
  }
}

void print_json(const LoosenessArgs& a, const std::vector<PathLooseness>& results) {
  Json paths = Json::array();
  for (const PathLooseness& p : results) {
    Json rows = Json::array();
    for (const LoosenessRow& r : p.rows) {
      rows.push_back({{"position", json_number(r.position)},
                      {"error", json_number(r.error)},
                      {"tolerance", json_number(r.tolerance)},
                      {"pair_error", r.pair_error},
                      {"pair_tolerance", r.pair_tolerance}});
    }
    paths.push_back({{"path", p.name},
                     {"min", json_number(p.min)},
                     {"median", json_number(p.median)},
                     {"max", json_number(p.max)},
                     {"worst_pair_ratio", json_number(p.worst_pair)},
                     {"rows", std::move(rows)}});
  }
  std::cout << dump_document({{"head_dim", a.setup.head_dim},
                              {"rope_theta", json_number(a.setup.base)},
                              {"paths", std::move(paths)}});
}

std::string svg_document(const LoosenessArgs& a, const std::vector<PathLooseness>& results) {
  std::vector<svg::Series> series;
  for (const PathLooseness& p : results) {
    svg::Series s{p.name, {}};
    for (const LoosenessRow& r : p.rows) s.points.emplace_back(r.position, r.looseness());
    series.push_back(std::move(s));
  }
  const std::string text =
      log_log_plot(series,
                   fmt::format("tolerance / actual error, RoPE d = {}, rope_theta {}",
                               a.setup.head_dim, to_decimal(a.setup.base)),
                   "position", "tolerance / error (2-norm)");
  return text;
}

int run_looseness(const LoosenessArgs& a) {
  a.setup.validate();
  OutputFiles outputs;
  const int svg_out = outputs.add_output("--svg", a.svg);
  outputs.open();
  std::vector<PathLooseness> results;
  for (const std::string& name : a.paths) results.push_back(measure(a, name));
  if (a.json) {
    print_json(a, results);
  } else {
    print_text(a, results);
  }
  outputs.write(svg_out, [&](std::ostream& os) { os << svg_document(a, results); });
  outputs.commit();
  for (const PathLooseness& p : results)
    if (p.worst_pair > 1) return 1;
  return 0;
}

std::vector<std::string> parse_paths(const std::string& option, const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    out.push_back(text.substr(start, comma - start));
    find_path(out.back());  // InputError naming the valid paths
    start = comma + 1;
  }
  if (out.empty()) throw InputError("option '" + option + "' needs a path name");
  return out;
}

}  // namespace

Action define_looseness(CLI::App& app) {
  auto a = std::make_shared<LoosenessArgs>();
  app.description(
      "How sharp the tolerances of 'posprop vectors' / 'verify' are: for each emulated correct\n"
      "path, RoPE's output error per pair and in 2-norm at positions 2^0 .. 2^E against the\n"
      "tolerance of a correct implementation in that format (proofs/pair_bounds.md), and their\n"
      "ratio. Exit 1 if a pair exceeds its tolerance.");
  add_value<std::vector<std::string>>(
      app, "--path", a->paths, parse_paths, "NAME[,..]",
      "correct paths (default fp64-angles,fp32-angles,ggml-cpu,ggml-cuda)");
  add_value<int>(app, "--head-dim", a->setup.head_dim, integer_in<int>(2, 65536, true), "D",
                 "head dimension, even (default 128)");
  add_value<double>(
      app, "--rope-theta", a->setup.base,
      [](const std::string& o, const std::string& t) {
        Params p;
        p.set(o, t);
        return p.get_double(o);
      },
      "B", "RoPE base (default 500000)");
  add_value<int>(app, "--max-exponent", a->max_exponent, integer_in<int>(1, 24), "E",
                 "largest position 2^E (default 24, at most 24: exact in fp32)");
  add_flag(app, "--json", a->json, "write everything as JSON to stdout");
  add_text(app, "--svg", a->svg, "FILE", "a log-log plot of tolerance / error against position");
  return [a] { return run_looseness(*a); };
}

}  // namespace posprop::cli
