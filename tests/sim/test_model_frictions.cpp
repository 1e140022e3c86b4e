// Spending frictions of the full model: the noise is relative to the level, and a state at zero
// can restart under the industrial cap (model v1.1, docs/model.md section 8).

#include <gtest/gtest.h>

#include <cmath>

#include "common/country_index.hpp"
#include "model_test_support.hpp"

namespace rampart::sim {
namespace {

using scenarios::Param;
using testing::default_scenario;
using testing::fixed_values;
using testing::RecordBuffer;
using testing::run_worlds;

using rampart::testing::index_of;

// Everything quiet except the spending noise: the desired 2025 share is the 2024 share
// (calibration), so the 2025 share is the plan plus exactly the noise, which must scale with
// the share (the EU instruments off).
TEST(ModelFrictions, SpendingNoiseIsRelativeToTheShare) {
  auto s = default_scenario(2025);
  auto p = fixed_values(s);
  p[Param::CommitmentNoiseSd] = 0.0;
  p[Param::GdpGrowthSd] = 0.0;
  p[Param::SpendingNoiseSd] = 0.05;
  p[Param::SpendingNoiseDf] = 0.0;  // a normal surprise: exactly sd * share * z
  p[Param::FloorBreakRate] = 1.0;   // every surprise through a line takes the state below it
  p[Param::SafeLoans] = 0.0;
  p[Param::EscapeClauseUse] = 0.0;
  const Model model(s, 2025);
  RecordBuffer buffer(model.shape());
  const RunRng rng(12, 3);
  const auto worlds = run_worlds(model, p, rng, buffer);
  int checked = 0;
  for (int i = 0; i < worlds[1].states; ++i) {
    const double z = rng.normals4(Stream::StateShocks, 1, static_cast<std::uint64_t>(i))[1];
    if (worlds[0].share[i] == 0.0) continue;
    ++checked;
    EXPECT_NEAR(worlds[1].planned_share[i], worlds[0].share[i], 1e-15)
        << s.countries[static_cast<std::size_t>(i)].iso3;
    EXPECT_NEAR(worlds[1].share[i] - worlds[1].planned_share[i], 0.05 * worlds[0].share[i] * z,
                1e-15)
        << s.countries[static_cast<std::size_t>(i)].iso3;
  }
  EXPECT_GT(checked, 30);
  // Iceland draws noise too, but 5 % of nothing is nothing.
  const int iceland = index_of(s, "ISL");
  EXPECT_EQ(worlds[1].share[iceland], 0.0);
}

// With a common security weight Iceland (share 0 in 2024) wants to spend. The industrial cap
// lets it start from 0.1 % of GDP times (1 + max growth), then grow by that factor a year.
TEST(ModelFrictions, AStateAtZeroCanRestart) {
  auto s = default_scenario(2030);
  auto p = fixed_values(s);
  p[Param::SecurityWeight] = 0.05;
  p[Param::SpendingNoiseSd] = 0.0;
  p[Param::CommitmentNoiseSd] = 0.0;
  p[Param::GdpGrowthSd] = 0.0;
  p[Param::FiscalRoom] = 0.05;
  const Model model(s, 2030);
  RecordBuffer buffer(model.shape());
  const auto worlds = run_worlds(model, p, RunRng(1, 0), buffer);
  const int iceland = index_of(s, "ISL");
  ASSERT_GE(iceland, 0);
  ASSERT_EQ(worlds[0].share[iceland], 0.0);
  ASSERT_GT(worlds[1].desired_share[iceland], 0.002);
  const double cap = 1.0 + p[Param::MaxRealGrowth];
  EXPECT_NEAR(worlds[1].spending[iceland], 0.001 * worlds[1].gdp[iceland] * cap, 1e-12);
  EXPECT_NEAR(worlds[2].spending[iceland], worlds[1].spending[iceland] * cap, 1e-12);
  EXPECT_GT(worlds.back().share[iceland], worlds[2].share[iceland]);
}

// The guideline as a floor of the plan: allies at or above 2 % in 2024 that would want less
// (a lower common weight) plan to stay at 2 %; those below 2 % plan a fall.
TEST(ModelFrictions, AlliesThatReachedTheGuidelinePlanToHoldIt) {
  auto s = default_scenario(2025);
  auto p = fixed_values(s);
  p[Param::SecurityWeight] = 0.001;  // every state wants almost nothing for itself
  p[Param::ComplianceScale] = 0.2;
  p[Param::CommitmentNoiseSd] = 0.0;
  p[Param::GdpGrowthSd] = 0.0;
  p[Param::SafeLoans] = 0.0;
  p[Param::EscapeClauseUse] = 0.0;
  const Model model(s, 2025);
  RecordBuffer buffer(model.shape());
  const auto worlds = run_worlds(model, p, RunRng(12, 0), buffer);
  int held = 0, fell = 0;
  for (int i = 0; i < worlds[1].states; ++i) {
    const auto& c = s.countries[static_cast<std::size_t>(i)];
    const double before = worlds[0].share[i];
    if (!c.nato || c.compliance <= 0.0 || worlds[1].desired_share[i] >= before) continue;
    if (before >= 0.02) {
      EXPECT_GE(worlds[1].planned_share[i], 0.02) << c.iso3;
      ++held;
    } else if (before > 0.0) {
      EXPECT_LT(worlds[1].planned_share[i], before) << c.iso3;
      ++fell;
    }
  }
  EXPECT_GT(held, 10);
  EXPECT_GT(fell, 3);
}

}  // namespace
}  // namespace rampart::sim
