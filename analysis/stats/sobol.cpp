#include "rampart/stats/sobol.hpp"

#include <algorithm>
#include <boost/random/mersenne_twister.hpp>
#include <cmath>

#include "rampart/stats/descriptive.hpp"
#include "rampart/stats/errors.hpp"

namespace rampart::stats {

namespace {

// Point estimates of every index on the rows selected by `rows` (indices into 0..N-1).
struct PointEstimates {
  std::vector<double> first_order;
  std::vector<double> total_order;
};

PointEstimates estimate(std::span<const double> f_a, std::span<const double> f_b,
                        std::span<const double> f_ab, std::size_t factors,
                        std::span<const std::size_t> rows) {
  const std::size_t n = f_a.size();
  RunningMoments pooled;
  for (const std::size_t j : rows) {
    pooled.add(f_a[j]);
    pooled.add(f_b[j]);
  }
  const double variance = pooled.variance();
  const double count = static_cast<double>(rows.size());
  PointEstimates result;
  for (std::size_t i = 0; i < factors; ++i) {
    const std::span<const double> f_abi = f_ab.subspan(i * n, n);
    double first = 0.0;
    double total = 0.0;
    for (const std::size_t j : rows) {
      first += f_b[j] * (f_abi[j] - f_a[j]);
      const double d = f_a[j] - f_abi[j];
      total += d * d;
    }
    result.first_order.push_back(first / count / variance);
    result.total_order.push_back(total / count / (2.0 * variance));
  }
  return result;
}

IndexEstimate with_interval(double point, std::vector<double>& replicates, double confidence) {
  std::sort(replicates.begin(), replicates.end());
  const double tail = (1.0 - confidence) / 2.0;
  return {point, quantile_sorted(replicates, tail), quantile_sorted(replicates, 1.0 - tail)};
}

}  // namespace

SobolIndices sobol_indices(std::span<const double> f_a, std::span<const double> f_b,
                           std::span<const double> f_ab, const SobolOptions& options) {
  const std::size_t n = f_a.size();
  if (n < 2) throw StatisticsError("Sobol indices need at least two base samples");
  if (f_b.size() != n) throw StatisticsError("f(A) and f(B) differ in length");
  if (f_ab.empty() || f_ab.size() % n != 0) {
    throw StatisticsError("f(AB) is not a whole number of blocks of N outputs");
  }
  if (!(options.confidence > 0.0 && options.confidence < 1.0)) {
    throw StatisticsError("confidence level must lie in (0, 1)");
  }
  const std::size_t factors = f_ab.size() / n;

  std::vector<std::size_t> rows(n);
  for (std::size_t j = 0; j < n; ++j) rows[j] = j;
  SobolIndices result;
  result.base_samples = n;
  RunningMoments pooled;
  for (std::size_t j = 0; j < n; ++j) {
    pooled.add(f_a[j]);
    pooled.add(f_b[j]);
  }
  result.variance = pooled.variance();
  if (!(result.variance > 0.0)) throw StatisticsError("Sobol indices of a constant output");
  const PointEstimates point = estimate(f_a, f_b, f_ab, factors, rows);

  // Bootstrap over the N rows (each row keeps its A, B and AB_i outputs together). Indices come
  // from mt19937_64's raw output (53 bits scaled to [0, N)): the same on every platform.
  boost::random::mt19937_64 engine(options.seed);
  std::vector<std::vector<double>> first_replicates(factors);
  std::vector<std::vector<double>> total_replicates(factors);
  for (std::size_t b = 0; b < options.bootstrap_samples; ++b) {
    for (std::size_t j = 0; j < n; ++j) {
      const double u = static_cast<double>(engine() >> 11) * 0x1.0p-53;
      rows[j] = std::min(n - 1, static_cast<std::size_t>(u * static_cast<double>(n)));
    }
    const PointEstimates resampled = estimate(f_a, f_b, f_ab, factors, rows);
    for (std::size_t i = 0; i < factors; ++i) {
      // A resample with constant output has no indices; it is left out of the interval.
      if (std::isfinite(resampled.first_order[i]) && std::isfinite(resampled.total_order[i])) {
        first_replicates[i].push_back(resampled.first_order[i]);
        total_replicates[i].push_back(resampled.total_order[i]);
      }
    }
  }
  for (std::size_t i = 0; i < factors; ++i) {
    if (first_replicates[i].empty()) {
      result.first_order.push_back(
          {point.first_order[i], point.first_order[i], point.first_order[i]});
      result.total_order.push_back(
          {point.total_order[i], point.total_order[i], point.total_order[i]});
      continue;
    }
    result.first_order.push_back(
        with_interval(point.first_order[i], first_replicates[i], options.confidence));
    result.total_order.push_back(
        with_interval(point.total_order[i], total_replicates[i], options.confidence));
  }
  return result;
}

SobolIndices sobol_indices_replicated(std::span<const double> f_a, std::span<const double> f_b,
                                      std::span<const double> f_ab, int replicates,
                                      const SobolOptions& options) {
  if (replicates < 1) throw StatisticsError("replicates per design point must be at least 1");
  const auto r = static_cast<std::size_t>(replicates);
  if (f_a.size() % r != 0 || f_b.size() != f_a.size() || f_ab.size() % r != 0) {
    throw StatisticsError("outputs are not whole groups of replicates per design point");
  }
  // Per-point means, and the within-point variance pooled over the A and B points.
  RunningMoments within_point_variance;
  const auto point_means = [&](std::span<const double> runs, bool pool) {
    std::vector<double> means;
    means.reserve(runs.size() / r);
    for (std::size_t p = 0; p < runs.size() / r; ++p) {
      RunningMoments point;
      for (std::size_t k = 0; k < r; ++k) {
        point.add(runs[p * r + k]);
      }
      if (pool && r > 1) within_point_variance.add(point.variance());
      means.push_back(point.mean());
    }
    return means;
  };
  const std::vector<double> mean_a = point_means(f_a, true);
  const std::vector<double> mean_b = point_means(f_b, true);
  const std::vector<double> mean_ab = point_means(f_ab, false);
  SobolIndices result = sobol_indices(mean_a, mean_b, mean_ab, options);
  result.replicates = replicates;
  // W / (W + B), B the variance of the point means: not W over the variance of all single runs,
  // which under common random numbers sees only R distinct noise draws and can exceed 1.
  const double within = within_point_variance.mean();
  result.noise_variance_share =
      r > 1 && within + result.variance > 0.0 ? within / (within + result.variance) : 0.0;
  return result;
}

}  // namespace rampart::stats
