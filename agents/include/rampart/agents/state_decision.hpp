#pragma once
// A state's spending decision: joint-product best response (alliance public good plus a private,
// country-specific benefit of own capability), alliance norm pull, and the calibration that makes
// the first simulated year reproduce the 2024 data.

namespace rampart::agents {

// Security weight from the calibrated weight omega and the perceived extra threat T, through the
// odds: w/(1-w) = omega/(1-omega) * max(0.2, 1 + theta T). Bounded in [0, 1] for any threat;
// omega >= 1 gives 1.
inline constexpr double kMinThreatOddsFactor = 0.2;
[[nodiscard]] double security_weight(double omega, double threat_sensitivity,
                                     double perceived_threat);

// The inverse: the weight omega at no extra threat that gives `weight` at `perceived_threat`.
[[nodiscard]] double reference_weight(double weight, double threat_sensitivity,
                                      double perceived_threat);

// A state's estimated preference is the logit of omega: omega = 1 / (1 + exp(-preference)).
[[nodiscard]] double weight_of_preference(double preference);

// What a state's spending buys and what its allies provide.
struct SecuritySituation {
  double received = 0.0;      // Q: allies' committed capability protecting the state
  double income = 0.0;        // Y
  double depreciation = 0.1;  // delta
  double efficiency = 1.0;    // eta: capability per unit of spending
};

// Best response of utility (1-w) ln(Y - D) + w [(1-beta) ln(x + Q) + beta ln x], x = eta D / delta
// (own capability at steady state), as a share of income. The first-order condition is the
// quadratic x^2 + b x - C = 0 with a = eta/delta, b = Q (1 - w + w beta) - w a Y, C = w a Y beta Q.
// beta = 0 gives the pure public good: s_BR = max(0, w - (1-w) delta Q / (eta Y)).
[[nodiscard]] double best_response_share(double weight, const SecuritySituation& situation,
                                         double private_benefit);

// The weight w at which best_response_share returns `best_response` (the first-order condition
// solved for w); for a zero best response, the largest such w (0 when beta > 0).
[[nodiscard]] double weight_for_best_response(double best_response,
                                              const SecuritySituation& situation,
                                              double private_benefit);

// NATO core norm in `year` (a fractional year for a planning horizon): the floor to 2025, then
// linear to the core target in the target year.
[[nodiscard]] double core_norm(double year, double floor, double core_target, int target_year);

// The related-spending (Hague 1.5 %) path: 0 in 2024, linear to the target in the target year.
[[nodiscard]] double related_norm(double year, double related_target, int target_year);

// How far ahead on a dated target's path a state that adjusts at `speed` aims: the mean lag of
// partial adjustment, (1 - speed) / speed years, so that it reaches the target when it is due
// instead of trailing the path by that lag.
[[nodiscard]] double planning_lead(double speed);

// s* = s_BR + lambda max(0, norm - s_BR).
[[nodiscard]] double desired_share(double best_response, double compliance, double norm);

struct Calibration {
  double omega = 0.0;       // the state's own security weight
  double compliance = 0.0;  // lambda, possibly lowered to what the 2024 share reveals
};

// Chooses omega (and, where needed, lambda) so that desired_share on the 2024 world equals
// share_2024. `norm` is 0 for a state outside NATO.
[[nodiscard]] Calibration calibrate(double share_2024, const SecuritySituation& situation,
                                    double private_benefit, double compliance, double norm);

}  // namespace rampart::agents
