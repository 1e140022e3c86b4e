#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "rampart/analysis/burden_indices.hpp"
#include "rampart/analysis/errors.hpp"
#include "rampart/scenarios/country.hpp"

namespace rampart::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(BurdenIndicesTest, HandComputedCrossSection) {
  // Three allies (the US first) and one state outside NATO, which every index ignores.
  const std::vector<double> gdp = {100.0, 50.0, 10.0, 200.0};
  const std::vector<double> share = {0.03, 0.02, 0.01, 0.05};
  const std::vector<unsigned char> nato = {1, 1, 1, 0};
  const auto indices = burden_indices({gdp, share, nato, 0});
  EXPECT_EQ(indices.allies, 3);
  // Spending 3 + 1 + 0.1: the US carries 3 / 4.1.
  EXPECT_DOUBLE_EQ(indices.us_share_nato, 3.0 / 4.1);
  EXPECT_EQ(indices.allies_at_2pct, 2);  // 2 % exactly counts
  EXPECT_EQ(indices.allies_at_3_5pct, 0);
  // GDP and share rank identically: rho 1, p 0.
  EXPECT_EQ(indices.olson_zeckhauser.n, 3U);
  EXPECT_DOUBLE_EQ(indices.olson_zeckhauser.rho, 1.0);
  EXPECT_DOUBLE_EQ(indices.olson_zeckhauser.p_value, 0.0);
  // Gini of (0.01, 0.02, 0.03): (-2 * 0.01 + 0 + 2 * 0.03) / (3 * 0.06) = 2/9.
  EXPECT_NEAR(indices.gini, 2.0 / 9.0, 1e-15);
}

TEST(BurdenIndicesTest, LargerEconomiesSpendingLessGiveNegativeRho) {
  const std::vector<double> gdp = {1.0, 2.0, 3.0, 4.0, 5.0};
  const std::vector<double> share = {0.05, 0.04, 0.035, 0.02, 0.01};
  const std::vector<unsigned char> nato = {1, 1, 1, 1, 1};
  const auto indices = burden_indices({gdp, share, nato, -1});
  EXPECT_DOUBLE_EQ(indices.olson_zeckhauser.rho, -1.0);
  EXPECT_EQ(indices.allies_at_3_5pct, 3);
  EXPECT_TRUE(std::isnan(indices.us_share_nato));  // no US
}

TEST(BurdenIndicesTest, UsOutsideNatoHasNoShare) {
  const std::vector<double> gdp = {10.0, 1.0, 2.0};
  const std::vector<double> share = {0.03, 0.02, 0.01};
  const std::vector<unsigned char> nato = {0, 1, 1};
  const auto indices = burden_indices({gdp, share, nato, 0});
  EXPECT_TRUE(std::isnan(indices.us_share_nato));
  EXPECT_EQ(indices.allies, 2);
  EXPECT_TRUE(std::isnan(indices.olson_zeckhauser.rho));  // n < 3
}

TEST(BurdenIndicesTest, RejectsBadInput) {
  const std::vector<double> gdp = {1.0, 2.0};
  const std::vector<double> share = {0.01, 0.02};
  const std::vector<double> short_share = {0.01};
  const std::vector<double> nan_share = {0.01, kNaN};
  const std::vector<double> negative_gdp = {1.0, -2.0};
  const std::vector<unsigned char> nato = {1, 1};
  EXPECT_THROW(burden_indices({gdp, short_share, nato, -1}), AnalysisError);
  EXPECT_THROW(burden_indices({gdp, nan_share, nato, -1}), AnalysisError);
  EXPECT_THROW(burden_indices({negative_gdp, share, nato, -1}), AnalysisError);
  EXPECT_THROW(burden_indices({gdp, share, nato, 2}), AnalysisError);
  EXPECT_THROW(burden_indices({gdp, share, nato, -2}), AnalysisError);
  EXPECT_NO_THROW(burden_indices({gdp, share, nato, 1}));
}

// The 2024 data: 23 of the 32 allies at 2 % or more (docs/model.md), only Poland at 3.5 %.
TEST(BurdenIndicesTest, NatoIn2024FromTheCountryTable) {
  const auto table = scenarios::load_country_table(RAMPART_SOURCE_DIR "/scenarios");
  std::vector<double> gdp;
  std::vector<double> share;
  std::vector<unsigned char> nato;
  int us = -1;
  for (const auto& country : table.countries) {
    if (country.is_us()) us = static_cast<int>(gdp.size());
    gdp.push_back(country.gdp_2024);
    share.push_back(country.defence_share_2024);
    nato.push_back(country.nato ? 1 : 0);
  }
  const auto indices = burden_indices({gdp, share, nato, us});
  EXPECT_EQ(indices.allies, 32);
  EXPECT_EQ(indices.allies_at_2pct, 23);
  EXPECT_EQ(indices.allies_at_3_5pct, 1);
  // By hand from countries_2024.csv: US 28719.94 * 3.38 % = 970.734 bn; the 32 allies'
  // gdp * share sum to 1479.83 bn; 970.734 / 1479.83 = 0.65597.
  EXPECT_NEAR(indices.us_share_nato, 0.65597, 5e-5);
  EXPECT_EQ(indices.olson_zeckhauser.n, 32U);
}

}  // namespace
}  // namespace rampart::analysis
