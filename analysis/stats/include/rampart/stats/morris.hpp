#pragma once
// Morris elementary-effects screening on a full factorial grid (Morris 1991; Campolongo et al.
// 2007 for mu*): every pair of grid points that differ in one factor by one level gives an
// elementary effect EE = (y(x + delta e_i) - y(x)) / delta, with delta measured on the factor's
// range scaled to [0, 1]. A full factorial holds every such pair, so the design "fits" Morris
// without the random trajectories of the original method.

#include <cstddef>
#include <span>
#include <vector>

namespace rampart::stats {

struct MorrisEffect {
  std::size_t effects = 0;  // elementary effects used
  double mu = 0.0;          // mean EE (signed)
  double mu_star = 0.0;     // mean |EE|: the importance ranking
  double sigma = 0.0;       // sd of EE: interactions or non-linearity
};

// levels: the ascending level values of each factor (factorial_levels()); level_index: points x
// factors row-major (full_factorial_indices order or any order); output: one value per point.
// Factors with a single level get effects = 0 and NaN statistics. Throws StatisticsError for
// inconsistent shapes or a level index out of range.
std::vector<MorrisEffect> morris_on_grid(std::span<const std::vector<double>> levels,
                                         std::span<const std::size_t> level_index,
                                         std::span<const double> output);

}  // namespace rampart::stats
