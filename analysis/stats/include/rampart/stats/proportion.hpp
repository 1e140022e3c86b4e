#pragma once
// Event probabilities: the share of runs in which an event happened, with a Wilson (1927) score
// interval, which stays inside [0, 1] and keeps its coverage near 0 and 1 where the Wald
// interval fails.

#include <cstddef>

namespace rampart::stats {

struct ProportionEstimate {
  double estimate = 0.0;  // successes / trials
  double lower = 0.0;
  double upper = 0.0;
};

// Throws StatisticsError when trials == 0, successes > trials or confidence not in (0, 1).
ProportionEstimate wilson_interval(std::size_t successes, std::size_t trials,
                                   double confidence = 0.95);

// The two-sided standard normal critical value z with P(|Z| <= z) = confidence.
double normal_critical_value(double confidence);

}  // namespace rampart::stats
