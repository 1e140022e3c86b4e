#pragma once
// The United States' policy towards Europe: presence, protection and aid to Ukraine.

#include "rampart/scenarios/parameters.hpp"

namespace rampart::agents {

struct UsPolicyParams {
  scenarios::UsPolicy policy = scenarios::UsPolicy::Committed;
  double commitment = 0.95;                // us.commitment
  double threshold = 0.02;                 // us.threshold
  double laggard_protection = 0.3;         // us.laggard_protection
  double transactional_credibility = 0.8;  // us.transactional_credibility
  double presence_floor = 0.1;             // us.presence_floor
  int drawdown_start = 2026;               // us.drawdown_start
  int drawdown_years = 5;                  // us.drawdown_years
  int aid_end_year = 2100;                 // us.ukraine_aid_end
};

// Presence in Europe relative to 2024: 1, except for a disengaging US, whose presence falls
// linearly from 1 in drawdown_start - 1 to the floor in drawdown_start + drawdown_years - 1.
[[nodiscard]] double us_presence(int year, const UsPolicyParams& p);

// Probability that the US answers a call from an ally the US assesses at `assessed_share` (its
// spending trend, not one year's figure): committed -> k_US; transactional and disengaging ->
// k_US * c_T for an ally at or above the threshold, k_US * c_T * p_lag below it (a disengaging US
// is at least as conditional as a transactional one and also loses presence). So, for every
// ally and year, committed >= transactional >= disengaging (times presence) by construction.
[[nodiscard]] double us_protection(double assessed_share, const UsPolicyParams& p);

// The US's assessment of an ally's effort: an exponentially weighted mean of its shares,
// m * previous assessment + (1 - m) * last year's share (us.assessment_memory m).
[[nodiscard]] double us_assessment(double previous_assessment, double last_share, double memory);

// Whether US military aid to Ukraine has ended by `year` (its end year, or the end of a
// disengaging US's drawdown).
[[nodiscard]] bool us_aid_ended(int year, const UsPolicyParams& p);

// Transactional pressure: the compliance and norm a laggard ally feels.
struct NormPull {
  double compliance = 0.0;
  double norm = 0.0;
};
// Applies to allies the US assesses below the threshold (the trend, so one year's noise does not
// switch it on and off).
[[nodiscard]] NormPull us_pressure(NormPull base, double assessed_share, double pressure,
                                   double pressure_target, const UsPolicyParams& p);

}  // namespace rampart::agents
