#pragma once
// Descriptive statistics of a Monte Carlo sample: one-pass moments (Welford) and quantiles
// (Hyndman & Fan 1996 type 7, the default of R and NumPy).

#include <cstddef>
#include <span>
#include <vector>

namespace rampart::stats {

// Welford's running mean and sum of squared deviations: numerically stable in one pass, and two
// accumulators can be merged (Chan et al.) so runs can be summarised in parallel chunks.
class RunningMoments {
 public:
  // Inline: it is the inner loop of every scan, and callers overlap several accumulators' chains.
  void add(double x) {
    ++count_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(count_);
    sum_squared_deviations_ += delta * (x - mean_);
  }
  void merge(const RunningMoments& other);

  [[nodiscard]] std::size_t count() const { return count_; }
  // NaN when empty.
  [[nodiscard]] double mean() const;
  // Sample variance (n - 1 denominator); NaN for fewer than two values.
  [[nodiscard]] double variance() const;
  [[nodiscard]] double standard_deviation() const;
  // Monte Carlo standard error of the mean: sd / sqrt(n); NaN for fewer than two values.
  [[nodiscard]] double standard_error() const;

 private:
  std::size_t count_ = 0;
  double mean_ = 0.0;
  double sum_squared_deviations_ = 0.0;
};

struct Moments {
  std::size_t count = 0;
  double mean = 0.0;
  double standard_deviation = 0.0;
  double standard_error = 0.0;
};

// Mean, sample standard deviation and standard error of `values` in one pass.
Moments describe(std::span<const double> values);

// Type 7 quantile of an ascending sorted sample: h = (n - 1) p, Q = x[floor h] + (h - floor h)
// (x[floor h + 1] - x[floor h]). Throws StatisticsError for an empty sample or p outside [0, 1].
double quantile_sorted(std::span<const double> sorted, double p);

// Type 7 quantiles at each probability, from a sorted copy of `values`. Throws StatisticsError
// when `values` contains NaN.
std::vector<double> quantiles(std::span<const double> values,
                              std::span<const double> probabilities);

}  // namespace rampart::stats
