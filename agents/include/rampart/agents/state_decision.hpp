#pragma once
// A state's spending decision: Olson-Zeckhauser best response, alliance norm pull, and the
// calibration that makes the first simulated year reproduce the 2024 data.

namespace rampart::agents {

// Weight on security: w = clamp(omega + theta * perceived_threat, 0, 0.99).
[[nodiscard]] double security_weight(double omega, double threat_sensitivity,
                                     double perceived_threat);

// Best response of utility (1-w) ln(Y - D) + w ln(eta D / delta + Q) in the spending share:
// s_BR = max(0, w - (1-w) delta Q / (eta Y)).
[[nodiscard]] double best_response_share(double weight, double security_received, double income,
                                         double depreciation, double efficiency);

// NATO core norm in `year`: the floor to 2025, then linear to the core target in the target year.
[[nodiscard]] double core_norm(int year, double floor, double core_target, int target_year);

// The related-spending (Hague 1.5 %) path: 0 in 2024, linear to the target in the target year.
[[nodiscard]] double related_norm(int year, double related_target, int target_year);

// s* = s_BR + lambda max(0, norm - s_BR).
[[nodiscard]] double desired_share(double best_response, double compliance, double norm);

struct Calibration {
  double omega = 0.0;       // the state's own security weight
  double compliance = 0.0;  // lambda, possibly lowered to the revealed s / norm
};

// Chooses omega (and, where needed, lambda) so that desired_share on the 2024 world equals
// share_2024. `relative_security` is c = delta Q / (eta Y); `norm` is 0 for a state outside NATO.
[[nodiscard]] Calibration calibrate(double share_2024, double relative_security, double compliance,
                                    double norm);

}  // namespace rampart::agents
