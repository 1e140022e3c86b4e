#include "rampart/stats/proportion.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "rampart/stats/errors.hpp"

namespace rampart::stats {

double normal_critical_value(double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw StatisticsError("confidence level must lie in (0, 1)");
  }
  const boost::math::normal standard_normal;
  return boost::math::quantile(standard_normal, 0.5 + confidence / 2.0);
}

ProportionEstimate wilson_interval(std::size_t successes, std::size_t trials, double confidence) {
  if (trials == 0) throw StatisticsError("event probability of zero trials");
  if (successes > trials) throw StatisticsError("more successes than trials");
  const double z = normal_critical_value(confidence);
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
  const double half_width = z / (1.0 + z2 / n) * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  // At 0 of n and n of n the interval ends are exactly 0 and 1 in exact arithmetic; rounding
  // would leave them a few 1e-18 inside.
  const double lower = successes == 0 ? 0.0 : std::max(0.0, centre - half_width);
  const double upper = successes == trials ? 1.0 : std::min(1.0, centre + half_width);
  return {p, lower, upper};
}

}  // namespace rampart::stats
