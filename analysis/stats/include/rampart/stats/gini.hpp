#pragma once
// Gini coefficient of the defence burden across states.

#include <span>

namespace rampart::stats {

// G = mean |x_i - x_j| over all n^2 ordered pairs / (2 mean), computed in O(n log n) from the
// sorted values: G = sum_i (2i - n - 1) x_(i) / (n sum x), i = 1..n. 0 when all values are
// equal; NaN for an empty sample or all zeros. Throws StatisticsError for a negative value.
double gini(std::span<const double> values);

}  // namespace rampart::stats
