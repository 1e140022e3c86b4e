#include "rampart/stats/paired.hpp"

#include <cmath>
#include <limits>

#include "rampart/stats/descriptive.hpp"
#include "rampart/stats/errors.hpp"
#include "rampart/stats/proportion.hpp"

namespace rampart::stats {

PairedComparison paired_difference(std::span<const double> a, std::span<const double> b,
                                   double confidence) {
  if (a.size() != b.size()) throw StatisticsError("paired comparison of samples of unequal length");
  if (a.size() < 2) throw StatisticsError("paired comparison needs at least two pairs");
  const double z = normal_critical_value(confidence);
  RunningMoments moments_a;
  RunningMoments moments_b;
  RunningMoments differences;
  for (std::size_t k = 0; k < a.size(); ++k) {
    moments_a.add(a[k]);
    moments_b.add(b[k]);
    differences.add(b[k] - a[k]);
  }
  const double n = static_cast<double>(a.size());
  PairedComparison result;
  result.pairs = a.size();
  result.mean_difference = differences.mean();
  result.standard_error = differences.standard_error();
  result.lower = result.mean_difference - z * result.standard_error;
  result.upper = result.mean_difference + z * result.standard_error;
  const double unpaired_variance = moments_a.variance() + moments_b.variance();
  result.unpaired_standard_error = std::sqrt(unpaired_variance / n);
  const double paired_variance = differences.variance();
  result.variance_reduction = paired_variance > 0.0 ? unpaired_variance / paired_variance
                                                    : std::numeric_limits<double>::quiet_NaN();
  return result;
}

}  // namespace rampart::stats
