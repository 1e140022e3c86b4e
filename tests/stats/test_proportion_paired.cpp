#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "rampart/stats/errors.hpp"
#include "rampart/stats/paired.hpp"
#include "rampart/stats/proportion.hpp"

namespace rampart::stats {
namespace {

TEST(Proportion, WilsonIntervalMatchesTextbookValue) {
  // 8 of 10 at 95 %: [0.490, 0.943] (e.g. Newcombe 1998, Agresti & Coull 1998).
  const ProportionEstimate e = wilson_interval(8, 10, 0.95);
  EXPECT_DOUBLE_EQ(e.estimate, 0.8);
  EXPECT_NEAR(e.lower, 0.490, 5e-4);
  EXPECT_NEAR(e.upper, 0.943, 5e-4);
}

TEST(Proportion, WilsonIntervalStaysInsideUnitIntervalAtTheEdges) {
  const ProportionEstimate none = wilson_interval(0, 20, 0.95);
  EXPECT_DOUBLE_EQ(none.lower, 0.0);
  EXPECT_GT(none.upper, 0.0);
  EXPECT_LT(none.upper, 0.2);
  const ProportionEstimate all = wilson_interval(20, 20, 0.95);
  EXPECT_DOUBLE_EQ(all.upper, 1.0);
  EXPECT_LT(all.lower, 1.0);
  // Exactly 0 and 1, not a rounding error inside them (tables print them).
  for (const std::size_t n : {1U, 7U, 64U, 1000U, 1000000U}) {
    EXPECT_EQ(wilson_interval(0, n, 0.95).lower, 0.0) << n;
    EXPECT_EQ(wilson_interval(n, n, 0.95).upper, 1.0) << n;
  }
}

TEST(Proportion, RejectsImpossibleCounts) {
  EXPECT_THROW(wilson_interval(0, 0), StatisticsError);
  EXPECT_THROW(wilson_interval(3, 2), StatisticsError);
  EXPECT_THROW(wilson_interval(1, 2, 1.0), StatisticsError);
}

TEST(Proportion, NormalCriticalValue) {
  EXPECT_NEAR(normal_critical_value(0.95), 1.959964, 1e-6);
}

TEST(Paired, KnownDifferencesAndVarianceReduction) {
  // d = b - a = (1, 2, 2, 1): mean 1.5, var 1/3. var(a) = 5/3, var(b) = 2.
  const std::vector<double> a{1, 2, 3, 4};
  const std::vector<double> b{2, 4, 5, 5};
  const PairedComparison c = paired_difference(a, b, 0.95);
  EXPECT_EQ(c.pairs, 4U);
  EXPECT_DOUBLE_EQ(c.mean_difference, 1.5);
  EXPECT_NEAR(c.standard_error, std::sqrt(1.0 / 3.0) / 2.0, 1e-14);
  EXPECT_NEAR(c.lower, 1.5 - 1.959964 * std::sqrt(1.0 / 3.0) / 2.0, 1e-6);
  EXPECT_NEAR(c.upper, 1.5 + 1.959964 * std::sqrt(1.0 / 3.0) / 2.0, 1e-6);
  EXPECT_NEAR(c.unpaired_standard_error, std::sqrt((5.0 / 3.0 + 2.0) / 4.0), 1e-14);
  EXPECT_NEAR(c.variance_reduction, (5.0 / 3.0 + 2.0) / (1.0 / 3.0), 1e-12);
}

TEST(Paired, IdenticalShiftHasNoDifferenceVariance) {
  const std::vector<double> a{1, 5, 2};
  const std::vector<double> b{2, 6, 3};
  const PairedComparison c = paired_difference(a, b);
  EXPECT_DOUBLE_EQ(c.mean_difference, 1.0);
  EXPECT_DOUBLE_EQ(c.standard_error, 0.0);
  EXPECT_TRUE(std::isnan(c.variance_reduction));
}

TEST(Paired, RejectsUnequalOrTooShortSamples) {
  const std::vector<double> two{1, 2};
  const std::vector<double> three{1, 2, 3};
  const std::vector<double> one{1};
  EXPECT_THROW(paired_difference(two, three), StatisticsError);
  EXPECT_THROW(paired_difference(one, one), StatisticsError);
}

}  // namespace
}  // namespace rampart::stats
