#include "rampart/stats/spearman.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

#include "rampart/stats/errors.hpp"

namespace rampart::stats {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

std::vector<double> average_ranks(std::span<const double> values) {
  if (std::any_of(values.begin(), values.end(), [](double x) { return std::isnan(x); })) {
    throw StatisticsError("ranks of a sample containing NaN");
  }
  // (value, position) pairs sorted by value: ties share their average rank, so their order
  // among themselves does not matter and a plain sort of the pairs (values next to their
  // positions, no indirection, no merge buffer) does.
  std::vector<std::pair<double, std::size_t>> order(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) order[i] = {values[i], i};
  std::sort(order.begin(), order.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<double> ranks(values.size());
  std::size_t start = 0;
  while (start < order.size()) {
    std::size_t end = start + 1;
    while (end < order.size() && order[end].first == order[start].first) ++end;
    // Positions start..end-1 hold ranks start+1..end; their average:
    const double rank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2.0;
    for (std::size_t k = start; k < end; ++k) ranks[order[k].second] = rank;
    start = end;
  }
  return ranks;
}

namespace {

double t_test_p_value(double rho, std::size_t n) {
  const double degrees = static_cast<double>(n - 2);
  const double t = std::abs(rho) * std::sqrt(degrees / (1.0 - rho * rho));
  const boost::math::students_t distribution(degrees);
  return 2.0 * boost::math::cdf(boost::math::complement(distribution, t));
}

// The p-values already computed on this thread, by (rho, n), direct-mapped. Without ties rho is
// 1 - 6 sum(d^2) / (n (n^2 - 1)) with sum(d^2) an even integer, so a sample of n states takes at
// most n (n^2 - 1) / 6 + 1 values: the burden report's millions of run-years of 32 allies repeat
// a few thousand, and Boost's incomplete beta (in long double) was a fifth of its time. A hit
// returns what the computation returned for the same arguments, so results are unchanged.
struct PValueCache {
  static constexpr std::size_t kSlots = 8192;
  struct Slot {
    std::uint64_t rho_bits = 0;
    std::size_t n = 0;  // 0: empty (a p-value needs n >= 3)
    double p = 0.0;
  };
  std::array<Slot, kSlots> slots{};
};

}  // namespace

double spearman_p_value(double rho, std::size_t n) {
  if (n < 3 || std::isnan(rho)) return kNaN;
  if (std::abs(rho) >= 1.0) return 0.0;
  thread_local PValueCache cache;
  const auto bits = std::bit_cast<std::uint64_t>(rho);
  const std::uint64_t hash =
      (bits ^ (bits >> 29U) ^ (static_cast<std::uint64_t>(n) << 7U)) * 0x9E3779B97F4A7C15ULL;
  auto& slot = cache.slots[hash >> 51U];  // the top 13 bits: 8192 slots
  if (slot.n != n || slot.rho_bits != bits) {
    slot = {bits, n, t_test_p_value(rho, n)};
  }
  return slot.p;
}

RankCorrelation spearman(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size()) throw StatisticsError("rank correlation of samples of unequal length");
  RankCorrelation result{x.size(), kNaN, kNaN};
  if (x.size() < 3) return result;
  const std::vector<double> rank_x = average_ranks(x);
  const std::vector<double> rank_y = average_ranks(y);
  // Both rank vectors have mean (n + 1) / 2.
  const double mean_rank = (static_cast<double>(x.size()) + 1.0) / 2.0;
  double covariance = 0.0;
  double variance_x = 0.0;
  double variance_y = 0.0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    const double dx = rank_x[k] - mean_rank;
    const double dy = rank_y[k] - mean_rank;
    covariance += dx * dy;
    variance_x += dx * dx;
    variance_y += dy * dy;
  }
  if (variance_x == 0.0 || variance_y == 0.0) return result;
  result.rho = std::clamp(covariance / std::sqrt(variance_x * variance_y), -1.0, 1.0);
  result.p_value = spearman_p_value(result.rho, x.size());
  return result;
}

}  // namespace rampart::stats
