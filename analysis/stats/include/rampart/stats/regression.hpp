#pragma once
// Cheap global sensitivity rankings for Latin hypercube and factorial sweeps: standardised
// regression coefficients (SRC) and standardised rank regression coefficients (SRRC), with R^2
// telling how much of the output variance the linear (rank-linear) model explains (Saltelli et
// al. 2008, "Global Sensitivity Analysis: The Primer", ch. 1.2).

#include <cstddef>
#include <span>
#include <vector>

namespace rampart::stats {

struct RegressionRanking {
  std::vector<double> coefficients;  // one per input column: beta_i * sd(x_i) / sd(y)
  double r_squared = 0.0;
};

// inputs: rows x columns row-major; output: one value per row. Ordinary least squares with an
// intercept, solved by Householder QR (or Cholesky of the normal equations on standardised
// columns). Throws StatisticsError for inconsistent shapes, rows <= columns + 1, NaN, a constant
// input column or a constant output.
RegressionRanking standardized_regression(std::span<const double> inputs, std::size_t columns,
                                          std::span<const double> output);

// The same on the average ranks of every column and of the output.
RegressionRanking standardized_rank_regression(std::span<const double> inputs, std::size_t columns,
                                               std::span<const double> output);

}  // namespace rampart::stats
