#include "rampart/agents/commitment.hpp"

#include <algorithm>

namespace rampart::agents {

double burden_fairness(double allies_mean_share, double own_share) {
  return std::clamp((allies_mean_share - own_share) / std::max(own_share, 0.005), -1.0, 1.0);
}

double desired_commitment(const CommitmentDrivers& d, double populism, double perceived_threat,
                          double fairness_change) {
  return std::clamp(
      1.0 - d.politics * populism + d.threat * perceived_threat + d.fairness * fairness_change, 0.0,
      1.0);
}

double next_commitment(double previous, double desired, double adjustment, double shock) {
  return std::clamp(previous + adjustment * (desired - previous) + shock, 0.0, 1.0);
}

double populism_in(int year, double populism_2024, double drift) {
  return std::clamp(populism_2024 + drift * static_cast<double>(year - 2024), 0.0, 1.0);
}

}  // namespace rampart::agents
