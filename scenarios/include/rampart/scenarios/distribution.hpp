#pragma once
// An uncertain parameter's distribution, sampled by inverse transform from one uniform draw so
// that common random numbers pair runs across scenarios and design points.

#include <vector>

namespace rampart::scenarios {

struct Distribution {
  enum class Kind { Fixed, Uniform, Normal, Triangular, Beta, Discrete };

  Kind kind = Kind::Fixed;
  double value = 0.0;              // fixed
  double low = 0.0, high = 0.0;    // uniform, triangular, beta support; normal truncation
  double mean = 0.0, sd = 0.0;     // normal (truncated to [low, high])
  double mode = 0.0;               // triangular
  double alpha = 0.0, beta = 0.0;  // beta, scaled to [low, high]
  std::vector<double> values;      // discrete: the choices (category codes for categorical)
  std::vector<double> weights;     // discrete: weights, normalised to sum 1

  static Distribution fixed(double v) {
    Distribution d;
    d.value = v;
    return d;
  }
  [[nodiscard]] bool is_fixed() const { return kind == Kind::Fixed; }
  // Inverse CDF at u in (0,1). Deterministic, allocation-free.
  [[nodiscard]] double quantile(double u) const;
  // Smallest and largest value the distribution can produce (for range validation).
  [[nodiscard]] double support_min() const;
  [[nodiscard]] double support_max() const;

  friend bool operator==(const Distribution&, const Distribution&) = default;
};

}  // namespace rampart::scenarios
