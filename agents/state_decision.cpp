#include "rampart/agents/state_decision.hpp"

#include <algorithm>
#include <cmath>

namespace rampart::agents {

double security_weight(double omega, double threat_sensitivity, double perceived_threat) {
  if (omega <= 0.0) return 0.0;
  if (omega >= 1.0) return 1.0;
  const double factor = std::max(kMinThreatOddsFactor, 1.0 + threat_sensitivity * perceived_threat);
  if (factor == 1.0) return omega;  // no extra threat: exactly the calibrated weight
  const double odds = omega / (1.0 - omega) * factor;
  return odds / (1.0 + odds);
}

double reference_weight(double weight, double threat_sensitivity, double perceived_threat) {
  if (weight <= 0.0) return 0.0;
  if (weight >= 1.0) return 1.0;
  const double factor = std::max(kMinThreatOddsFactor, 1.0 + threat_sensitivity * perceived_threat);
  if (factor == 1.0) return weight;
  const double odds = weight / (1.0 - weight) / factor;
  return odds / (1.0 + odds);
}

double weight_of_preference(double preference) {
  return 1.0 / (1.0 + std::exp(-preference));
}

double best_response_share(double weight, const SecuritySituation& situation,
                           double private_benefit) {
  const double income = situation.income;
  if (income <= 0.0 || situation.efficiency <= 0.0 || situation.depreciation <= 0.0) return 0.0;
  if (weight <= 0.0) return 0.0;
  if (weight >= 1.0) return 1.0;
  const double a = situation.efficiency / situation.depreciation;
  const double q = std::max(0.0, situation.received);
  const double w = weight;
  const double beta = private_benefit;
  const double b = q * (1.0 - w + w * beta) - w * a * income;
  const double c = w * a * income * beta * q;
  const double root = std::sqrt(b * b + 4.0 * c);
  // The positive root of x^2 + b x - C; the second form avoids cancellation when b > 0.
  const double x = b > 0.0 ? 2.0 * c / (b + root) : 0.5 * (root - b);
  return std::clamp(x / (a * income), 0.0, 1.0);
}

double weight_for_best_response(double best_response, const SecuritySituation& situation,
                                double private_benefit) {
  const double income = situation.income;
  if (income <= 0.0 || situation.efficiency <= 0.0 || situation.depreciation <= 0.0) return 0.0;
  if (best_response >= 1.0) return 1.0;
  const double a = situation.efficiency / situation.depreciation;
  const double q = std::max(0.0, situation.received);
  const double beta = private_benefit;
  const double spending = best_response * income;
  const double x = a * spending;
  if (x <= 0.0) {
    // A zero best response: with a private benefit only w = 0 gives it; without, every
    // w <= Q / (Q + aY) does, and the largest keeps the state closest to contributing.
    if (beta > 0.0 || q <= 0.0) return 0.0;
    return q / (q + a * income);
  }
  // First-order condition (1-w)/(Y-D) = w a [(1-beta)/(x+Q) + beta/x], solved for w.
  const double marginal_security = a * ((1.0 - beta) / (x + q) + beta / x);
  return 1.0 / (1.0 + (income - spending) * marginal_security);
}

double core_norm(double year, double floor, double core_target, int target_year) {
  if (year <= 2025.0 || core_target <= floor) return floor;
  if (target_year <= 2025 || year >= static_cast<double>(target_year)) return core_target;
  const double progress = (year - 2025.0) / static_cast<double>(target_year - 2025);
  return floor + (core_target - floor) * progress;
}

double related_norm(double year, double related_target, int target_year) {
  if (year <= 2024.0) return 0.0;
  if (target_year <= 2024 || year >= static_cast<double>(target_year)) return related_target;
  return related_target * (year - 2024.0) / static_cast<double>(target_year - 2024);
}

double planning_lead(double speed) {
  if (speed <= 0.0) return 0.0;
  return std::max(0.0, (1.0 - speed) / speed);
}

double desired_share(double best_response, double compliance, double norm) {
  return best_response + compliance * std::max(0.0, norm - best_response);
}

Calibration calibrate(double share_2024, const SecuritySituation& situation, double private_benefit,
                      double compliance, double norm) {
  const auto weight_for = [&](double best_response) {
    return weight_for_best_response(best_response, situation, private_benefit);
  };
  if (norm <= 0.0 || share_2024 >= norm) return {weight_for(share_2024), compliance};
  // Below the norm: s = (1 - lambda) s_BR + lambda N.
  if (compliance < 1.0) {
    const double best_response = (share_2024 - compliance * norm) / (1.0 - compliance);
    if (best_response >= 0.0) return {weight_for(best_response), compliance};
  }
  // The norm alone over-explains the share, so compliance is what the spending reveals.
  if (private_benefit <= 0.0) {
    // Pure public good: the state free-rides fully (s_BR = 0).
    return {weight_for(0.0), share_2024 / norm};
  }
  // With a private benefit s_BR = 0 would need w = 0, leaving the state indifferent to threat;
  // instead half the share is its own interest and half the norm's pull (an assumption).
  const double best_response = 0.5 * share_2024;
  return {weight_for(best_response), (share_2024 - best_response) / (norm - best_response)};
}

}  // namespace rampart::agents
