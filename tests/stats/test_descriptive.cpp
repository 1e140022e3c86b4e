#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "rampart/stats/descriptive.hpp"
#include "rampart/stats/errors.hpp"

namespace rampart::stats {
namespace {

TEST(Descriptive, QuantilesOfZeroToHundredAreType7) {
  std::vector<double> values(101);
  std::iota(values.begin(), values.end(), 0.0);
  const std::vector<double> probabilities{0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 0.333, 1.0};
  const std::vector<double> q = quantiles(values, probabilities);
  ASSERT_EQ(q.size(), probabilities.size());
  // Type 7 on 0..100: h = 100 p, so Q(p) = 100 p exactly.
  for (std::size_t k = 0; k < q.size(); ++k) EXPECT_NEAR(q[k], 100.0 * probabilities[k], 1e-12);
}

TEST(Descriptive, QuantileInterpolatesBetweenOrderStatistics) {
  // R quantile(c(4, 1, 3, 2), type = 7) and numpy.quantile: 1.75, 2.5, 3.25.
  const std::vector<double> values{4.0, 1.0, 3.0, 2.0};
  const std::vector<double> probabilities{0.25, 0.5, 0.75};
  const std::vector<double> q = quantiles(values, probabilities);
  EXPECT_DOUBLE_EQ(q[0], 1.75);
  EXPECT_DOUBLE_EQ(q[1], 2.5);
  EXPECT_DOUBLE_EQ(q[2], 3.25);
}

TEST(Descriptive, QuantileRejectsEmptySampleAndBadProbability) {
  const std::vector<double> empty;
  const std::vector<double> one{1.0};
  EXPECT_THROW(quantile_sorted(empty, 0.5), StatisticsError);
  EXPECT_THROW(quantile_sorted(one, 1.5), StatisticsError);
  EXPECT_THROW(quantile_sorted(one, std::nan("")), StatisticsError);
  EXPECT_DOUBLE_EQ(quantile_sorted(one, 0.3), 1.0);
  const std::vector<double> with_nan{1.0, std::nan(""), 2.0};
  const std::vector<double> median{0.5};
  EXPECT_THROW(quantiles(with_nan, median), StatisticsError);
}

TEST(Descriptive, MeanStandardDeviationAndStandardError) {
  // Sum of squared deviations from the mean 5 is 32, so the sample variance is 32 / 7.
  const std::vector<double> values{2, 4, 4, 4, 5, 5, 7, 9};
  const Moments m = describe(values);
  EXPECT_EQ(m.count, 8U);
  EXPECT_DOUBLE_EQ(m.mean, 5.0);
  EXPECT_NEAR(m.standard_deviation, std::sqrt(32.0 / 7.0), 1e-14);
  EXPECT_NEAR(m.standard_error, std::sqrt(32.0 / 7.0) / std::sqrt(8.0), 1e-14);
}

TEST(Descriptive, WelfordIsStableForLargeOffsets) {
  // A naive sum of squares loses all digits here; Welford keeps the variance of 1, 2, 3 exactly.
  const std::vector<double> values{1e9 + 1.0, 1e9 + 2.0, 1e9 + 3.0};
  const Moments m = describe(values);
  EXPECT_DOUBLE_EQ(m.mean, 1e9 + 2.0);
  EXPECT_NEAR(m.standard_deviation, 1.0, 1e-9);
}

TEST(Descriptive, MergedAccumulatorsEqualOnePass) {
  const std::vector<double> values{0.3, -1.2, 4.5, 2.2, 7.9, -3.1, 0.0, 5.5, 1.25};
  RunningMoments whole;
  RunningMoments left;
  RunningMoments right;
  for (std::size_t k = 0; k < values.size(); ++k) {
    whole.add(values[k]);
    (k < 4 ? left : right).add(values[k]);
  }
  left.merge(right);
  EXPECT_EQ(left.count(), whole.count());
  EXPECT_NEAR(left.mean(), whole.mean(), 1e-14);
  EXPECT_NEAR(left.variance(), whole.variance(), 1e-12);
  RunningMoments empty;
  empty.merge(whole);
  EXPECT_DOUBLE_EQ(empty.mean(), whole.mean());
}

TEST(Descriptive, UndefinedMomentsAreNaN) {
  const Moments none = describe(std::vector<double>{});
  EXPECT_TRUE(std::isnan(none.mean));
  const Moments single = describe(std::vector<double>{3.0});
  EXPECT_DOUBLE_EQ(single.mean, 3.0);
  EXPECT_TRUE(std::isnan(single.standard_deviation));
  EXPECT_TRUE(std::isnan(single.standard_error));
}

}  // namespace
}  // namespace rampart::stats
