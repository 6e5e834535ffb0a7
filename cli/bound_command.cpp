// RoFormer sec. 3.4.3 (long-term decay): with theta_k = base^(-2k/d), k = 0 .. d/2 - 1, and
// S_j = sum_{k < j} e^{i m theta_k} (S_0 = 0), Abel summation gives
//   |sum_k h_k e^{i m theta_k}| <= (max_k |h_{k+1} - h_k|) sum_{j=1}^{d/2} |S_j|,
// and the paper plots the relative upper bound c(m) = (1 / (d/2)) sum_{j=1}^{d/2} |S_j| against
// the relative distance m (its Fig. 2: d = 128, base 10000). We evaluate c(m) at Hp100 for
// m = 0 .. R and report the first m where c(m) > c(m - 1) beyond the derived error bound E(m)
// (proofs/bound_decay.md): |fl(c(m)) - c(m)| <= E(m) = (|m| (kappa + 1) + 4 + 1.02 d) u,
// kappa = 2 + ln base, u = 2^-332 (100 digits).
#include "bound_command.hpp"

#include "option_reader.hpp"
#include "text_escape.hpp"

#include "posprop/scalar.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <iostream>

namespace posprop::cli {

const char* const kBoundSynopsis =
    "usage: posprop bound decay [--dim D] [--base B] [--max-distance R] [--json]";

namespace {

constexpr long long kMaxWork = 1LL << 22;  // (R + 1) * d/2 complex exponentials at 100 digits

struct BoundArgs {
  long long dim = 128;
  std::string base = "10000";
  long long max_distance = 256;
  bool json = false;
};

double parse_base(const std::string& text) {
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(v)) {
    throw InputError("option '--base' expects a finite number, got '" + text + "'");
  }
  if (!(v > 1.0)) throw InputError("option '--base' must be > 1, got '" + text + "'");
  return v;
}

BoundArgs parse(const std::vector<std::string>& args) {
  BoundArgs a;
  OptionReader r("bound", args, 1);
  while (r.next()) {
    if (r.name() == "--dim") {
      const std::string v = r.value();
      a.dim = static_cast<long long>(parse_integer_in("--dim", v, 2, 65536, true));
    } else if (r.name() == "--base") {
      a.base = r.value();
      parse_base(a.base);
    } else if (r.name() == "--max-distance") {
      const std::string v = r.value();
      a.max_distance = static_cast<long long>(parse_integer_in("--max-distance", v, 0, 1000000));
    } else if (r.name() == "--json") {
      r.flag();
      a.json = true;
    } else {
      r.unknown();
    }
  }
  if (r.positionals().empty()) {
    throw InputError("bound: no bound given (" + std::string(kBoundSynopsis) + ")");
  }
  if (r.positionals()[0] != "decay") {
    throw InputError("bound: unknown bound '" + r.positionals()[0] + "' (known: decay)");
  }
  if ((a.max_distance + 1) * (a.dim / 2) > kMaxWork) {
    throw InputError("bound decay: (max-distance + 1) * dim / 2 = " +
                     std::to_string((a.max_distance + 1) * (a.dim / 2)) + " exceeds " +
                     std::to_string(kMaxWork) + " (reduce --max-distance or --dim)");
  }
  return a;
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

}  // namespace

int run_bound(const std::vector<std::string>& args) {
  for (const std::string& arg : args)
    if (is_help(arg)) {
      std::cout << kBoundSynopsis
                << "\n\nRoFormer (arXiv 2104.09864) sec. 3.4.3: the relative upper bound\n"
                   "c(m) = (1/(d/2)) sum_{j=1}^{d/2} |sum_{k<j} e^{i m theta_k}|, theta_k = "
                   "base^(-2k/d),\nfor m = 0 .. R at 100 significant digits (defaults: d = 128, "
                   "base = 10000, R = 256),\nand whether it is monotone (the first m with c(m) > "
                   "c(m - 1) beyond the derived\nerror bound). --json: numbers as strings.\n";
      return 0;
    }
  const BoundArgs a = parse(args);
  const double base_d = parse_base(a.base);
  const Hp100 base(a.base);
  std::vector<Hp100> theta;
  for (long long k = 0; k < a.dim / 2; ++k)
    theta.push_back(pow(base, Hp100(-2 * k) / Hp100(a.dim)));
  const double u = unit_roundoff<Hp100>(), kappa = 2.0 + std::log(base_d);
  const auto error = [&](long long m) {
    return (static_cast<double>(m) * (kappa + 1) + 4 + 1.02 * static_cast<double>(a.dim)) * u;
  };
  std::vector<Hp100> curve;
  long long first_increase = -1;
  for (long long m = 0; m <= a.max_distance; ++m) {
    curve.push_back(decay_curve(theta, m));
    if (first_increase < 0 && m > 0 &&
        static_cast<double>(curve[static_cast<std::size_t>(m)] -
                            curve[static_cast<std::size_t>(m - 1)]) > error(m) + error(m - 1))
      first_increase = m;
  }
  const int digits = 30;
  if (a.json) {
    std::cout << "{\"bound\": \"decay\", \"dim\": " << a.dim
              << ", \"base\": " << json_string(a.base) << ", \"max_distance\": " << a.max_distance
              << ", \"precision\": \"hp100\", "
              << "\"curve\": [";
    for (std::size_t m = 0; m < curve.size(); ++m)
      std::cout << (m ? ", " : "") << "{\"m\": " << m
                << ", \"value\": " << json_string(to_string(curve[m], digits)) << "}";
    std::cout << "], \"monotone\": " << (first_increase < 0 ? "true" : "false")
              << ", \"first_increase\": ";
    if (first_increase < 0) {
      std::cout << "null";
    } else {
      const auto m = static_cast<std::size_t>(first_increase);
      std::cout << "{\"m\": " << m
                << ", \"previous\": " << json_string(to_string(curve[m - 1], digits))
                << ", \"value\": " << json_string(to_string(curve[m], digits)) << "}";
    }
    std::cout << "}\n";
    return 0;
  }
  std::cout << "RoFormer relative upper bound (sec. 3.4.3), d = " << a.dim << ", base = " << a.base
            << ", 100-digit arithmetic\n\n       m  (1/(d/2)) sum_j |S_j|\n";
  for (std::size_t m = 0; m < curve.size(); ++m) {
    std::string ms = std::to_string(m);
    std::cout << std::string(ms.size() < 8 ? 8 - ms.size() : 0, ' ') << ms << "  "
              << to_string(curve[m], digits) << "\n";
  }
  if (first_increase < 0) {
    std::cout << "\nmonotone: yes (non-increasing for m = 0 .. " << a.max_distance << ")\n";
  } else {
    const auto m = static_cast<std::size_t>(first_increase);
    std::cout << "\nmonotone: no, first increase at m = " << m << ": "
              << to_string(curve[m - 1], 20) << " -> " << to_string(curve[m], 20) << "\n";
  }
  return 0;
}

}  // namespace posprop::cli
