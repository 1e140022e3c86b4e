#include "rampart/stats/gini.hpp"

#include <algorithm>
#include <limits>
#include <vector>

#include "rampart/stats/errors.hpp"

namespace rampart::stats {

double gini(std::span<const double> values) {
  std::vector<double> sorted(values.begin(), values.end());
  if (std::any_of(sorted.begin(), sorted.end(), [](double x) { return !(x >= 0.0); })) {
    throw StatisticsError("Gini coefficient of a negative or NaN value");
  }
  std::sort(sorted.begin(), sorted.end());
  const double n = static_cast<double>(sorted.size());
  double total = 0.0;
  double weighted = 0.0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    total += sorted[i];
    weighted += (2.0 * static_cast<double>(i + 1) - n - 1.0) * sorted[i];
  }
  if (total == 0.0) return std::numeric_limits<double>::quiet_NaN();
  // All equal: exactly 0, without the rounding of the weighted sum.
  if (sorted.front() == sorted.back()) return 0.0;
  return weighted / (n * total);
}

}  // namespace rampart::stats
