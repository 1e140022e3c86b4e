// Known answers of the full model: the Olson-Zeckhauser/BBV Nash equilibrium, the 2024 data in
// year one, the calibration, and determinism.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <numeric>
#include <vector>

#include "model_test_support.hpp"

namespace rampart::sim {
namespace {

using scenarios::Param;
using testing::bbv_contributions;
using testing::default_scenario;
using testing::fixed_values;
using testing::RecordBuffer;
using testing::run_worlds;

void set(scenarios::Scenario& s, Param p, double v) {
  s.parameters[static_cast<std::size_t>(p)] = scenarios::Distribution::fixed(v);
}

// Runs the scenario to 2050 and compares each state's final spending with the BBV Nash
// contributions of the final GDPs.
void expect_bbv_nash_by_2050(const scenarios::Scenario& s, double w) {
  const Model model(s, 2050);
  RecordBuffer buffer(model.shape());
  const auto worlds = run_worlds(model, sample_parameters(s, RunRng(7, 0)), RunRng(7, 0), buffer);
  const World& end = worlds.back();
  ASSERT_EQ(end.year, 2050);
  std::vector<double> incomes;
  for (int i = 0; i < end.states; ++i) incomes.push_back(end.gdp[i]);
  const auto nash = bbv_contributions(incomes, w);
  const double total = std::accumulate(nash.begin(), nash.end(), 0.0);
  ASSERT_GT(total, 0.0);
  for (int i = 0; i < end.states; ++i) {
    const double expected = nash[static_cast<std::size_t>(i)];
    EXPECT_NEAR(end.spending[i], expected, 1e-9 * std::max(expected, total))
        << s.countries[static_cast<std::size_t>(i)].iso3;
  }
}

TEST(ModelKnownAnswer, PureAllianceConvergesToBbvNash) {
  auto s = default_scenario(2050);
  const double w = 0.03;
  testing::make_pure_public_good(s, w, 1.0);
  // All links 1: the four EU-only states join the alliance in this test world. (The only link
  // left out is Turkiye-Cyprus; neither contributes at the equilibrium, so it changes nothing.)
  for (auto& c : s.countries) c.nato = true;
  expect_bbv_nash_by_2050(s, w);
}

// The library's validation scenario as it is: its [countries] overrides make the four EU-only
// states NATO allies, so every state is linked to every other, with no patching here.
TEST(ModelKnownAnswer, LibraryOlsonZeckhauserScenarioReachesTheNash) {
  const auto table = scenarios::load_country_table(RAMPART_SOURCE_DIR "/scenarios");
  const auto s =
      scenarios::load_scenario(RAMPART_SOURCE_DIR "/scenarios/olson_zeckhauser.toml", table);
  for (const auto& c : s.countries) EXPECT_TRUE(c.nato) << c.iso3;
  EXPECT_EQ(s.distribution(Param::PrivateBenefit).value, 0.0);
  expect_bbv_nash_by_2050(s, s.distribution(Param::SecurityWeight).value);
}

TEST(ModelKnownAnswer, BbvReferenceMatchesTextbookExample) {
  const auto g = bbv_contributions({10, 6, 3, 1}, 0.5);
  EXPECT_NEAR(g[0], 14.0 / 3.0, 1e-12);
  EXPECT_NEAR(g[1], 2.0 / 3.0, 1e-12);
  EXPECT_EQ(g[2], 0.0);
  EXPECT_EQ(g[3], 0.0);
}

// No noise and no EU instruments (the escape clause and SAFE add spending from 2025 on purpose).
scenarios::Scenario quiet_scenario() {
  auto s = default_scenario(2035);
  set(s, Param::SpendingNoiseSd, 0.0);
  set(s, Param::CommitmentNoiseSd, 0.0);
  set(s, Param::GdpGrowthSd, 0.0);
  set(s, Param::SafeLoans, 0.0);
  set(s, Param::EscapeClauseUse, 0.0);
  return s;
}

TEST(ModelYearOne, RecordsTheData) {
  const auto s = default_scenario();
  const Model model(s, 2035);
  RecordBuffer buffer(model.shape());
  const auto worlds = run_worlds(model, fixed_values(s), RunRng(1, 0), buffer);
  const auto view = buffer.view();
  int allies = 0;
  int at_two = 0;
  for (int i = 0; i < model.shape().states; ++i) {
    const auto& c = s.countries[static_cast<std::size_t>(i)];
    EXPECT_EQ(view.at(StateVar::SpendingShare, 0, i), static_cast<float>(c.defence_share_2024))
        << c.iso3;
    EXPECT_EQ(view.at(StateVar::Gdp, 0, i), static_cast<float>(c.gdp_2024)) << c.iso3;
    EXPECT_EQ(worlds[0].share[i], c.defence_share_2024);
    if (c.nato) {
      ++allies;
      if (worlds[0].share[i] >= 0.02) ++at_two;
    }
  }
  EXPECT_EQ(allies, 32);
  EXPECT_EQ(at_two, 23);
}

TEST(ModelCalibration, DesiredShareIn2025EqualsThe2024Share) {
  for (const int policy : {0, 1, 2}) {
    for (const double beta : {0.0, 0.5, 1.0}) {
      auto s = quiet_scenario();
      set(s, Param::UsPolicy, policy);
      set(s, Param::PrivateBenefit, beta);
      set(s, Param::UsDrawdownStart, 2030);
      const Model model(s, 2026);
      RecordBuffer buffer(model.shape());
      const auto worlds = run_worlds(model, fixed_values(s), RunRng(3, 0), buffer);
      // A transactional or disengaging US protects conditionally from 2025: it changes the 2025
      // world on purpose.
      if (policy != 0) continue;
      for (int i = 0; i < worlds[1].states; ++i) {
        EXPECT_NEAR(worlds[1].desired_share[i], worlds[0].share[i], 1e-12)
            << s.countries[static_cast<std::size_t>(i)].iso3 << " policy " << policy << " beta "
            << beta;
        EXPECT_NEAR(worlds[1].share[i], worlds[0].share[i], 1e-12);
        EXPECT_LT(worlds[1].security_weight[i], 1.0);
      }
    }
  }
}

TEST(ModelCalibration, CommonSecurityWeightIsUsedAsGiven) {
  auto s = quiet_scenario();
  set(s, Param::SecurityWeight, 0.05);
  set(s, Param::ThreatSensitivity, 0.0);
  const Model model(s, 2025);
  RecordBuffer buffer(model.shape());
  const auto worlds = run_worlds(model, fixed_values(s), RunRng(3, 0), buffer);
  for (int i = 0; i < worlds[1].states; ++i) EXPECT_EQ(worlds[1].security_weight[i], 0.05);
}

TEST(ModelDeterminism, SameInputsGiveIdenticalBytes) {
  auto s = default_scenario(2050);
  set(s, Param::ProbeBase, 0.3);  // exercise the crisis streams too
  const Model model(s, 2050);
  RecordBuffer a(model.shape());
  RecordBuffer b(model.shape());
  RecordBuffer c(model.shape());
  const auto p = fixed_values(s);
  model.run(p, RunRng(11, 5), a.view());
  model.run(p, RunRng(11, 5), b.view());
  model.run(p, RunRng(11, 6), c.view());
  const auto bytes_equal = [](const auto& x, const auto& y) {
    return x.size() == y.size() && std::memcmp(x.data(), y.data(), x.size() * sizeof(x[0])) == 0;
  };
  EXPECT_TRUE(bytes_equal(a.state, b.state));
  EXPECT_TRUE(bytes_equal(a.world, b.world));
  EXPECT_TRUE(bytes_equal(a.codes, b.codes));
  EXPECT_TRUE(bytes_equal(a.summary, b.summary));
  ASSERT_EQ(a.event_count, b.event_count);
  EXPECT_TRUE(std::memcmp(a.events.data(), b.events.data(),
                          static_cast<std::size_t>(a.event_count) * sizeof(Event)) == 0);
  EXPECT_FALSE(bytes_equal(a.state, c.state));  // another run index draws other shocks
}

TEST(ModelSampling, FixedParametersPassThroughAndDrawsStayInRange) {
  auto s = default_scenario();
  const auto p = sample_parameters(s, RunRng(1, 0));
  EXPECT_EQ(p.values, fixed_values(s).values);
  scenarios::Distribution u;
  u.kind = scenarios::Distribution::Kind::Uniform;
  u.low = 2030.0;
  u.high = 2040.0;
  s.parameters[static_cast<std::size_t>(Param::NatoTargetYear)] = u;
  for (std::uint64_t run = 0; run < 50; ++run) {
    const auto q = sample_parameters(s, RunRng(1, run));
    const double year = q[Param::NatoTargetYear];
    EXPECT_EQ(year, std::round(year));
    EXPECT_GE(year, 2030.0);
    EXPECT_LE(year, 2040.0);
    // The same run index draws the same quantile.
    EXPECT_EQ(year, sample_parameters(s, RunRng(1, run))[Param::NatoTargetYear]);
  }
}

TEST(ModelInput, RejectsHorizonOutsideRange) {
  const auto s = default_scenario();
  EXPECT_THROW(Model(s, 2024), std::invalid_argument);
  EXPECT_THROW(Model(s, 2051), std::invalid_argument);
}

}  // namespace
}  // namespace rampart::sim
