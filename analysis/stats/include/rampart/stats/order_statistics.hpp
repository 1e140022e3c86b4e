#pragma once
// Type 7 quantiles of a large sample of floats by radix selection: the exact order statistics in
// two or three passes over the values, with no sort and no reordering.

#include <span>

namespace rampart::stats {

// The type 7 quantile at each of `probabilities` (each in [0, 1]) of a non-empty `sample` of
// floats without NaN, into `out` (same size): the double stats::quantile_sorted returns for the
// sample widened to double and sorted, since both interpolate between the same two order
// statistics. A zero order statistic is +0.0 (a sort may place -0.0 there). Throws
// StatisticsError for an empty sample, NaN in it, a probability outside [0, 1] or sizes that
// differ.
void float_quantiles(std::span<const float> sample, std::span<const double> probabilities,
                     std::span<double> out);

}  // namespace rampart::stats
