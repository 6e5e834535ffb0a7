// RoFormer sec. 3.4.3 (long-term decay): with theta_k = base^(-2k/d), k = 0 .. d/2 - 1, and
// S_j = sum_{k < j} e^{i m theta_k} (S_0 = 0), Abel summation gives
//   |sum_k h_k e^{i m theta_k}| <= (max_k |h_{k+1} - h_k|) sum_{j=1}^{d/2} |S_j|,
// and the paper plots the relative upper bound c(m) = (1 / (d/2)) sum_{j=1}^{d/2} |S_j| against
// the relative distance m (its Fig. 2: d = 128, base 10000). We evaluate c(m) at Hp100 for
// m = 0 .. R and report the first m where c(m) > c(m - 1) beyond the derived error bound E(m)
// (proofs/bound_decay.md): |fl(c(m)) - c(m)| <= E(m) = (|m| (kappa + 1) + 4 + 1.02 d) u,
// kappa = 2 + ln base, u = 2^-332 (100 digits).
#include "command_line.hpp"
#include "commands.hpp"
#include "json_io.hpp"
#include "option_values.hpp"

#include "posprop/scalar.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <memory>

namespace posprop::cli {
namespace {

constexpr long long kMaxWork = 1LL << 22;  // (R + 1) * d/2 complex exponentials at 100 digits
constexpr int kDigits = 30;                // digits printed of c(m)

struct BoundArgs {
  std::string kind;  // "decay"
  long long dim = 128;
  std::string base = "10000";
  long long max_distance = 256;
  bool json = false;
};

double parse_base(const std::string& text) {
  const double v = parse_decimal(text, "option '--base'");
  if (!(v > 1.0)) throw InputError("option '--base' must be > 1, got '" + text + "'");
  return v;
}

void validate(const BoundArgs& a) {
  if (a.kind.empty()) throw InputError("bound: no bound given (known: decay)");
  if (a.kind != "decay") throw InputError("bound: unknown bound '" + a.kind + "' (known: decay)");
  if ((a.max_distance + 1) * (a.dim / 2) > kMaxWork) {
    throw InputError("bound decay: (max-distance + 1) * dim / 2 = " +
                     std::to_string((a.max_distance + 1) * (a.dim / 2)) + " exceeds " +
                     std::to_string(kMaxWork) + " (reduce --max-distance or --dim)");
  }
}

/// c(m) = (1/(d/2)) sum_{j=1}^{d/2} |S_j| at 100 digits.
Hp100 decay_curve(const std::vector<Hp100>& theta, long long m) {
  Hp100 re = 0, im = 0, total = 0;
  for (const Hp100& t : theta) {
    const Hp100 angle = Hp100(m) * t;
    re += cos(angle);
    im += sin(angle);
    total += sqrt(re * re + im * im);  // |S_j|, j = 1 .. d/2
  }
  return total / Hp100(static_cast<long long>(theta.size()));
}

struct DecayCurve {
  std::vector<Hp100> values;      // c(0) .. c(R)
  long long first_increase = -1;  // first m with c(m) > c(m - 1) beyond E(m) + E(m - 1); -1: none
};

DecayCurve compute(const BoundArgs& a) {
  const Hp100 base(a.base);
  std::vector<Hp100> theta;
  for (long long k = 0; k < a.dim / 2; ++k)
    theta.push_back(pow(base, Hp100(-2 * k) / Hp100(a.dim)));
  const double u = unit_roundoff<Hp100>(), kappa = 2.0 + std::log(parse_base(a.base));
  const auto error = [&](long long m) {
    return (static_cast<double>(m) * (kappa + 1) + 4 + 1.02 * static_cast<double>(a.dim)) * u;
  };
  DecayCurve c;
  for (long long m = 0; m <= a.max_distance; ++m) {
    c.values.push_back(decay_curve(theta, m));
    const auto i = static_cast<std::size_t>(m);
    if (c.first_increase < 0 && m > 0 &&
        static_cast<double>(c.values[i] - c.values[i - 1]) > error(m) + error(m - 1))
      c.first_increase = m;
  }
  return c;
}

void print_json(const BoundArgs& a, const DecayCurve& c) {
  Json points = Json::array();
  for (std::size_t m = 0; m < c.values.size(); ++m)
    points.push_back({{"m", m}, {"value", to_string(c.values[m], kDigits)}});
  Json first = nullptr;
  if (c.first_increase >= 0) {
    const auto m = static_cast<std::size_t>(c.first_increase);
    first = {{"m", m},
             {"previous", to_string(c.values[m - 1], kDigits)},
             {"value", to_string(c.values[m], kDigits)}};
  }
  std::cout << dump_document({{"bound", "decay"},
                              {"dim", a.dim},
                              {"base", a.base},
                              {"max_distance", a.max_distance},
                              {"precision", "hp100"},
                              {"curve", std::move(points)},
                              {"monotone", c.first_increase < 0},
                              {"first_increase", std::move(first)}});
}

void print_text(const BoundArgs& a, const DecayCurve& c) {
  std::cout << "RoFormer relative upper bound (sec. 3.4.3), d = " << a.dim << ", base = " << a.base
            << ", 100-digit arithmetic\n\n       m  (1/(d/2)) sum_j |S_j|\n";
  for (std::size_t m = 0; m < c.values.size(); ++m) {
    std::string ms = std::to_string(m);
    std::cout << std::string(ms.size() < 8 ? 8 - ms.size() : 0, ' ') << ms << "  "
              << to_string(c.values[m], kDigits) << "\n";
  }
  if (c.first_increase < 0) {
    std::cout << "\nmonotone: yes (non-increasing for m = 0 .. " << a.max_distance << ")\n";
  } else {
    const auto m = static_cast<std::size_t>(c.first_increase);
    std::cout << "\nmonotone: no, first increase at m = " << m << ": "
              << to_string(c.values[m - 1], 20) << " -> " << to_string(c.values[m], 20) << "\n";
  }
}

}  // namespace

Action define_bound(CLI::App& app) {
  auto a = std::make_shared<BoundArgs>();
  app.description(
      "RoFormer (arXiv 2104.09864) sec. 3.4.3: the relative upper bound\n"
      "c(m) = (1/(d/2)) sum_{j=1}^{d/2} |sum_{k<j} e^{i m theta_k}|, theta_k = base^(-2k/d),\n"
      "for m = 0 .. R at 100 significant digits, and whether it is monotone (the first m with\n"
      "c(m) > c(m - 1) beyond the derived error bound, proofs/bound_decay.md).");
  add_positional(app, "BOUND", a->kind, "the bound: decay");
  add_value<long long>(app, "--dim", a->dim, integer_in<long long>(2, 65536, true), "D",
                       "head dimension d, even (default 128)");
  add_value<std::string>(
      app, "--base", a->base,
      [](const std::string&, const std::string& t) {
        parse_base(t);
        return t;
      },
      "B", "RoPE base, > 1 (default 10000)");
  add_value<long long>(app, "--max-distance", a->max_distance, integer_in<long long>(0, 1000000),
                       "R", "largest relative distance m (default 256)");
  add_flag(app, "--json", a->json, "print JSON, every value of c(m) as a string");
  return [a] {
    validate(*a);
    const DecayCurve c = compute(*a);
    if (a->json) {
      print_json(*a, c);
    } else {
      print_text(*a, c);
    }
    return 0;
  };
}

}  // namespace posprop::cli
