#pragma once
// The war in Ukraine: a three-state Markov chain driven by aid, and the donors' aid decision.

namespace rampart::agents {

enum class WarState : int { Active = 0, Ceasefire = 1, Frozen = 2 };

struct WarParams {
  double p_ceasefire = 0.15;
  double p_breakdown = 0.15;
  double p_freeze = 0.20;
  double aid_sensitivity = 1.0;
};

// Next war state from a uniform draw u in (0,1). x = min(1, A_{t-1} / A_2024) is the aid ratio:
// active -> ceasefire with p_c (1 + s (1 - x)); ceasefire -> active with p_b (1 + s (1 - x)),
// else -> frozen with p_freeze; frozen -> active with p_b / 2. Probabilities are capped at 1.
[[nodiscard]] WarState next_war_state(WarState current, double aid_ratio, double u,
                                      const WarParams& p);

// Desired aid share: a_2024 (1 + e_a max(0, perceived threat)) (1 in active war, 1/2 otherwise)
// plus the state's share of the replaced US aid gap.
[[nodiscard]] double desired_aid_share(double aid_share_2024, double threat_elasticity,
                                       double perceived_threat, WarState war,
                                       double substitution_share);

// a_t = min(1, a_{t-1} + speed (a* - a_{t-1})): never more than the donor's GDP.
[[nodiscard]] double next_aid_share(double previous, double desired, double speed);

}  // namespace rampart::agents
