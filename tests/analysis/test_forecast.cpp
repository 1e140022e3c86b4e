// The forecast data types and the two benchmarks (persistence, per-state trend) against
// hand-computed values, and the rule that a benchmark never reads a year after its origin.

#include <gtest/gtest.h>

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "rampart/analysis/errors.hpp"
#include "rampart/analysis/forecast.hpp"

namespace rampart::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Two states, 2014..2017 (shares as fractions of GDP):
//   AAA 0.010 0.020 0.030 0.050
//   BBB 0.020 0.020 0.010 0.010
Panel small_panel() {
  Panel p;
  p.iso3 = {"AAA", "BBB"};
  p.first_year = 2014;
  p.years = 4;
  p.values = {0.010, 0.020, 0.030, 0.050, 0.020, 0.020, 0.010, 0.010};
  return p;
}

double z(double p) {
  return boost::math::quantile(boost::math::normal_distribution<double>(0.0, 1.0), p);
}

TEST(ForecastPanel, AtAndValidate) {
  const Panel p = small_panel();
  EXPECT_DOUBLE_EQ(p.at(0, 2016), 0.030);
  EXPECT_DOUBLE_EQ(p.at(1, 2014), 0.020);
  EXPECT_TRUE(std::isnan(p.at(0, 2013)));
  EXPECT_TRUE(std::isnan(p.at(0, 2018)));
  EXPECT_THROW((void)p.at(2, 2015), AnalysisError);
  EXPECT_EQ(p.last_year(), 2017);
  Panel bad = p;
  bad.values.pop_back();
  EXPECT_THROW(bad.validate(), AnalysisError);
}

TEST(ForecastEnsemble, LayoutAndValidate) {
  ForecastEnsemble e;
  e.method = "m";
  e.origin = 2015;
  e.first_year = 2016;
  e.years = 2;
  e.runs = 3;
  // [(run * years + y) * states + s] with 2 states: value = 100 run + 10 y + s.
  for (int run = 0; run < 3; ++run) {
    for (int y = 0; y < 2; ++y) {
      for (int s = 0; s < 2; ++s) e.samples.push_back(float(100 * run + 10 * y + s));
    }
  }
  EXPECT_EQ(e.states(), 2);
  EXPECT_EQ(e.sample(2, 2017, 1), 211.0F);
  EXPECT_EQ(e.members(1, 2016), (std::vector<double>{1, 101, 201}));
  EXPECT_NO_THROW(e.validate(2));
  EXPECT_THROW(e.validate(3), AnalysisError);
  e.first_year = 2017;
  EXPECT_THROW(e.validate(2), AnalysisError);
}

TEST(ForecastBenchmarks, QuantileGrid) {
  const auto g = normal_quantile_grid(0.02, 0.01, 4);
  ASSERT_EQ(g.size(), 4U);
  EXPECT_NEAR(g[0], 0.02 + 0.01 * z(0.125), 1e-15);
  EXPECT_NEAR(g[3], 0.02 + 0.01 * z(0.875), 1e-15);
  EXPECT_NEAR(g[1] + g[2], 0.04, 1e-15);  // symmetric about the mean
  // Clamped at zero: 0.001 + 0.01 z(0.125) < 0.
  const auto low = normal_quantile_grid(0.001, 0.01, 4);
  EXPECT_EQ(low[0], 0.0);
  EXPECT_GT(low[3], 0.0);
  EXPECT_EQ(normal_quantile_grid(0.03, 0.0, 3), (std::vector<double>{0.03, 0.03, 0.03}));
  EXPECT_THROW((void)normal_quantile_grid(0.03, -1.0, 3), AnalysisError);
}

TEST(ForecastBenchmarks, PersistenceHandComputed) {
  const Panel p = small_panel();
  // Changes up to 2016: AAA +0.01 +0.01, BBB 0 -0.01: sigma = 0.01 sqrt(3/4).
  const double sigma = 0.01 * std::sqrt(0.75);
  const auto e = persistence_forecast(p, 2016, 2018, 3);
  EXPECT_EQ(e.method, "persistence");
  EXPECT_EQ(e.origin, 2016);
  EXPECT_EQ(e.first_year, 2017);
  EXPECT_EQ(e.years, 2);
  EXPECT_EQ(e.runs, 3);
  EXPECT_NO_THROW(e.validate(2));
  const double z1 = z(1.0 / 6.0);  // member 0 of 3
  EXPECT_NEAR(e.sample(0, 2017, 0), 0.03 + sigma * z1, 1e-8);
  EXPECT_NEAR(e.sample(1, 2017, 0), 0.03, 1e-8);
  EXPECT_NEAR(e.sample(2, 2017, 0), 0.03 - sigma * z1, 1e-8);
  EXPECT_NEAR(e.sample(0, 2018, 0), 0.03 + std::sqrt(2.0) * sigma * z1, 1e-8);
  EXPECT_NEAR(e.sample(1, 2018, 1), 0.01, 1e-8);
  EXPECT_NEAR(e.sample(2, 2018, 1), 0.01 - std::sqrt(2.0) * sigma * z1, 1e-8);
  // Member 0 of BBB in 2018: 0.01 + 1.414 * 0.00866 * (-0.967) < 0, clamped.
  EXPECT_EQ(e.sample(0, 2018, 1), 0.0F);
}

TEST(ForecastBenchmarks, PersistenceCarriesTheLastObservation) {
  Panel p = small_panel();
  p.values[2] = kNaN;  // AAA 2016 missing: carry 2015's 0.02
  const auto e = persistence_forecast(p, 2016, 2017, 1);
  EXPECT_NEAR(e.sample(0, 2017, 0), 0.02, 1e-8);
}

TEST(ForecastBenchmarks, TrendHandComputed) {
  const Panel p = small_panel();
  // Window 5 from origin 2016: 2014..2016. AAA: 0.01, 0.02, 0.03, exact line of slope 0.01.
  // BBB: 0.02, 0.02, 0.01: mean 1/60, slope -0.005, residuals -1/600, 2/600, -1/600: SSR
  // 6/360000 = 1/60000. Pooled s^2 = SSR / (1 + 1) = 1/120000.
  const double s = std::sqrt(1.0 / 120000.0);
  const auto e = trend_forecast(p, 2016, 2018, 1, 5);
  EXPECT_EQ(e.method, "trend");
  EXPECT_NEAR(e.sample(0, 2017, 0), 0.04, 1e-8);  // one member: the median
  EXPECT_NEAR(e.sample(0, 2018, 0), 0.05, 1e-8);
  EXPECT_NEAR(e.sample(0, 2017, 1), 1.0 / 60.0 - 0.005 * 2, 1e-8);
  const auto wide = trend_forecast(p, 2016, 2018, 3, 5);
  // tbar = 2015, n = 3, Sxx = 2: sd at 2017 = s sqrt(1 + 1/3 + 4/2), at 2018 s sqrt(1 + 1/3 + 9/2).
  const double z1 = z(1.0 / 6.0);
  EXPECT_NEAR(wide.sample(0, 2017, 0), 0.04 + s * std::sqrt(10.0 / 3.0) * z1, 1e-8);
  EXPECT_NEAR(wide.sample(2, 2018, 0), 0.05 - s * std::sqrt(35.0 / 6.0) * z1, 1e-8);
  EXPECT_NEAR(wide.sample(2, 2017, 1), 1.0 / 60.0 - 0.01 - s * std::sqrt(10.0 / 3.0) * z1, 1e-8);
}

TEST(ForecastBenchmarks, TrendShortWindowUsesThePersistenceSpread) {
  const Panel p = small_panel();
  // Window 2: AAA 0.02, 0.03 (slope 0.01), BBB 0.02, 0.01 (slope -0.01); no residual degree of
  // freedom, so s = the persistence sigma 0.01 sqrt(3/4); tbar 2015.5, Sxx 0.5.
  const double sigma = 0.01 * std::sqrt(0.75);
  const auto e = trend_forecast(p, 2016, 2017, 3, 2);
  const double z1 = z(1.0 / 6.0);
  const double sd = sigma * std::sqrt(1.0 + 0.5 + 1.5 * 1.5 / 0.5);
  EXPECT_NEAR(e.sample(1, 2017, 0), 0.04, 1e-8);
  EXPECT_NEAR(e.sample(0, 2017, 0), 0.04 + sd * z1, 1e-8);
  EXPECT_NEAR(e.sample(1, 2017, 1), 0.0, 1e-8);
  // A state with one observation in the window is carried forward with the persistence spread.
  Panel gap = p;
  gap.values[1] = kNaN;  // AAA 2015
  const auto g = trend_forecast(gap, 2016, 2017, 3, 2);
  EXPECT_NEAR(g.sample(1, 2017, 0), 0.03, 1e-8);
}

TEST(ForecastBenchmarks, NeverReadAfterTheOrigin) {
  const Panel p = small_panel();
  Panel changed = p;
  changed.values[3] = 0.5;   // AAA 2017
  changed.values[7] = kNaN;  // BBB 2017
  for (const int origin : {2015, 2016}) {
    EXPECT_EQ(persistence_forecast(p, origin, 2019, 7).samples,
              persistence_forecast(changed, origin, 2019, 7).samples);
    EXPECT_EQ(trend_forecast(p, origin, 2019, 7).samples,
              trend_forecast(changed, origin, 2019, 7).samples);
  }
  // ...while the origin's own year is read: the test above would see a change there.
  Panel at_origin = p;
  at_origin.values[2] = 0.04;  // AAA 2016
  EXPECT_NE(persistence_forecast(p, 2016, 2017, 7).samples,
            persistence_forecast(at_origin, 2016, 2017, 7).samples);
  EXPECT_NE(trend_forecast(p, 2016, 2017, 7).samples,
            trend_forecast(at_origin, 2016, 2017, 7).samples);
}

TEST(ForecastBenchmarks, RefusesWhatCannotBeForecast) {
  const Panel p = small_panel();
  EXPECT_THROW((void)persistence_forecast(p, 2013, 2016, 5), AnalysisError);
  EXPECT_THROW((void)persistence_forecast(p, 2018, 2019, 5), AnalysisError);
  EXPECT_THROW((void)persistence_forecast(p, 2016, 2016, 5), AnalysisError);
  EXPECT_THROW((void)persistence_forecast(p, 2016, 2017, 0), AnalysisError);
  // The first year has no one-year change to estimate a spread from.
  EXPECT_THROW((void)persistence_forecast(p, 2014, 2016, 5), AnalysisError);
  EXPECT_THROW((void)trend_forecast(p, 2016, 2017, 5, 1), AnalysisError);
}

}  // namespace
}  // namespace rampart::analysis
