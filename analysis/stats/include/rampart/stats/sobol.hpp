#pragma once
// Variance-based (Sobol) sensitivity indices from a Saltelli design: outputs at the rows A, B and
// AB_i (A with column i taken from B), N rows each, in the order of scenarios::saltelli_unit.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace rampart::stats {

struct SobolOptions {
  std::size_t bootstrap_samples = 1000;
  double confidence = 0.95;
  std::uint64_t seed = 20240101;  // the bootstrap resampling is a pure function of this seed
};

struct IndexEstimate {
  double estimate = 0.0;  // on all N rows
  double lower = 0.0;     // percentile bootstrap interval
  double upper = 0.0;
};

struct SobolIndices {
  std::size_t base_samples = 0;            // N
  double variance = 0.0;                   // V: sample variance of f(A) and f(B) pooled (2N values)
  std::vector<IndexEstimate> first_order;  // S_i, one per factor
  std::vector<IndexEstimate> total_order;  // S_Ti, one per factor
  // Replicated designs only: W / (W + B), W the mean within-point (replicate) variance over the
  // A and B points, B the variance of their point means: the share of a single run's variance
  // that is aleatory noise, not parameter effects; else 0.
  double noise_variance_share = 0.0;
  int replicates = 1;
};

// f_a, f_b: N outputs each; f_ab: factors x N, factor-major (f_ab[i * N + j] = f(AB_i) row j).
// First order S_i = mean(f(B) (f(AB_i) - f(A))) / V (Saltelli et al. 2010); total order
// S_Ti = mean((f(A) - f(AB_i))^2) / (2 V) (Jansen 1999). Throws StatisticsError on inconsistent
// lengths, N < 2, or zero output variance.
SobolIndices sobol_indices(std::span<const double> f_a, std::span<const double> f_b,
                           std::span<const double> f_ab, const SobolOptions& options = {});

// The same with `replicates` runs per design point, point-major (f_a[j * R + r]): replicates
// are averaged per point before the estimators, and the noise variance share is reported.
SobolIndices sobol_indices_replicated(std::span<const double> f_a, std::span<const double> f_b,
                                      std::span<const double> f_ab, int replicates,
                                      const SobolOptions& options = {});

}  // namespace rampart::stats
