// The findings of the model v1.1 review (issue "Model v2, part 1"), measured the same way on the
// v2 model: 2 000 paired runs with the library's default seed. docs/model.md ("What changed in
// version 2") quotes the printed numbers.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../sim/model_test_support.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "views_support.hpp"

namespace rampart::test {
namespace {

using scenarios::Country;
using scenarios::Param;
using scenarios::Scenario;
using sim::World;

constexpr double kUsdPerEur = 1.08;

void fix(Scenario& s, Param p, double value) {
  s.parameters[static_cast<std::size_t>(p)] = scenarios::Distribution::fixed(value);
}

// Calls f(worlds) for runs 0..runs-1 of a scenario.
template <typename F>
void for_runs(const Scenario& s, int runs, F&& f) {
  const sim::Model model(s, s.horizon);
  sim::testing::RecordBuffer buffer(model.shape());
  for (int r = 0; r < runs; ++r) {
    const sim::RunRng rng(kSeed, static_cast<std::uint64_t>(r));
    f(sim::testing::run_worlds(model, sim::sample_parameters(s, rng), rng, buffer));
  }
}

const World& year(const std::vector<World>& w, int y) {
  return w[static_cast<std::size_t>(y - scenarios::kFirstYear)];
}

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

// EU members' defence spending, EUR bn (constant 2024 prices).
double eu_spending_eur(const Scenario& s, const World& w) {
  double sum = 0.0;
  for (std::size_t i = 0; i < s.countries.size(); ++i) {
    if (s.countries[i].eu) sum += w.spending[i] / kUsdPerEur;
  }
  return sum;
}

// Finding 3: SAFE and the escape clause moved shares by -0.0005 points. Now each is a mechanism
// with its sourced size; removing both lowers EU members' 2027 spending materially.
TEST(ModelFindings, EuInstrumentsMoveEuSpending) {
  const Scenario base = library("baseline");
  Scenario without = base;
  fix(without, Param::SafeLoans, 0.0);
  fix(without, Param::EscapeClauseUse, 0.0);
  std::vector<double> rise;
  std::vector<double> effect;
  const sim::Model model(base, base.horizon);
  sim::testing::RecordBuffer buffer(model.shape());
  for (int r = 0; r < kRuns; ++r) {
    const sim::RunRng rng(kSeed, static_cast<std::uint64_t>(r));
    const auto a = sim::testing::run_worlds(model, sim::sample_parameters(base, rng), rng, buffer);
    const auto b =
        sim::testing::run_worlds(model, sim::sample_parameters(without, rng), rng, buffer);
    const double with_2027 = eu_spending_eur(base, year(a, 2027));
    rise.push_back(with_2027 - eu_spending_eur(base, year(a, 2024)));
    effect.push_back(with_2027 - eu_spending_eur(base, year(b, 2027)));
  }
  double mean = 0.0;
  for (double e : effect) mean += e / kRuns;
  double var = 0.0;
  for (double e : effect) var += (e - mean) * (e - mean) / (kRuns - 1);
  const double se = std::sqrt(var / kRuns);
  double rise_mean = 0.0;
  for (double x : rise) rise_mean += x / kRuns;
  std::printf(
      "[ finding  ] EU members' defence spending 2027 - 2024 (EUR bn, 2024 prices): mean "
      "%.1f, 90 %% interval [%.1f, %.1f] (briefing: +100 nominal)\n",
      rise_mean, quantile(rise, 0.05), quantile(rise, 0.95));
  std::printf("[ finding  ] of which SAFE and the escape clause (ablation): mean %.1f, SE %.2f\n",
              mean, se);
  EXPECT_GT(mean, 4.0 * se);
  // More than EUR 8 bn a year by 2027 (v1.1: next to nothing; v2.2: 9.9, the estimated fiscal
  // room and adjustment are slower than v2.1's assumptions).
  EXPECT_GT(mean, 8.0);
}

// Finding 8: symmetric noise took the 23 allies at 2 % in 2024 to 21.2 on average in 2025, while
// real allies bunch just above the line (10 of 31 in [2.00, 2.15) % in 2024). The guideline now
// holds as a floor once reached.
TEST(ModelFindings, AlliesBunchJustAboveTheGuideline) {
  const Scenario s = library("baseline");
  double at_two_2025 = 0.0;
  double bunched = 0.0;
  int samples = 0;
  for_runs(s, kRuns, [&](const std::vector<World>& w) {
    for (std::size_t i = 0; i < s.countries.size(); ++i) {
      if (!s.countries[i].nato) continue;
      if (year(w, 2025).share[i] >= 0.02) at_two_2025 += 1.0 / kRuns;
    }
    for (int y = 2025; y <= 2030; ++y) {
      for (std::size_t i = 0; i < s.countries.size(); ++i) {
        const double x = year(w, y).share[i];
        if (s.countries[i].nato && x >= 0.02 && x < 0.0215) bunched += 1.0;
      }
      ++samples;
    }
  });
  bunched /= samples;
  std::printf(
      "[ finding  ] baseline: allies at >= 2 %% in 2025: %.2f (2024: 23); allies in "
      "[2.00, 2.15) %% 2025-2030: %.2f on average (2024 data: 10)\n",
      at_two_2025, bunched);
  // Not all 23: in the record 6 of 62 ally-years at or above 2 % in 2014-2023 were below it the
  // next year (9.7 %); v2.2 estimates the floor-break rate from that record (21.5 in 2025, a 6 %
  // fall-through), so the test asks for no more than twice the record's rate. Bunching: v2.1 5.0,
  // v2.2 3.0 (the estimated war premium lifts the exposed allies away from the line).
  EXPECT_GE(at_two_2025, 23.0 * (1.0 - 2.0 * 6.0 / 62.0));
  EXPECT_GE(bunched, 2.5);
}

// Finding 5: hague_5pct stalled at 2.89 % for NATO Europe in 2035, fifteen allies clustered at
// 3.12-3.26 %, and the related 1.5 % was one number per target year that cost nothing.
TEST(ModelFindings, HagueTargetsSpreadAcrossAlliesAndRelatedSpendingCostsCore) {
  const Scenario hague = library("hague_5pct");
  std::vector<double> europe_core;
  std::vector<double> related_spread;
  double at_target = 0.0;
  for_runs(hague, kRuns, [&](const std::vector<World>& w) {
    const World& end = year(w, 2035);
    double spending = 0.0;
    double gdp = 0.0;
    std::vector<double> related;
    for (std::size_t i = 0; i < hague.countries.size(); ++i) {
      const Country& c = hague.countries[i];
      if (!c.nato || c.is_us() || c.iso3 == "CAN") continue;
      spending += end.spending[i];
      gdp += end.gdp[i];
      related.push_back(end.related_share[i]);
      if (end.share[i] >= 0.035) at_target += 1.0 / kRuns;
    }
    europe_core.push_back(100.0 * spending / gdp);
    std::sort(related.begin(), related.end());
    related_spread.push_back(100.0 *
                             (related[related.size() * 3 / 4] - related[related.size() / 4]));
  });
  double core_mean = 0.0;
  for (double x : europe_core) core_mean += x / kRuns;
  double spread_mean = 0.0;
  for (double x : related_spread) spread_mean += x / kRuns;
  std::printf(
      "[ finding  ] hague_5pct 2035: NATO-Europe core %.2f %% (90 %% interval %.2f-%.2f), "
      "allies at >= 3.5 %%: %.1f of 30, related share interquartile range %.2f points\n",
      core_mean, quantile(europe_core, 0.05), quantile(europe_core, 0.95), at_target, spread_mean);
  EXPECT_GT(spread_mean, 0.1);  // related spending differs between allies
  // Related spending competes with core for fiscal room: without the related target, core
  // spending is higher.
  Scenario core_only = hague;
  fix(core_only, Param::NatoRelatedTarget, 0.0);
  double difference = 0.0;
  const sim::Model a(hague, hague.horizon);
  const sim::Model b(core_only, core_only.horizon);
  sim::testing::RecordBuffer buffer(a.shape());
  for (int r = 0; r < 500; ++r) {
    const sim::RunRng rng(kSeed, static_cast<std::uint64_t>(r));
    const auto wa = sim::testing::run_worlds(a, sim::sample_parameters(hague, rng), rng, buffer);
    const auto wb =
        sim::testing::run_worlds(b, sim::sample_parameters(core_only, rng), rng, buffer);
    for (std::size_t i = 0; i < hague.countries.size(); ++i) {
      difference += year(wb, 2030).share[i] - year(wa, 2030).share[i];
    }
  }
  std::printf(
      "[ finding  ] hague_5pct: core share 2030 without the related target minus with it, "
      "summed over states: %.4f points of GDP a run\n",
      100.0 * difference / 500);
  EXPECT_GT(difference, 0.0);
}

// Finding 6: Europe's response to US disengagement was +0.12 points with beta = 0.5 and +1.99
// with beta = 0, and beta was one invented number. It is now drawn (0.25-0.75); the response is
// measured at both ends of that range, and its sign must not depend on where beta lies.
TEST(ModelFindings, DisengagementResponseAcrossThePrivateBenefitRange) {
  for (double beta : {0.25, 0.75}) {
    Scenario base = library("baseline");
    Scenario gone = library("us_disengagement");
    fix(base, Param::PrivateBenefit, beta);
    fix(gone, Param::PrivateBenefit, beta);
    const sim::Model a(base, base.horizon);
    const sim::Model b(gone, gone.horizon);
    sim::testing::RecordBuffer buffer(a.shape());
    std::vector<double> d;
    for (int r = 0; r < kRuns; ++r) {
      const sim::RunRng rng(kSeed, static_cast<std::uint64_t>(r));
      const auto wa = sim::testing::run_worlds(a, sim::sample_parameters(base, rng), rng, buffer);
      const auto wb = sim::testing::run_worlds(b, sim::sample_parameters(gone, rng), rng, buffer);
      double sa = 0.0, sb = 0.0, ga = 0.0, gb = 0.0;
      for (std::size_t i = 0; i < base.countries.size(); ++i) {
        const Country& c = base.countries[i];
        if (!c.nato || c.is_us() || c.iso3 == "CAN") continue;
        sa += year(wa, 2035).spending[i];
        ga += year(wa, 2035).gdp[i];
        sb += year(wb, 2035).spending[i];
        gb += year(wb, 2035).gdp[i];
      }
      d.push_back(100.0 * (sb / gb - sa / ga));
    }
    double mean = 0.0;
    for (double x : d) mean += x / kRuns;
    double var = 0.0;
    for (double x : d) var += (x - mean) * (x - mean) / (kRuns - 1);
    const double se = std::sqrt(var / kRuns);
    std::printf(
        "[ finding  ] us_disengagement - baseline at beta = %.2f: European allies' share "
        "2035 %+.3f points (SE %.4f)\n",
        beta, mean, se);
    EXPECT_GT(mean, 4.0 * se) << "beta " << beta;
  }
}

// Finding 9: 17 of 62 observed 2023-24 increases exceeded the fiscal-room cap of 0.4 points a
// year. The default room (1 point at full fiscal space) admits every observed rise per unit of
// fiscal space but the two largest (Poland 2023, Greece 2024).
TEST(ModelFindings, FiscalRoomAdmitsTheObservedIncreases) {
  std::ifstream panel(RAMPART_SOURCE_DIR "/scenarios/data/history/nato_panel_2014_2024.csv");
  ASSERT_TRUE(panel.good());
  std::map<std::string, std::vector<std::string>> rows;
  std::string line;
  std::getline(panel, line);
  while (std::getline(panel, line)) {
    std::stringstream fields(line);
    std::vector<std::string> cells;
    std::string cell;
    while (std::getline(fields, cell, ',')) cells.push_back(cell);
    rows[cells[0]] = cells;
  }
  const double room = scenarios::default_parameter_values()[Param::FiscalRoom];
  int increases = 0;
  int above = 0;
  for (const Country& c : countries().countries) {
    const auto it = rows.find(c.iso3);
    if (it == rows.end() || it->second.size() < 13) continue;
    for (int column : {11, 12}) {  // 2023 and 2024 (columns 2..12 are 2014..2024)
      const std::string& before = it->second[static_cast<std::size_t>(column - 1)];
      const std::string& after = it->second[static_cast<std::size_t>(column)];
      if (before.empty() || after.empty()) continue;
      const double rise = (std::stod(after) - std::stod(before)) / 100.0;
      if (rise <= 0.0) continue;
      ++increases;
      if (rise > room * c.fiscal_space + 1e-12) ++above;
    }
  }
  std::printf("[ finding  ] 2023-24 increases above the default fiscal room: %d of %d rises\n",
              above, increases);
  EXPECT_GE(increases, 40);
  EXPECT_LE(above, 2);
}

}  // namespace
}  // namespace rampart::test
