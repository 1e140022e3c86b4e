// Forecast scores against known answers: the CRPS estimator against the Normal's closed form and
// hand-computed small ensembles, interval coverage of a calibrated forecast, MAE, Spearman and
// the counts at 2 % on hand-computed panels, pooling over origins and the skill ratios.

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include "rampart/analysis/errors.hpp"
#include "rampart/analysis/forecast.hpp"
#include "rampart/analysis/forecast_scores.hpp"

namespace rampart::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The CRPS of Normal(mu, sigma) for the observation y (Gneiting and Raftery 2007).
double normal_crps(double mu, double sigma, double y) {
  const boost::math::normal_distribution<double> standard(0.0, 1.0);
  const double z = (y - mu) / sigma;
  return sigma * (z * (2.0 * boost::math::cdf(standard, z) - 1.0) +
                  2.0 * boost::math::pdf(standard, z) - 1.0 / std::sqrt(std::numbers::pi));
}

// An ensemble of `runs` members whose every (state, year) holds members[state][year - first].
ForecastEnsemble ensemble_of(const std::string& method, int origin, int years,
                             const std::vector<std::vector<std::vector<double>>>& members) {
  ForecastEnsemble e;
  e.method = method;
  e.origin = origin;
  e.first_year = origin + 1;
  e.years = years;
  e.runs = static_cast<int>(members[0][0].size());
  const auto states = members.size();
  e.samples.assign(static_cast<std::size_t>(e.runs) * years * states, 0.0F);
  for (std::size_t s = 0; s < states; ++s) {
    for (int y = 0; y < years; ++y) {
      for (int k = 0; k < e.runs; ++k) {
        e.samples[(static_cast<std::size_t>(k) * years + y) * states + s] =
            static_cast<float>(members[s][y][k]);
      }
    }
  }
  return e;
}

Panel panel_of(int first_year, int years, const std::vector<std::vector<double>>& rows) {
  Panel p;
  p.first_year = first_year;
  p.years = years;
  for (std::size_t s = 0; s < rows.size(); ++s) {
    p.iso3.push_back(std::string("S").append(std::to_string(s)));
    p.values.insert(p.values.end(), rows[s].begin(), rows[s].end());
  }
  return p;
}

TEST(ForecastCrps, PointEnsembleIsTheAbsoluteError) {
  EXPECT_DOUBLE_EQ(crps(std::vector<double>{0.03}, 0.05), 0.02);
  EXPECT_DOUBLE_EQ(crps(std::vector<double>{0.03, 0.03, 0.03}, 0.01), 0.02);
  EXPECT_DOUBLE_EQ(crps(std::vector<double>{0.04}, 0.04), 0.0);
}

TEST(ForecastCrps, SmallEnsemblesByHand) {
  // {0, 1}, y = 0: E|X - y| = 0.5, E|X - X'| = 0.5 (pairs 00, 01, 10, 11): 0.5 - 0.25.
  EXPECT_DOUBLE_EQ(crps(std::vector<double>{1.0, 0.0}, 0.0), 0.25);
  // {0, 1, 3}, y = 2: E|X - y| = (2 + 1 + 1) / 3; E|X - X'| = 2 (1 + 3 + 2) / 9 = 4/3.
  EXPECT_NEAR(crps(std::vector<double>{3.0, 0.0, 1.0}, 2.0), 4.0 / 3.0 - 2.0 / 3.0, 1e-15);
  EXPECT_THROW((void)crps(std::vector<double>{}, 1.0), AnalysisError);
}

TEST(ForecastCrps, QuantileGridMatchesTheNormalClosedForm) {
  const double mu = 0.02;
  const double sigma = 0.003;
  const auto grid = normal_quantile_grid(mu, sigma, 1000);
  for (const double z : {-3.0, -1.0, 0.0, 0.5, 1.7, 3.0}) {
    const double y = mu + z * sigma;
    // The 1000-member grid's empirical CDF is within 6e-6 sigma of the Normal's CRPS here (its
    // members end at z = 3.29, so far beyond that the error grows: 1.6e-4 sigma at z = 4).
    EXPECT_NEAR(crps(grid, y), normal_crps(mu, sigma, y), 1e-5 * sigma) << "z = " << z;
  }
  // Through the scorer (float members): one state, one year.
  const Panel panel = panel_of(2020, 2, {{mu, mu + sigma}});
  std::vector<std::vector<std::vector<double>>> members{{grid}};
  const auto scores = score_forecasts(panel, {ensemble_of("normal", 2020, 1, members)});
  ASSERT_EQ(scores.size(), 1U);
  EXPECT_NEAR(scores[0].crps, normal_crps(mu, sigma, mu + sigma), 1e-5 * sigma);
  EXPECT_NEAR(scores[0].mae, sigma, 1e-7);
}

TEST(ForecastScores, CalibratedForecastCoversAtNominalRates) {
  // 20 states, each forecast Normal(mu_s, sd_s) on a 1000-member grid, observed at the
  // (j + 0.5) / 20 quantile of its own forecast: a calibrated forecast whose PIT values are
  // uniform. 10 of them lie within the quartiles (0.275 .. 0.725), 18 within 0.05 .. 0.95.
  const int states = 20;
  const boost::math::normal_distribution<double> standard(0.0, 1.0);
  std::vector<std::vector<std::vector<double>>> members;
  std::vector<std::vector<double>> observed;
  double width50 = 0.0;
  double width90 = 0.0;
  for (int j = 0; j < states; ++j) {
    const double mu = 0.01 + 0.002 * j;
    const double sd = 0.001 + 0.0001 * (j % 5);
    members.push_back({normal_quantile_grid(mu, sd, 1000)});
    const double pit = (j + 0.5) / states;
    observed.push_back({kNaN, mu + sd * boost::math::quantile(standard, pit)});
    // Type 7 over the grid: the p quantile lies at member (m - 1) p, whose grid probability is
    // ((m - 1) p + 0.5) / m.
    width50 += 2.0 * sd * boost::math::quantile(standard, (999 * 0.75 + 0.5) / 1000) / states;
    width90 += 2.0 * sd * boost::math::quantile(standard, (999 * 0.95 + 0.5) / 1000) / states;
  }
  const Panel panel = panel_of(2019, 2, observed);
  const auto scores = score_forecasts(panel, {ensemble_of("calibrated", 2019, 1, members)});
  ASSERT_EQ(scores.size(), 1U);
  EXPECT_EQ(scores[0].n, states);
  EXPECT_DOUBLE_EQ(scores[0].coverage50, 0.5);
  EXPECT_DOUBLE_EQ(scores[0].coverage90, 0.9);
  EXPECT_NEAR(scores[0].width50, width50, 1e-4 * width50);
  EXPECT_NEAR(scores[0].width90, width90, 1e-4 * width90);
  // The same forecast made twice as sharp around the same medians covers less.
  std::vector<std::vector<std::vector<double>>> sharp;
  for (int j = 0; j < states; ++j) {
    sharp.push_back(
        {normal_quantile_grid(0.01 + 0.002 * j, 0.5 * (0.001 + 0.0001 * (j % 5)), 1000)});
  }
  const auto overconfident = score_forecasts(panel, {ensemble_of("sharp", 2019, 1, sharp)});
  EXPECT_LT(overconfident[0].coverage50, 0.4);
  EXPECT_LT(overconfident[0].coverage90, 0.8);
}

TEST(ForecastScores, MaeSpearmanAndCountsByHand) {
  // Four states, origin 2020, horizons 1 and 2; three members per state, median the middle one.
  //   medians 2021: 0.010 0.025 0.030 0.040, observed 0.015 0.018 0.035 0.050
  //   medians 2022: 0.010 0.025 0.030 0.040, observed 0.025 0.012 0.035 0.045
  const std::vector<std::vector<std::vector<double>>> members{
      {{0.005, 0.010, 0.030}, {0.005, 0.010, 0.030}},
      {{0.015, 0.025, 0.026}, {0.015, 0.025, 0.026}},
      {{0.010, 0.030, 0.031}, {0.010, 0.030, 0.031}},
      {{0.039, 0.040, 0.041}, {0.039, 0.040, 0.041}}};
  const Panel panel = panel_of(
      2020, 3,
      {{0.01, 0.015, 0.025}, {0.02, 0.018, 0.012}, {0.03, 0.035, 0.035}, {0.04, 0.050, 0.045}});
  const auto rows = score_forecasts(panel, {ensemble_of("model", 2020, 2, members)});
  ASSERT_EQ(rows.size(), 2U);
  const auto& h1 = rows[0];
  EXPECT_EQ(h1.method, "model");
  EXPECT_EQ(h1.origin, 2020);
  EXPECT_EQ(h1.horizon, 1);
  EXPECT_EQ(h1.n, 4);
  // |errors| 0.005, 0.007, 0.005, 0.010.
  EXPECT_NEAR(h1.mae, 0.027 / 4, 1e-8);
  EXPECT_NEAR(h1.spearman, 1.0, 1e-12);  // ranks 1 2 3 4 against 1 2 3 4
  // Observed at or above 2 %: 0.035, 0.050 -> 2; medians: 0.025, 0.030, 0.040 -> 3. Per run:
  // run 0 (0.005 0.015 0.010 0.039) 1, run 1 (0.010 0.025 0.030 0.040) 3, run 2 (0.030 0.026
  // 0.031 0.041) 4: type-7 5th and 95th percentiles of {1, 3, 4}: 1.2 and 3.9.
  EXPECT_EQ(h1.count_observed, 2.0);
  EXPECT_EQ(h1.count_median, 3.0);
  EXPECT_NEAR(h1.count_lower90, 1.2, 1e-12);
  EXPECT_NEAR(h1.count_upper90, 3.9, 1e-12);
  EXPECT_EQ(h1.count_inside90, 1.0);
  // Coverage: the 50 % interval (type 7: q25 = midpoint of members 0 and 1, q75 of 1 and 2):
  // state 0 [0.0075, 0.020] holds 0.015; state 1 [0.020, 0.0255] not 0.018; state 2 [0.020,
  // 0.0305] not 0.035; state 3 [0.0395, 0.0405] not 0.050.
  EXPECT_DOUBLE_EQ(h1.coverage50, 0.25);
  const auto& h2 = rows[1];
  EXPECT_EQ(h2.horizon, 2);
  // |errors| 0.015, 0.013, 0.005, 0.005; observed ranks 2 1 3 4: rho = 1 - 6 * 2 / 60 = 0.8.
  EXPECT_NEAR(h2.mae, 0.038 / 4, 1e-8);
  EXPECT_NEAR(h2.spearman, 0.8, 1e-12);
  EXPECT_EQ(h2.count_observed, 3.0);
  EXPECT_EQ(h2.count_inside90, 1.0);
}

TEST(ForecastScores, AMemberStoredFromExactlyTwoPercentCounts) {
  const Panel panel = panel_of(2020, 2, {{0.02, 0.02}, {0.02, 0.019}});
  const std::vector<std::vector<std::vector<double>>> members{{{0.02, 0.02}}, {{0.02, 0.02}}};
  const auto rows = score_forecasts(panel, {ensemble_of("model", 2020, 1, members)});
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].count_observed, 1.0);
  EXPECT_EQ(rows[0].count_median, 2.0);
  EXPECT_EQ(rows[0].count_lower90, 2.0);
  EXPECT_EQ(rows[0].count_inside90, 0.0);
}

TEST(ForecastScores, SkipsMissingObservationsAndYearsBeyondThePanel) {
  // Three states; 2022 of state 1 is missing; the forecast runs to 2023, past the panel.
  const Panel panel =
      panel_of(2020, 3, {{0.01, 0.01, 0.01}, {0.02, 0.02, kNaN}, {0.03, 0.03, 0.03}});
  std::vector<std::vector<std::vector<double>>> members(
      3, std::vector<std::vector<double>>(3, std::vector<double>{0.02}));
  const auto rows = score_forecasts(panel, {ensemble_of("flat", 2020, 3, members)});
  ASSERT_EQ(rows.size(), 2U);  // 2021 and 2022; nothing observed in 2023
  EXPECT_EQ(rows[0].n, 3);
  EXPECT_EQ(rows[1].n, 2);
  EXPECT_NEAR(rows[1].mae, 0.01, 1e-8);
  EXPECT_NEAR(rows[1].crps, 0.01, 1e-8);
  EXPECT_TRUE(std::isnan(rows[1].spearman));  // two states: undefined
}

TEST(ForecastScores, RefusesEnsemblesThatDoNotFit) {
  const Panel panel = panel_of(2020, 2, {{0.01, 0.01}, {0.02, 0.02}});
  const std::vector<std::vector<std::vector<double>>> two{{{0.01}}, {{0.02}}};
  const auto e = ensemble_of("m", 2020, 1, two);
  EXPECT_THROW((void)score_forecasts(panel, {e, e}), AnalysisError);
  const std::vector<std::vector<std::vector<double>>> three{{{0.01}}, {{0.02}}, {{0.03}}};
  EXPECT_THROW((void)score_forecasts(panel, {ensemble_of("m", 2020, 1, three)}), AnalysisError);
}

// Two origins of two methods: n = 3 from 2020 and n = 2 from 2021 (a missing value).
std::vector<ForecastScore> two_origin_scores() {
  const Panel panel =
      panel_of(2020, 3, {{0.010, 0.012, 0.020}, {0.030, 0.030, kNaN}, {0.020, 0.021, 0.022}});
  const auto flat = [](double a, double b, double c) {
    return std::vector<std::vector<std::vector<double>>>{{{a}}, {{b}}, {{c}}};
  };
  // Model errors: 2020 -> 2021: 0.002, 0.004, 0.001; 2021 -> 2022: 0.001, -, 0.003.
  // Persistence errors: 2021: 0.002, 0, 0.001; 2022: 0.008, -, 0.001.
  return score_forecasts(panel, {ensemble_of("model", 2020, 1, flat(0.010, 0.034, 0.022)),
                                 ensemble_of("model", 2021, 1, flat(0.019, 0.030, 0.025)),
                                 ensemble_of("persistence", 2020, 1, flat(0.010, 0.030, 0.020)),
                                 ensemble_of("persistence", 2021, 1, flat(0.012, 0.030, 0.021))});
}

TEST(ForecastScores, PoolingWeighsEveryObservationOnce) {
  const auto by_origin = two_origin_scores();
  ASSERT_EQ(by_origin.size(), 4U);
  const auto pooled = pool_forecast_scores(by_origin);
  ASSERT_EQ(pooled.size(), 2U);
  EXPECT_EQ(pooled[0].method, "model");
  EXPECT_EQ(pooled[0].origin, 0);
  EXPECT_EQ(pooled[0].origins, 2);
  EXPECT_EQ(pooled[0].horizon, 1);
  EXPECT_EQ(pooled[0].n, 5);
  EXPECT_NEAR(pooled[0].mae, (0.002 + 0.004 + 0.001 + 0.001 + 0.003) / 5, 1e-8);
  // Spearman at 2020: medians 0.010 0.034 0.022 vs observed 0.012 0.030 0.021: rho 1; at 2021
  // two states: undefined, so the mean is over one origin.
  EXPECT_NEAR(pooled[0].spearman, 1.0, 1e-12);
  EXPECT_EQ(pooled[1].method, "persistence");
  EXPECT_NEAR(pooled[1].mae, (0.002 + 0.0 + 0.001 + 0.008 + 0.001) / 5, 1e-8);
  EXPECT_TRUE(std::isnan(pooled[0].count_lower90));
}

TEST(ForecastScores, SkillRatiosOverSharedOrigins) {
  auto by_origin = two_origin_scores();
  auto skill = forecast_skill(by_origin, "model");
  ASSERT_EQ(skill.size(), 1U);
  EXPECT_EQ(skill[0].benchmark, "persistence");
  EXPECT_EQ(skill[0].horizon, 1);
  EXPECT_EQ(skill[0].origins, 2);
  // Members are floats: ratios agree to about 1e-7.
  EXPECT_NEAR(skill[0].mae_ratio, 0.011 / 0.012, 1e-6);
  EXPECT_NEAR(skill[0].crps_ratio, 0.011 / 0.012, 1e-6);  // point forecasts: CRPS = MAE
  // Without the benchmark's 2021 forecast only 2020 is compared.
  by_origin.pop_back();
  skill = forecast_skill(by_origin, "model");
  ASSERT_EQ(skill.size(), 1U);
  EXPECT_EQ(skill[0].origins, 1);
  EXPECT_NEAR(skill[0].mae_ratio, 0.007 / 0.003, 1e-6);
  EXPECT_THROW((void)forecast_skill(by_origin, "v1.1"), AnalysisError);
}

TEST(ForecastScores, Tables) {
  const auto by_origin = two_origin_scores();
  const auto pooled = pooled_forecast_table(pool_forecast_scores(by_origin));
  EXPECT_EQ(pooled.rows().size(), 2U);
  EXPECT_EQ(pooled.columns().front(), "method");
  EXPECT_EQ(pooled.columns().size(), 14U);
  const auto origins = origin_forecast_table(by_origin);
  EXPECT_EQ(origins.rows().size(), 4U);
  EXPECT_EQ(std::get<std::int64_t>(origins.rows()[1][1]), 2021);
  const auto skill = forecast_skill_table(forecast_skill(by_origin, "model"));
  EXPECT_EQ(skill.rows().size(), 1U);
  std::ostringstream json;
  origins.write(json, TableFormat::Json);
  // The undefined Spearman of 2021 is written as null.
  EXPECT_NE(json.str().find("\"spearman\": null"), std::string::npos) << json.str();
}

TEST(ForecastScores, StateForecastsAndTheirTable) {
  // Members that floats hold exactly where ties matter (2^-7, 2^-6, 2^-5).
  const double a = 0.0078125;
  const double b = 0.015625;
  const double c = 0.03125;
  const std::vector<std::vector<std::vector<double>>> members{
      {{a, b, c}}, {{0.01, 0.03, 0.04}}, {{0.01, 0.011, 0.012}}, {{0.02, 0.03, 0.04}}};
  const Panel panel = panel_of(2020, 2, {{0.01, b}, {0.01, 0.015}, {0.01, 0.05}, {0.01, kNaN}});
  const auto e = ensemble_of("model", 2020, 1, members);
  const auto states = state_forecasts(panel, e, 2021);
  ASSERT_EQ(states.size(), 4U);
  EXPECT_EQ(states[0].iso3, "S0");
  EXPECT_DOUBLE_EQ(states[0].median, b);
  EXPECT_DOUBLE_EQ(states[0].lower90, a + 0.1 * (b - a));  // type 7: h = 2 * 0.05
  EXPECT_DOUBLE_EQ(states[0].upper90, b + 0.9 * (c - b));
  EXPECT_DOUBLE_EQ(states[0].lower50, (a + b) / 2);
  EXPECT_DOUBLE_EQ(states[0].pit, 0.5);  // one below, one tied: (1 + 0.5) / 3
  EXPECT_NEAR(states[1].pit, 1.0 / 3.0, 1e-15);
  EXPECT_DOUBLE_EQ(states[2].pit, 1.0);  // the record above every member
  EXPECT_TRUE(std::isnan(states[3].observed));
  EXPECT_TRUE(std::isnan(states[3].pit));
  EXPECT_NEAR(states[3].median, 0.03, 1e-8);
  EXPECT_THROW((void)state_forecasts(panel, e, 2022), AnalysisError);

  const Table t = state_forecast_table(states, "model", 2020, 2021);
  EXPECT_EQ(t.title(), "Forecast 'model' from 2020 for 2021, by state");
  ASSERT_EQ(t.rows().size(), 4U);
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(t.columns().begin(), t.columns().end(), name) -
                                    t.columns().begin());
  };
  const auto text = [&](std::size_t row, const std::string& name) {
    const auto* value = std::get_if<std::string>(&t.rows()[row][column(name)]);
    return value == nullptr ? std::string("(empty)") : *value;
  };
  const auto integer = [&](std::size_t row, const std::string& name) {
    const auto* value = std::get_if<std::int64_t>(&t.rows()[row][column(name)]);
    return value == nullptr ? std::int64_t{-1} : *value;
  };
  // S0: median 1.56 % and observed 1.56 %, both under 2 %: right side, inside.
  EXPECT_EQ(text(0, "side"), "right");
  EXPECT_EQ(integer(0, "inside90"), 1);
  // S1: median 3 %, observed 1.5 %: wrong side, yet inside its wide interval.
  EXPECT_EQ(text(1, "side"), "wrong");
  EXPECT_EQ(integer(1, "inside90"), 1);
  EXPECT_NEAR(std::get<double>(t.rows()[1][column("error")]), 0.015, 1e-8);
  // S2: observed 5 %, far above the fan.
  EXPECT_EQ(text(2, "side"), "wrong");
  EXPECT_EQ(integer(2, "inside90"), 0);
  // S3: not observed: no verdict.
  EXPECT_EQ(text(3, "side"), "(empty)");
  EXPECT_EQ(integer(3, "inside90"), -1);
  EXPECT_NE(t.notes().front().find("2 % of GDP"), std::string::npos);
}

}  // namespace
}  // namespace rampart::analysis
