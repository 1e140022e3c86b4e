// Runs that start in the record: the start year's data, the recorded inputs to 2024 (the war,
// the US stance, accessions), determinism, and a counterfactual history that changes one
// recorded input through the mechanism it names.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

#include "common/country_index.hpp"
#include "library_fixture.hpp"
#include "rampart/scenarios/history.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/sim/model.hpp"
#include "rampart/sim/world.hpp"

namespace rampart::test {
namespace {

using scenarios::Param;

scenarios::Scenario load(std::string_view name) {
  return scenarios::load_scenario(library_file(name), countries());
}

using rampart::testing::index_of;

struct RunResult {
  std::vector<sim::World> worlds;
  std::vector<sim::Event> events;
  std::vector<float> shares;
};

RunResult run(const scenarios::Scenario& s, std::uint64_t index) {
  const sim::Model model(s, s.horizon);
  sim::RunRecordStorage record(model.shape());
  const sim::RunRng rng(s.seed.value_or(1), index);
  RunResult out;
  const std::function<void(const sim::World&)> keep = [&](const sim::World& w) {
    out.worlds.push_back(w);
  };
  const auto view = record.view();
  model.run(sim::sample_parameters(s, rng), rng, view, &keep);
  for (int k = 0; k < *view.event_count; ++k) out.events.push_back(view.events[k]);
  for (int t = 0; t < model.shape().years; ++t) {
    for (int i = 0; i < model.shape().states; ++i) {
      out.shares.push_back(view.at(sim::StateVar::SpendingShare, t, i));
    }
  }
  return out;
}

const sim::World& year(const RunResult& r, int y) {
  return r.worlds[static_cast<std::size_t>(y - r.worlds.front().year)];
}

TEST(HistoryRuns, StartFromTheRecordAndFollowItsInputs) {
  const auto s = load("history_2014");
  ASSERT_EQ(s.start_year, 2014);
  const RunResult r = run(s, 3);
  ASSERT_EQ(r.worlds.front().year, 2014);
  ASSERT_EQ(r.worlds.back().year, s.horizon);
  const auto& h = *s.history;
  const int pol = index_of(s, "POL");
  EXPECT_DOUBLE_EQ(r.worlds.front().share[pol], h.share[static_cast<std::size_t>(pol)][0]);
  // The war: frozen before the full-scale invasion, active 2022-2024.
  for (int y = 2015; y <= 2021; ++y) EXPECT_EQ(year(r, y).war_state, 2) << y;
  for (int y = 2022; y <= 2024; ++y) EXPECT_EQ(year(r, y).war_state, 0) << y;
  // No probe of an ally in the record; recorded accessions appear as events in their years.
  for (int y = 2015; y <= 2024; ++y) EXPECT_EQ(year(r, y).crisis_target, -1) << y;
  std::vector<std::pair<int, int>> accessions;
  for (const auto& e : r.events) {
    if (e.kind == static_cast<std::int8_t>(sim::EventKind::Accession)) {
      accessions.emplace_back(e.year, e.country);
    }
  }
  const std::vector<std::pair<int, int>> expected{{2017, index_of(s, "MNE")},
                                                  {2020, index_of(s, "MKD")},
                                                  {2023, index_of(s, "FIN")},
                                                  {2024, index_of(s, "SWE")}};
  EXPECT_EQ(accessions, expected);
  // GDP follows the record's path in recorded years, then the scenario's growth.
  const auto& c = s.countries[static_cast<std::size_t>(pol)];
  EXPECT_NEAR(year(r, 2024).gdp[pol], c.gdp_2024, 1e-9 * c.gdp_2024);
}

TEST(HistoryRuns, AreDeterministic) {
  const auto s = load("history_us_exit_2017");
  const RunResult a = run(s, 5);
  const RunResult b = run(s, 5);
  EXPECT_EQ(a.shares, b.shares);
  const RunResult c = run(s, 6);
  EXPECT_NE(a.shares, c.shares);
}

// The counterfactual changes the US stance only: in the recorded years its presence falls from
// 2017, which the record's run never does, and its effect on Europe comes from the protection
// the allies lose (Q): with the drawdown, European security received is lower in every paired
// run, and NATO Europe spends more by 2024 on average.
TEST(HistoryRuns, ACounterfactualUsExitActsThroughTheProtectionAlliesLose) {
  const auto history = load("history_2014");
  const auto exit = load("history_us_exit_2017");
  const int deu = index_of(history, "DEU");
  const int runs = 40;
  double difference = 0.0;
  for (int k = 0; k < runs; ++k) {
    const RunResult a = run(history, static_cast<std::uint64_t>(k));
    const RunResult b = run(exit, static_cast<std::uint64_t>(k));
    EXPECT_EQ(year(a, 2021).us_presence, 1.0);
    EXPECT_LT(year(b, 2021).us_presence, 0.2);
    EXPECT_EQ(year(a, 2014).share[deu], year(b, 2014).share[deu]);  // the same start
    EXPECT_LT(year(b, 2022).security_received[deu], year(a, 2022).security_received[deu]);
    double ea = 0.0, eb = 0.0, ga = 0.0, gb = 0.0;
    for (std::size_t i = 0; i < history.countries.size(); ++i) {
      const auto& c = history.countries[i];
      if (!c.nato || c.is_us() || c.iso3 == "CAN") continue;
      ea += year(a, 2024).share[i] * year(a, 2024).gdp[i];
      ga += year(a, 2024).gdp[i];
      eb += year(b, 2024).share[i] * year(b, 2024).gdp[i];
      gb += year(b, 2024).gdp[i];
    }
    difference += (eb / gb - ea / ga) / runs;
  }
  EXPECT_GT(difference, 0.0);
}

}  // namespace
}  // namespace rampart::test
