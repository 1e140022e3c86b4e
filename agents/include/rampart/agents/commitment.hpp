#pragma once
// A state's commitment: the probability that it answers an ally's call.

namespace rampart::agents {

// Perceived unfairness of the burden: (allies' GDP-weighted mean share - own share) /
// max(own share, 0.005), clipped to [-1, 1]. Positive when allies carry more than i.
[[nodiscard]] double burden_fairness(double allies_mean_share, double own_share);

struct CommitmentDrivers {
  double politics = 0.0;  // state.commitment_politics (beta_P)
  double threat = 0.0;    // state.commitment_threat (beta_T)
  double fairness = 0.0;  // state.commitment_fairness (beta_F)
};

// k* = clamp(1 - beta_P populism + beta_T threat + beta_F (F - F_2024), 0, 1).
[[nodiscard]] double desired_commitment(const CommitmentDrivers& d, double populism,
                                        double perceived_threat, double fairness_change);

// k_t = clamp(k_{t-1} + gamma (k* - k_{t-1}) + shock, 0, 1).
[[nodiscard]] double next_commitment(double previous, double desired, double adjustment,
                                     double shock);

// Populist pressure drifts linearly from its 2024 level: clamp(p + drift (year - 2024), 0, 1).
[[nodiscard]] double populism_in(int year, double populism_2024, double drift);

}  // namespace rampart::agents
