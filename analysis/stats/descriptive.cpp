#include "rampart/stats/descriptive.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "rampart/stats/errors.hpp"

namespace rampart::stats {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

void RunningMoments::merge(const RunningMoments& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  const double n_a = static_cast<double>(count_);
  const double n_b = static_cast<double>(other.count_);
  const double n = n_a + n_b;
  const double delta = other.mean_ - mean_;
  mean_ += delta * n_b / n;
  sum_squared_deviations_ += other.sum_squared_deviations_ + delta * delta * n_a * n_b / n;
  count_ += other.count_;
}

double RunningMoments::mean() const {
  return count_ == 0 ? kNaN : mean_;
}

double RunningMoments::variance() const {
  return count_ < 2 ? kNaN : sum_squared_deviations_ / static_cast<double>(count_ - 1);
}

double RunningMoments::standard_deviation() const {
  return std::sqrt(variance());
}

double RunningMoments::standard_error() const {
  return standard_deviation() / std::sqrt(static_cast<double>(count_));
}

Moments describe(std::span<const double> values) {
  RunningMoments moments;
  for (const double x : values) moments.add(x);
  return {moments.count(), moments.mean(), moments.standard_deviation(), moments.standard_error()};
}

double quantile_sorted(std::span<const double> sorted, double p) {
  if (sorted.empty()) throw StatisticsError("quantile of an empty sample");
  if (!(p >= 0.0 && p <= 1.0)) throw StatisticsError("quantile probability outside [0, 1]");
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const double lower = std::floor(h);
  const auto index = static_cast<std::size_t>(lower);
  if (index + 1 >= sorted.size()) return sorted[index];
  return sorted[index] + (h - lower) * (sorted[index + 1] - sorted[index]);
}

std::vector<double> quantiles(std::span<const double> values,
                              std::span<const double> probabilities) {
  std::vector<double> sorted(values.begin(), values.end());
  // NaN has no place in an order (and would break std::sort's contract).
  if (std::any_of(sorted.begin(), sorted.end(), [](double x) { return std::isnan(x); })) {
    throw StatisticsError("quantile of a sample containing NaN");
  }
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> result;
  result.reserve(probabilities.size());
  for (const double p : probabilities) result.push_back(quantile_sorted(sorted, p));
  return result;
}

}  // namespace rampart::stats
