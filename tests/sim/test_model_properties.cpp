// Properties over many random parameter draws, and monotonicity of the desired shares.

#include <gtest/gtest.h>

#include <cmath>

#include "model_test_support.hpp"

namespace rampart::sim {
namespace {

using scenarios::Param;
using testing::default_scenario;
using testing::fixed_values;
using testing::RecordBuffer;
using testing::run_worlds;

// Every parameter drawn uniformly within its registry range (years rounded).
scenarios::ParameterValues random_parameters(std::uint64_t draw) {
  const RunRng rng(2024, draw);
  scenarios::ParameterValues p;
  const auto specs = scenarios::parameter_specs();
  for (std::size_t k = 0; k < scenarios::kNumParams; ++k) {
    const double u = rng.uniform(Stream::Parameters, 0, k);
    double x = specs[k].min_value + u * (specs[k].max_value - specs[k].min_value);
    if (specs[k].integral()) x = std::round(x);
    p.values[k] = x;
  }
  p[Param::UsPolicy] = static_cast<double>(draw % 3);  // every policy
  return p;
}

TEST(ModelProperties, RandomDrawsStayFiniteAndInRange) {
  const auto s = default_scenario(2050);
  const Model model(s, 2050);
  RecordBuffer buffer(model.shape());
  const auto shape = model.shape();
  for (std::uint64_t draw = 0; draw < 300; ++draw) {
    const auto p = random_parameters(draw);
    model.run(p, RunRng(17, draw), buffer.view());
    const auto view = buffer.view();
    for (const float x : buffer.state) ASSERT_TRUE(std::isfinite(x)) << "draw " << draw;
    for (const float x : buffer.world) ASSERT_TRUE(std::isfinite(x)) << "draw " << draw;
    for (int t = 0; t < shape.years; ++t) {
      for (int i = 0; i < shape.states; ++i) {
        for (const auto v : {StateVar::SpendingShare, StateVar::RelatedShare, StateVar::Commitment,
                             StateVar::SecurityWeight}) {
          ASSERT_GE(view.at(v, t, i), 0.0f) << "draw " << draw;
          ASSERT_LE(view.at(v, t, i), 1.0f) << "draw " << draw;
        }
        ASSERT_GT(view.at(StateVar::Gdp, t, i), 0.0f);
        ASSERT_GE(view.at(StateVar::Capability, t, i), 0.0f);
      }
      ASSERT_GE(view.at(WorldVar::UsPresence, t), 0.0f);
      ASSERT_LE(view.at(WorldVar::UsPresence, t), 1.0f);
      ASSERT_GE(view.at(WorldCode::WarState, t), 0);
      ASSERT_LE(view.at(WorldCode::WarState, t), 2);
    }
    ASSERT_LE(buffer.event_count, shape.max_events());
    for (std::size_t k = 0; k < kNumSummaryVars; ++k) {
      if (k == static_cast<std::size_t>(SummaryVar::FirstCrisisYear)) continue;
      if (k == static_cast<std::size_t>(SummaryVar::UsShareNatoSpendingEnd)) {
        // Not applicable (NaN) only when no ally spends anything in the final year.
        double nato_spending = 0.0;
        for (int i = 0; i < shape.states; ++i) {
          if (s.countries[static_cast<std::size_t>(i)].nato) {
            nato_spending += view.at(StateVar::Spending, shape.years - 1, i);
          }
        }
        ASSERT_EQ(std::isfinite(buffer.summary[k]), nato_spending > 0.0) << "draw " << draw;
        continue;
      }
      ASSERT_TRUE(std::isfinite(buffer.summary[k])) << "draw " << draw << " summary " << k;
    }
  }
}

scenarios::ParameterValues quiet_values(std::uint64_t draw) {
  auto p = fixed_values(default_scenario());
  const RunRng rng(31, draw);
  // A few levers varied so the comparisons are not about one point only.
  p[Param::ThreatSensitivity] = 0.01 + 0.2 * rng.uniform(Stream::Parameters, 0, 0);
  p[Param::UsTheatreShare] = 0.1 + 0.8 * rng.uniform(Stream::Parameters, 0, 1);
  p[Param::ComplianceScale] = 2.0 * rng.uniform(Stream::Parameters, 0, 2);
  p[Param::SpendingNoiseSd] = 0.0;
  p[Param::CommitmentNoiseSd] = 0.0;
  p[Param::GdpGrowthSd] = 0.0;
  p[Param::ProbeBase] = 0.0;
  return p;
}

std::vector<World> run_quiet(const scenarios::ParameterValues& p, int horizon) {
  static const auto s = default_scenario(2050);
  const Model model(s, horizon);
  RecordBuffer buffer(model.shape());
  return run_worlds(model, p, RunRng(8, 0), buffer);
}

TEST(ModelMonotonicity, StrongerRussiaDoesNotLowerDesiredShares) {
  for (std::uint64_t draw = 0; draw < 20; ++draw) {
    auto weak = quiet_values(draw);
    weak[Param::RussiaGdpGrowth] = 0.0;
    auto strong = weak;
    strong[Param::RussiaGdpGrowth] = 0.08;  // a larger Russian capability in 2025
    const auto a = run_quiet(weak, 2026);
    const auto b = run_quiet(strong, 2026);
    ASSERT_GT(b[1].russia_capability, a[1].russia_capability);
    for (int i = 0; i < a[2].states; ++i) {
      EXPECT_GE(b[2].desired_share[i], a[2].desired_share[i]) << "state " << i;
    }
  }
}

TEST(ModelMonotonicity, LessUsPresenceDoesNotLowerEuropeanDesiredShares) {
  const auto s = default_scenario();
  for (std::uint64_t draw = 0; draw < 20; ++draw) {
    auto committed = quiet_values(draw);
    committed[Param::UsDrawdownStart] = 2025;
    auto leaving = committed;
    leaving[Param::UsPolicy] = static_cast<double>(scenarios::UsPolicy::Disengaging);
    const auto a = run_quiet(committed, 2025);
    const auto b = run_quiet(leaving, 2025);
    ASSERT_LT(b[1].us_presence, 1.0);
    int raised = 0;
    for (int i = 0; i < a[1].states; ++i) {
      const auto& c = s.countries[static_cast<std::size_t>(i)];
      if (c.is_us() || c.iso3 == "CAN") continue;
      EXPECT_GE(b[1].desired_share[i], a[1].desired_share[i]) << c.iso3;
      if (b[1].desired_share[i] > a[1].desired_share[i]) ++raised;
    }
    EXPECT_GT(raised, 0);
  }
}

TEST(ModelMonotonicity, TransactionalUsRaisesLaggardsDesiredShares) {
  const auto s = default_scenario();
  for (std::uint64_t draw = 0; draw < 20; ++draw) {
    const auto committed = quiet_values(draw);
    auto transactional = committed;
    transactional[Param::UsPolicy] = static_cast<double>(scenarios::UsPolicy::Transactional);
    ASSERT_LE(committed[Param::UsLaggardProtection], committed[Param::UsCommitment]);
    const auto a = run_quiet(committed, 2025);
    const auto b = run_quiet(transactional, 2025);
    int laggards = 0;
    for (int i = 0; i < a[1].states; ++i) {
      const auto& c = s.countries[static_cast<std::size_t>(i)];
      if (!c.nato || c.is_us() || a[0].share[i] >= committed[Param::UsThreshold]) continue;
      ++laggards;
      EXPECT_GE(b[1].desired_share[i], a[1].desired_share[i]) << c.iso3;
    }
    EXPECT_EQ(laggards, 9);  // the 9 allies below 2 % in 2024
  }
}

}  // namespace
}  // namespace rampart::sim
