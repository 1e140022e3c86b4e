// Expert views as tests (docs/scenarios.md, "What each view predicts and what the model gives").
// Each library scenario encodes a causal claim of the briefing. Each test runs 2 000 paired runs
// (run r of both scenarios uses RunRng(seed, r): common random numbers, the library's default
// seed) and requires the mean paired difference of an outcome to clear 4 standard errors in the
// direction the view predicts; ablations check that the effect comes through the mechanism the
// view names. Each test prints its effect so docs/scenarios.md can quote it.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <utility>
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

constexpr double kStandardErrors = 4.0;

// Copies a parameter's distribution from another scenario (an ablation back to its value there).
void take(Scenario& s, const Scenario& from, Param p) {
  s.parameters[static_cast<std::size_t>(p)] = from.parameters[static_cast<std::size_t>(p)];
}

using Outcome = std::function<double(const Scenario&, const std::vector<World>&)>;

struct Paired {
  double mean = 0.0;
  double standard_error = 0.0;
  [[nodiscard]] double z() const { return mean / standard_error; }
};

// Runs one scenario's run r and keeps every year's world.
std::vector<World> run_worlds(const Scenario& s, int r) {
  const sim::Model model(s, s.horizon);
  sim::testing::RecordBuffer buffer(model.shape());
  const sim::RunRng rng(kSeed, static_cast<std::uint64_t>(r));
  return sim::testing::run_worlds(model, sim::sample_parameters(s, rng), rng, buffer);
}

// Mean and standard error of outcome(b) - outcome(a) over kRuns paired runs.
Paired paired(const std::string& label, const Scenario& a, const Scenario& b,
              const Outcome& outcome, int runs = kRuns) {
  const sim::Model model_a(a, a.horizon);
  const sim::Model model_b(b, b.horizon);
  sim::testing::RecordBuffer buffer_a(model_a.shape());
  sim::testing::RecordBuffer buffer_b(model_b.shape());
  std::vector<double> d;
  d.reserve(static_cast<std::size_t>(runs));
  for (int r = 0; r < runs; ++r) {
    const sim::RunRng rng(kSeed, static_cast<std::uint64_t>(r));
    const auto wa =
        sim::testing::run_worlds(model_a, sim::sample_parameters(a, rng), rng, buffer_a);
    const auto wb =
        sim::testing::run_worlds(model_b, sim::sample_parameters(b, rng), rng, buffer_b);
    d.push_back(outcome(b, wb) - outcome(a, wa));
  }
  double sum = 0.0;
  for (double x : d) sum += x;
  const double mean = sum / runs;
  double squares = 0.0;
  for (double x : d) squares += (x - mean) * (x - mean);
  const Paired p{mean, std::sqrt(squares / (runs - 1) / runs)};
  std::printf(
      "[ view     ] %s: mean %.6g, standard error %.3g, 95%% interval [%.6g, %.6g] (%.1f SE)\n",
      label.c_str(), p.mean, p.standard_error, p.mean - 1.96 * p.standard_error,
      p.mean + 1.96 * p.standard_error, p.z());
  return p;
}

int index_of_year(const std::vector<World>& w, int year) {
  for (std::size_t t = 0; t < w.size(); ++t) {
    if (w[t].year == year) return static_cast<int>(t);
  }
  ADD_FAILURE() << "year " << year << " not simulated";
  return 0;
}

bool european_ally(const Country& c) {
  return c.nato && c.iso3 != "USA" && c.iso3 != "CAN";
}
bool european_state(const Country& c) {
  return c.iso3 != "USA" && c.iso3 != "CAN";
}
bool frontline(const Country& c) {
  return c.nato && c.frontline_tier == 1;
}
bool laggard(const Country& c) {
  return c.nato && !c.is_us() && c.defence_share_2024 < 0.02;
}

// GDP-weighted mean core share of a group in a year (percentage points of GDP).
Outcome weighted_share(int year, std::function<bool(const Country&)> in) {
  return [year, in](const Scenario& s, const std::vector<World>& w) {
    const World& y = w[static_cast<std::size_t>(index_of_year(w, year))];
    double spending = 0.0;
    double gdp = 0.0;
    for (std::size_t i = 0; i < s.countries.size(); ++i) {
      if (!in(s.countries[i])) continue;
      spending += y.spending[i];
      gdp += y.gdp[i];
    }
    return 100.0 * spending / gdp;
  };
}

// Mean over the states of a group and the years first..last of a per-state series.
Outcome group_mean(int first, int last, std::function<bool(const Country&)> in,
                   std::function<double(const World&, std::size_t)> series) {
  return [=](const Scenario& s, const std::vector<World>& w) {
    double sum = 0.0;
    int n = 0;
    for (int year = first; year <= last; ++year) {
      const World& y = w[static_cast<std::size_t>(index_of_year(w, year))];
      for (std::size_t i = 0; i < s.countries.size(); ++i) {
        if (!in(s.countries[i])) continue;
        sum += series(y, i);
        ++n;
      }
    }
    return sum / n;
  };
}

double deterrence(const World& w, std::size_t i) {
  return w.deterrence_ratio[i];
}
double commitment(const World& w, std::size_t i) {
  return w.commitment[i];
}

// Sum over a group of a per-state series in a year.
Outcome group_sum(int year, std::function<bool(const Country&)> in,
                  std::function<double(const World&, std::size_t)> series) {
  return [=](const Scenario& s, const std::vector<World>& w) {
    const World& y = w[static_cast<std::size_t>(index_of_year(w, year))];
    double sum = 0.0;
    for (std::size_t i = 0; i < s.countries.size(); ++i) {
      if (in(s.countries[i])) sum += series(y, i);
    }
    return sum;
  };
}

double capability(const World& w, std::size_t i) {
  return w.capability[i];
}
double aid_usd(const World& w, std::size_t i) {
  return w.aid_share[i] * w.gdp[i];
}

// Probes that were not deterred (contained or failed), 2025 to the horizon.
double undeterred_probes(const Scenario&, const std::vector<World>& w) {
  int n = 0;
  for (std::size_t t = 1; t < w.size(); ++t) n += w[t].crisis_outcome >= 2 ? 1 : 0;
  return n;
}

// The 95 % Wilson score interval of a proportion of k events in n trials.
std::pair<double, double> wilson_interval(int k, int n) {
  const double z = 1.959963984540054;
  const double p = static_cast<double>(k) / n;
  const double d = 1.0 + z * z / n;
  const double centre = (p + z * z / (2.0 * n)) / d;
  const double half = z * std::sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n)) / d;
  return {centre - half, centre + half};
}

TEST(ExpertViews, TransactionalUsIsLessSecureForFrontlineAllies) {
  const auto r = paired("us_transactional - baseline: frontline deterrence ratio 2025-2035",
                        library("baseline"), library("us_transactional"),
                        group_mean(2025, 2035, frontline, deterrence));
  EXPECT_LT(r.mean, -kStandardErrors * r.standard_error);
}

TEST(ExpertViews, TransactionalUsIsLessSecureForLaggards) {
  const auto r = paired("us_transactional - baseline: laggards' deterrence ratio 2025-2035",
                        library("baseline"), library("us_transactional"),
                        group_mean(2025, 2035, laggard, deterrence));
  EXPECT_LT(r.mean, -kStandardErrors * r.standard_error);
}

// Swings of a spending share over four consecutive years: a zig-zag is two changes of more than
// 10 % in a row with opposite signs, a see-saw three; a window needs positive first three shares.
struct Swings {
  int windows = 0;
  int zigzags = 0;
  int seesaws = 0;
  void add(double a, double b, double c, double d) {
    if (a <= 0.0 || b <= 0.0 || c <= 0.0) return;
    const auto big = [](double x) { return std::abs(x) > 0.10; };
    ++windows;
    const double first = b / a - 1.0;
    const double second = c / b - 1.0;
    const double third = d / c - 1.0;
    const bool zigzag = big(second) && big(third) && second * third < 0.0;
    if (zigzag) ++zigzags;
    if (zigzag && big(first) && first * second < 0.0) ++seesaws;
  }
};

// The v1.1 see-saw: laggards went up through 2 % and straight back down, year after year
// (Belgium 1.87 -> 2.26 -> 1.92 -> 2.31 %). Pressure now reacts to the US's assessment (a trend)
// and an ally that reaches 2 % holds it. Counted over laggard-years: see-saws, zig-zags (a
// pressed laggard may overshoot once and settle at the line) and crossings of 2 % up and
// straight back down. The record's rates, counted the same way over every ally of the NATO panel
// 2014-2024, rest on few events (2 see-saws and 12 zig-zags in 248 windows), so the model's
// rates on 2 000 runs must lie inside their 95 % Wilson intervals: consistent with the record.
// (At 200 runs, v2.2 showed 0.92 % see-saws; 4 000 runs put the rate at 1.1 % with either
// normal sampler.)
TEST(ExpertViews, TransactionalPressureDoesNotMakeLaggardsSeeSaw) {
  const Scenario s = library("us_transactional");
  ASSERT_TRUE(s.history && s.history->loaded);
  Swings record;
  for (std::size_t i = 0; i < s.countries.size(); ++i) {
    if (!s.history->share_from_panel[i]) continue;
    const auto& share = s.history->share[i];
    for (std::size_t t = 3; t < share.size(); ++t) {
      if (std::isnan(share[t]) || std::isnan(share[t - 3])) continue;
      record.add(share[t - 3], share[t - 2], share[t - 1], share[t]);
    }
  }
  ASSERT_GT(record.windows, 200);
  Swings model;
  int reversals = 0;
  for (int r = 0; r < 2000; ++r) {
    const auto w = run_worlds(s, r);
    for (std::size_t i = 0; i < s.countries.size(); ++i) {
      if (!laggard(s.countries[i])) continue;
      for (std::size_t t = 3; t < w.size(); ++t) {
        const double b = w[t - 2].share[i];
        const double c = w[t - 1].share[i];
        const double d = w[t].share[i];
        model.add(w[t - 3].share[i], b, c, d);
        if (w[t - 3].share[i] > 0.0 && b > 0.0 && c > 0.0 && b < 0.02 && c >= 0.02 && d < 0.02) {
          ++reversals;
        }
      }
    }
  }
  const auto share = [](int k, int n) { return static_cast<double>(k) / n; };
  const auto [seesaw_low, seesaw_high] = wilson_interval(record.seesaws, record.windows);
  const auto [zigzag_low, zigzag_high] = wilson_interval(record.zigzags, record.windows);
  const double seesaw_share = share(model.seesaws, model.windows);
  const double zigzag_share = share(model.zigzags, model.windows);
  std::printf(
      "[ view     ] us_transactional laggards: see-saws %.2f %% of years (record %d of %d, 95 %% "
      "%.2f-%.2f %%), zig-zags %.2f %% (record %d, %.2f-%.2f %%), up through 2 %% and straight "
      "back %d of %d\n",
      100.0 * seesaw_share, record.seesaws, record.windows, 100.0 * seesaw_low, 100.0 * seesaw_high,
      100.0 * zigzag_share, record.zigzags, 100.0 * zigzag_low, 100.0 * zigzag_high, reversals,
      model.windows);
  EXPECT_GT(seesaw_share, seesaw_low);
  EXPECT_LT(seesaw_share, seesaw_high);
  EXPECT_GT(zigzag_share, zigzag_low);
  EXPECT_LT(zigzag_share, zigzag_high);
  EXPECT_LT(reversals, model.windows / 80);  // v3: 1.11 % of laggard-years
}

TEST(ExpertViews, DisengagementRaisesEuropeanSpending) {
  const auto r =
      paired("us_disengagement - baseline: European allies' share of GDP 2035 (pp)",
             library("baseline"), library("us_disengagement"), weighted_share(2035, european_ally));
  EXPECT_GT(r.mean, kStandardErrors * r.standard_error);
  // docs/scenarios.md: material, at least five hundredths of a point of GDP (v1.1: +0.12 at
  // beta = 0.5 only; v2.1: +0.16; v2.2, with the estimated preferences and a slower estimated
  // adjustment, +0.065).
  EXPECT_GT(r.mean, 0.05);
}

TEST(ExpertViews, EuropeanPillarSpendsAtLeastAsMuchAsPlainDisengagement) {
  const auto r = paired("european_pillar - us_disengagement: European allies' share 2035 (pp)",
                        library("us_disengagement"), library("european_pillar"),
                        weighted_share(2035, european_ally));
  EXPECT_GT(r.mean, kStandardErrors * r.standard_error);
}

TEST(ExpertViews, IndustrialRampBuildsCapabilityThroughTheIndustrialLevers) {
  const Scenario ramp = library("industrial_ramp");
  const Scenario base = library("baseline");
  Scenario ablated = ramp;  // the same targets, the baseline's industry
  for (Param p : {Param::AbsorptionGrowth, Param::UsPurchaseBridge, Param::UsPurchaseUntil,
                  Param::IndustrialProgrammes}) {
    take(ablated, base, p);
  }
  const auto total = paired("industrial_ramp - baseline: European capability 2035 (USD bn)", base,
                            ramp, group_sum(2035, european_state, capability));
  EXPECT_GT(total.mean, kStandardErrors * total.standard_error);
  const auto levers = paired("industrial_ramp - ablated levers: European capability 2035 (USD bn)",
                             ablated, ramp, group_sum(2035, european_state, capability));
  EXPECT_GT(levers.mean, kStandardErrors * levers.standard_error);
}

TEST(ExpertViews, FragmentedEuropeLowersSpendingAndCommitmentMaterially) {
  const auto spending =
      paired("fragmented_europe - baseline: European allies' share 2035 (pp)", library("baseline"),
             library("fragmented_europe"), weighted_share(2035, european_ally));
  EXPECT_LT(spending.mean, -kStandardErrors * spending.standard_error);
  EXPECT_LT(spending.mean, -0.1);  // material: a tenth of a point of GDP (v1.1: -0.017)
  const auto held =
      paired("fragmented_europe - baseline: European commitment 2035", library("baseline"),
             library("fragmented_europe"), group_mean(2035, 2035, european_state, commitment));
  EXPECT_LT(held.mean, -kStandardErrors * held.standard_error);
  // Two points of probability of answering an ally (v2.1: -0.04; v2.2: -0.022).
  EXPECT_LT(held.mean, -0.02);
}

TEST(ExpertViews, EuNatoIntegrationRaisesDeterrenceThroughCooperation) {
  const Scenario base = library("baseline");
  const Scenario integrated = library("eu_nato_integrated");
  const auto r = paired("eu_nato_integrated - baseline: frontline deterrence ratio 2035", base,
                        integrated, group_mean(2035, 2035, frontline, deterrence));
  EXPECT_GT(r.mean, kStandardErrors * r.standard_error);
  Scenario ablated = integrated;  // no change in EU-NATO cooperation
  take(ablated, base, Param::EuNatoInterop);
  const auto through = paired("eu_nato_integrated - ablated cooperation: frontline ratio 2035",
                              ablated, integrated, group_mean(2035, 2035, frontline, deterrence));
  EXPECT_GT(through.mean, kStandardErrors * through.standard_error);
  EXPECT_GT(through.mean, 0.5 * r.mean);  // cooperation carries most of the effect
}

TEST(ExpertViews, ResurgentRussiaRaisesSpendingAndRisk) {
  const auto spending =
      paired("russia_resurgent - baseline: European allies' share 2035 (pp)", library("baseline"),
             library("russia_resurgent"), weighted_share(2035, european_ally));
  EXPECT_GT(spending.mean, kStandardErrors * spending.standard_error);
  const auto risk = paired("russia_resurgent - baseline: probes not deterred 2025-2035",
                           library("baseline"), library("russia_resurgent"), undeterred_probes);
  EXPECT_GT(risk.mean, kStandardErrors * risk.standard_error);
}

TEST(ExpertViews, UsExitFromUkraineRaisesEuropeanAid) {
  const auto r = paired("ukraine_us_exit - baseline: European aid to Ukraine 2030 (USD bn)",
                        library("baseline"), library("ukraine_us_exit"),
                        group_sum(2030, european_state, aid_usd));
  EXPECT_GT(r.mean, kStandardErrors * r.standard_error);
}

}  // namespace
}  // namespace rampart::test
