// Non-template parts of the score-bias encoders: ALiBi slope exponents and exact T5 buckets.
#include "posprop/encoders/alibi.hpp"
#include "posprop/encoders/t5_bias.hpp"
#include "posprop/random.hpp"

#include <boost/multiprecision/cpp_int.hpp>

#include <cmath>
#include <string>

namespace posprop {

double alibi_slope_exponent(long long num_heads, long long head) {
  if (num_heads < 1 || num_heads > 65536) {
    throw InputError("num_heads must be in [1, 65536], got " + std::to_string(num_heads));
  }
  if (head < 0 || head >= num_heads) {
    throw InputError("head must be in [0, num_heads - 1] = [0, " + std::to_string(num_heads - 1) +
                     "], got " + std::to_string(head));
  }
  long long c = 1;  // closest power of two <= n
  while (2 * c <= num_heads) c *= 2;
  // Dyadic rationals, exact in double and every wider type.
  if (head < c) return -8.0 * static_cast<double>(head + 1) / static_cast<double>(c);
  return -8.0 * static_cast<double>(2 * (head - c) + 1) / static_cast<double>(2 * c);
}

namespace {

using boost::multiprecision::cpp_int;

cpp_int power(long long base, long long e) {
  return boost::multiprecision::pow(cpp_int(base), static_cast<unsigned>(e));
}

/// Exactly: floor(ln(r / me) / ln(md / me) * n) >= k  <=>  r^n me^k >= md^k me^n (r >= me >= 1,
/// md > me, k >= 0: every step multiplies by positive quantities and ln is increasing).
bool offset_at_least(long long r, long long k, long long me, long long md, long long n) {
  return power(r, n) * power(me, k) >= power(md, k) * power(me, n);
}

void check_config(long long num_buckets, long long max_distance, bool bidirectional) {
  const long long lo = bidirectional ? 4 : 2;
  if (num_buckets < lo || num_buckets > 1024) {
    throw InputError("num_buckets must be in [" + std::to_string(lo) + ", 1024]" +
                     (bidirectional ? " (bidirectional: nb // 2 // 2 >= 1)" : "") + ", got " +
                     std::to_string(num_buckets));
  }
  const long long per = bidirectional ? num_buckets / 2 : num_buckets;
  const long long me = per / 2;
  if (max_distance <= me || max_distance > (1LL << 30)) {
    throw InputError("max_distance must be in (max_exact, 2^30] = (" + std::to_string(me) +
                     ", 1073741824], got " + std::to_string(max_distance));
  }
}

}  // namespace

T5Buckets::T5Buckets(long long num_buckets, long long max_distance, bool bidirectional)
    : num_buckets_(num_buckets), max_distance_(max_distance), bidirectional_(bidirectional) {
  check_config(num_buckets, max_distance, bidirectional);
  per_direction_ = bidirectional ? num_buckets / 2 : num_buckets;
  max_exact_ = per_direction_ / 2;
  const long long n = per_direction_ - max_exact_, me = max_exact_, md = max_distance_;
  for (long long k = 1; k < n; ++k) {
    // Real threshold me (md/me)^(k/n), then corrected exactly in both directions.
    auto r = static_cast<long long>(std::ceil(
        static_cast<double>(me) * std::pow(static_cast<double>(md) / static_cast<double>(me),
                                           static_cast<double>(k) / static_cast<double>(n))));
    r = std::max(r, me);
    while (r > me && offset_at_least(r - 1, k, me, md, n)) --r;
    while (!offset_at_least(r, k, me, md, n)) ++r;
    thresholds_.push_back(r);
  }
}

long long T5Buckets::bucket(long long rel) const {
  long long bucket = 0, r = 0;
  if (bidirectional_) {
    bucket = rel > 0 ? per_direction_ : 0;
    r = rel < 0 ? -rel : rel;
  } else {
    r = rel < 0 ? -rel : 0;
  }
  if (r < max_exact_) return bucket + r;
  long long offset = 0;  // thresholds are increasing; the clamp at per - 1 is their count
  while (offset < static_cast<long long>(thresholds_.size()) &&
         thresholds_[static_cast<std::size_t>(offset)] <= r)
    ++offset;
  return bucket + max_exact_ + offset;
}

long long t5_bucket_reference(long long rel, bool bidirectional, long long num_buckets,
                              long long max_distance) {
  check_config(num_buckets, max_distance, bidirectional);
  long long nb = num_buckets, relative_buckets = 0, r = rel;
  if (bidirectional) {
    nb /= 2;
    relative_buckets += rel > 0 ? nb : 0;
    r = rel < 0 ? -rel : rel;
  } else {
    r = -std::min(rel, 0LL);
  }
  const long long max_exact = nb / 2;
  if (r < max_exact) return relative_buckets + r;
  // int(ln(r / me) / ln(md / me) * (nb - me)): the largest k with the exact comparison.
  const long long n = nb - max_exact;
  long long k = 0;
  while (k + 1 <= n && offset_at_least(r, k + 1, max_exact, max_distance, n)) ++k;
  return relative_buckets + std::min(max_exact + k, nb - 1);
}

std::vector<double> t5_bias_table(long long num_buckets, std::uint64_t seed) {
  return gaussian_entries(seed, static_cast<long>(num_buckets), 1);
}

}  // namespace posprop
