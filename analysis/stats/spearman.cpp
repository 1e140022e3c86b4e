#include "rampart/stats/spearman.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <numeric>

#include "rampart/stats/errors.hpp"

namespace rampart::stats {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

std::vector<double> average_ranks(std::span<const double> values) {
  if (std::any_of(values.begin(), values.end(), [](double x) { return std::isnan(x); })) {
    throw StatisticsError("ranks of a sample containing NaN");
  }
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t i, std::size_t j) { return values[i] < values[j]; });
  std::vector<double> ranks(values.size());
  std::size_t start = 0;
  while (start < order.size()) {
    std::size_t end = start + 1;
    while (end < order.size() && values[order[end]] == values[order[start]]) ++end;
    // Positions start..end-1 hold ranks start+1..end; their average:
    const double rank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2.0;
    for (std::size_t k = start; k < end; ++k) ranks[order[k]] = rank;
    start = end;
  }
  return ranks;
}

double spearman_p_value(double rho, std::size_t n) {
  if (n < 3 || std::isnan(rho)) return kNaN;
  if (std::abs(rho) >= 1.0) return 0.0;
  const double degrees = static_cast<double>(n - 2);
  const double t = std::abs(rho) * std::sqrt(degrees / (1.0 - rho * rho));
  const boost::math::students_t distribution(degrees);
  return 2.0 * boost::math::cdf(boost::math::complement(distribution, t));
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
