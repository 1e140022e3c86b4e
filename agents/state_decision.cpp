#include "rampart/agents/state_decision.hpp"

#include <algorithm>

namespace rampart::agents {

double security_weight(double omega, double threat_sensitivity, double perceived_threat) {
  return std::clamp(omega + threat_sensitivity * perceived_threat, 0.0, 0.99);
}

double best_response_share(double weight, double security_received, double income,
                           double depreciation, double efficiency) {
  if (income <= 0.0 || efficiency <= 0.0) return 0.0;
  const double relative_security = depreciation * security_received / (efficiency * income);
  return std::max(0.0, weight - (1.0 - weight) * relative_security);
}

double core_norm(int year, double floor, double core_target, int target_year) {
  if (year <= 2025 || core_target <= floor) return floor;
  if (target_year <= 2025 || year >= target_year) return core_target;
  const double progress =
      static_cast<double>(year - 2025) / static_cast<double>(target_year - 2025);
  return floor + (core_target - floor) * progress;
}

double related_norm(int year, double related_target, int target_year) {
  if (year <= 2024) return 0.0;
  if (target_year <= 2024 || year >= target_year) return related_target;
  return related_target * static_cast<double>(year - 2024) /
         static_cast<double>(target_year - 2024);
}

double desired_share(double best_response, double compliance, double norm) {
  return best_response + compliance * std::max(0.0, norm - best_response);
}

Calibration calibrate(double share_2024, double relative_security, double compliance, double norm) {
  const double c = relative_security;
  const auto weight_for = [c](double best_response) { return (best_response + c) / (1.0 + c); };
  if (norm <= 0.0 || share_2024 >= norm) return {weight_for(share_2024), compliance};
  // Below the norm: s = (1 - lambda) s_BR + lambda N.
  if (compliance < 1.0) {
    const double best_response = (share_2024 - compliance * norm) / (1.0 - compliance);
    if (best_response >= 0.0) return {weight_for(best_response), compliance};
  }
  // The norm alone over-explains the share: the state free-rides fully (s_BR = 0) and its
  // compliance is what its spending reveals.
  return {weight_for(0.0), share_2024 / norm};
}

}  // namespace rampart::agents
