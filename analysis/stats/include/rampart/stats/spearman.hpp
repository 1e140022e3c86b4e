#pragma once
// Spearman rank correlation (the Olson-Zeckhauser test: do larger economies spend a larger share?).

#include <cstddef>
#include <span>
#include <vector>

namespace rampart::stats {

// Ranks 1..n; tied values get the average of the ranks they span. Throws StatisticsError for NaN.
std::vector<double> average_ranks(std::span<const double> values);

struct RankCorrelation {
  std::size_t n = 0;
  double rho = 0.0;      // Pearson correlation of the average ranks; NaN if undefined
  double p_value = 0.0;  // two-sided; NaN if undefined
};

// Two-sided p-value of rho from t = rho sqrt((n - 2) / (1 - rho^2)) under Student's t with n - 2
// degrees of freedom (an approximation, good from n of about 10; exact permutation tables differ
// for very small n). 0 when |rho| = 1; NaN for n < 3 or NaN rho.
double spearman_p_value(double rho, std::size_t n);

// NaN rho and p-value when n < 3 or either variable is constant. Throws StatisticsError when the
// lengths differ.
RankCorrelation spearman(std::span<const double> x, std::span<const double> y);

}  // namespace rampart::stats
