#pragma once
// The floor of a run's cost (DESIGN.md section 7: the model should be within 2x of it): the
// random draws a baseline run makes and the arithmetic it cannot avoid, with nothing else.
//
// Per run: the parameter draws (sample_parameters) and one escape-clause uniform per state.
// Per year: the probe and war uniforms and the three n x n matrix-vector products of the model
// (allied security, allies' GDP and allies' spending). Per state and year: the one Philox block
// of shocks (normals4), a best response (one square root and one division), the share, GDP,
// spending, capability and commitment updates, and the ten recorded series written as float.
// No clamps, no policy branches, no events, no summary: the model's equations minus its logic.

#include <array>
#include <cmath>
#include <cstdint>

#include "rampart/scenarios/parameters.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/sim/model.hpp"
#include "rampart/sim/rng.hpp"
#include "rampart/sim/run_record.hpp"
#include "rampart/sim/world.hpp"

namespace rampart::bench {

namespace detail {
// The model's dot product: four partial sums in a fixed order.
inline double dot4(const sim::StateArray& a, const sim::StateArray& b, int n) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  int j = 0;
  for (; j + 4 <= n; j += 4) {
    s0 += a[j] * b[j];
    s1 += a[j + 1] * b[j + 1];
    s2 += a[j + 2] * b[j + 2];
    s3 += a[j + 3] * b[j + 3];
  }
  for (; j < n; ++j) s0 += a[j] * b[j];
  return (s0 + s1) + (s2 + s3);
}
}  // namespace detail

// Links are fixed per scenario here (the model derives them from sampled strengths per run).
struct FloorConstants {
  int n = 0;
  std::array<sim::StateArray, sim::kMaxStates> link{};
  std::array<sim::StateArray, sim::kMaxStates> ally_mask{};
  sim::StateArray gdp{}, share{};

  explicit FloorConstants(const scenarios::Scenario& s) : n(static_cast<int>(s.countries.size())) {
    for (int i = 0; i < n; ++i) {
      const auto& c = s.countries[static_cast<std::size_t>(i)];
      gdp[i] = c.gdp_2024;
      share[i] = c.defence_share_2024;
      for (int j = 0; j < n; ++j) {
        const auto& o = s.countries[static_cast<std::size_t>(j)];
        const bool allied = i != j && ((c.nato && o.nato) || (c.eu && o.eu));
        link[i][j] = allied ? 0.9 : 0.0;
        ally_mask[i][j] = allied ? 1.0 : 0.0;
      }
    }
  }
};

// One run of the floor kernel; writes the ten state series of `out` and returns a checksum so
// that nothing is optimised away.
inline double floor_run(const scenarios::Scenario& scenario, const FloorConstants& fc,
                        const sim::RunRng& rng, scenarios::ParameterValues& params,
                        const sim::RunRecordView& out) {
  using scenarios::Param;
  using sim::StateVar;
  using sim::Stream;
  params = sim::sample_parameters(scenario, rng);
  const int n = fc.n;
  double checksum = 0.0;
  for (int i = 0; i < n; ++i)
    checksum += rng.uniform(Stream::RelatedCompliance, 0, static_cast<std::uint64_t>(i));
  sim::StateArray gdp = fc.gdp, share = fc.share, spending{}, capability{}, commitment{};
  sim::StateArray committed{}, received{};
  const double delta = params[Param::Depreciation];
  const double speed = params[Param::AdjustmentSpeed];
  const double growth = params[Param::GdpGrowth];
  const double growth_sd = params[Param::GdpGrowthSd];
  const double spending_sd = params[Param::SpendingNoiseSd];
  const double commitment_sd = params[Param::CommitmentNoiseSd];
  const double weight = params[Param::PrivateBenefit];
  for (int i = 0; i < n; ++i) {
    spending[i] = share[i] * gdp[i];
    capability[i] = spending[i] / delta;
    commitment[i] = 0.8;
  }
  for (int t = 1; t < out.shape.years; ++t) {
    const auto y = static_cast<std::uint64_t>(t);
    checksum += rng.uniform(Stream::Probe, y, 0) + rng.uniform(Stream::UkraineWar, y, 0);
    for (int j = 0; j < n; ++j) committed[j] = commitment[j] * capability[j];
    for (int i = 0; i < n; ++i) {
      received[i] = detail::dot4(fc.link[i], committed, n);
      const double allies_gdp = detail::dot4(fc.ally_mask[i], gdp, n);
      const double allies_spending = detail::dot4(fc.ally_mask[i], spending, n);
      received[i] += allies_gdp > 0.0 ? allies_spending / allies_gdp : 0.0;
    }
    for (int i = 0; i < n; ++i) {
      const auto z = rng.normals4(Stream::StateShocks, y, static_cast<std::uint64_t>(i));
      const double a = 1.0 / delta;
      const double b = received[i] * (1.0 - weight) - weight * a * gdp[i];
      const double best = 0.5 * (std::sqrt(b * b + 4.0 * weight * received[i]) - b) / gdp[i];
      const double previous_spending = spending[i];
      gdp[i] *= 1.0 + growth + growth_sd * z[0];
      share[i] += speed * (best - share[i]) + spending_sd * share[i] * z[1];
      spending[i] = share[i] * gdp[i];
      capability[i] = (1.0 - delta) * capability[i] + spending[i];
      commitment[i] += 0.1 * (0.8 - commitment[i]) + commitment_sd * z[2];
      const auto put = [&](StateVar v, double x) { out.at(v, t, i) = static_cast<float>(x); };
      put(StateVar::Gdp, gdp[i]);
      put(StateVar::SpendingShare, share[i]);
      put(StateVar::RelatedShare, best);
      put(StateVar::Spending, spending[i]);
      put(StateVar::Capability, capability[i]);
      put(StateVar::AidShare, previous_spending);
      put(StateVar::Commitment, commitment[i]);
      put(StateVar::SecurityWeight, weight);
      put(StateVar::PerceivedThreat, z[3]);
      put(StateVar::DeterrenceRatio, received[i]);
    }
  }
  return checksum + gdp[0];
}

}  // namespace rampart::bench
