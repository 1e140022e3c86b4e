#pragma once
// Russia: a capability stock rebuilt from military spending, partly consumed by the war.

namespace rampart::agents {

// Share of new capability consumed by an active war: min(1, absorption (A_t / A_2024)^elasticity).
[[nodiscard]] double war_absorption(bool war_active, double absorption_2024, double aid_ratio,
                                    double aid_elasticity);

// R_t = (1 - delta_R) R_{t-1} + (1 - absorbed) D_R (war active ? 1 : rebuild multiplier).
[[nodiscard]] double next_russia_capability(double previous, double depreciation, double spending,
                                            double absorbed, bool war_active,
                                            double rebuild_multiplier);

// The 2024 stock in steady state: (1 - absorption) D_R / delta_R. The absorbed share is capped at
// 0.99 so that the threat index, relative to this stock, stays defined.
[[nodiscard]] double initial_russia_capability(double spending, double depreciation,
                                               double absorption_2024);

// Yearly probability of a probe against an ally: min(max, base (DR_2024 / DR_t)^elasticity
// (war active ? war factor : 1)).
struct ProbeParams {
  double base = 0.05;
  double war_factor = 0.3;
  double elasticity = 2.0;
  double max = 0.5;
};
[[nodiscard]] double probe_probability(double deterrence_2024, double deterrence_now,
                                       bool war_active, const ProbeParams& p);

}  // namespace rampart::agents
