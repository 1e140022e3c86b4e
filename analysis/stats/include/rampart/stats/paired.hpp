#pragma once
// Paired comparison of two scenarios run with common random numbers: run k of A and run k of B
// share their random draws, so the difference is estimated from the per-run differences.

#include <cstddef>
#include <span>

namespace rampart::stats {

struct PairedComparison {
  std::size_t pairs = 0;
  double mean_difference = 0.0;  // mean(b - a)
  double standard_error = 0.0;   // sd(b - a) / sqrt(n)
  double lower = 0.0;            // normal CI: mean -+ z * standard_error
  double upper = 0.0;
  double unpaired_standard_error = 0.0;  // sqrt((var(a) + var(b)) / n), as if independent
  // var_unpaired / var_paired = (var(a) + var(b)) / var(b - a): how many times more runs the
  // same precision would need without pairing. > 1 when the runs are positively correlated.
  // NaN when the differences have zero variance.
  double variance_reduction = 0.0;
};

// Throws StatisticsError when the lengths differ or there are fewer than two pairs.
PairedComparison paired_difference(std::span<const double> a, std::span<const double> b,
                                   double confidence = 0.95);

}  // namespace rampart::stats
