#include <gtest/gtest.h>

#include <boost/random/mersenne_twister.hpp>
#include <cmath>
#include <vector>

#include "rampart/stats/errors.hpp"
#include "rampart/stats/regression.hpp"

namespace rampart::stats {
namespace {

double unit(boost::random::mt19937_64& engine) {
  return static_cast<double>(engine() >> 11) * 0x1.0p-53;
}

// y = sum b_i x_i with x_i ~ U(0, w_i) independent: SRC_i = b_i sd_i / sd_y, with
// sd_i = w_i / sqrt(12) and sd_y^2 = sum b_i^2 sd_i^2, and R^2 = 1.
TEST(Regression, LinearModelGivesAnalyticSrcAndUnitRSquared) {
  const std::vector<double> b = {3.0, -1.0, 0.5};
  const std::vector<double> w = {1.0, 2.0, 4.0};
  boost::random::mt19937_64 engine(7);
  const std::size_t rows = 20000;
  std::vector<double> x;
  std::vector<double> y;
  for (std::size_t r = 0; r < rows; ++r) {
    double s = 0.0;
    for (std::size_t i = 0; i < 3; ++i) {
      const double v = w[i] * unit(engine);
      x.push_back(v);
      s += b[i] * v;
    }
    y.push_back(s + 10.0);
  }
  const RegressionRanking src = standardized_regression(x, 3, y);
  double var_y = 0.0;
  for (std::size_t i = 0; i < 3; ++i) var_y += b[i] * b[i] * w[i] * w[i] / 12.0;
  ASSERT_EQ(src.coefficients.size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    const double expected = b[i] * (w[i] / std::sqrt(12.0)) / std::sqrt(var_y);
    EXPECT_NEAR(src.coefficients[i], expected, 0.01) << "factor " << i;
  }
  EXPECT_NEAR(src.r_squared, 1.0, 1e-12);
  // With an exact linear model the squared SRCs of independent inputs sum to R^2 = 1.
  double sum_sq = 0.0;
  for (const double c : src.coefficients) sum_sq += c * c;
  EXPECT_NEAR(sum_sq, 1.0, 0.02);
}

// A noisy linear model: R^2 = explained / total variance.
TEST(Regression, NoiseLowersRSquaredToTheExplainedShare) {
  boost::random::mt19937_64 engine(11);
  std::vector<double> x;
  std::vector<double> y;
  for (int r = 0; r < 40000; ++r) {
    const double a = unit(engine);
    const double noise = unit(engine) - 0.5;  // variance 1/12, like a
    x.push_back(a);
    y.push_back(a + noise);
  }
  const RegressionRanking src = standardized_regression(x, 1, y);
  EXPECT_NEAR(src.r_squared, 0.5, 0.02);
  EXPECT_NEAR(src.coefficients[0], std::sqrt(0.5), 0.02);
}

// A monotone but non-linear transform: the rank regression sees a perfect fit, the plain one
// does not.
TEST(Regression, RankRegressionIsExactOnAMonotoneTransform) {
  boost::random::mt19937_64 engine(3);
  std::vector<double> x;
  std::vector<double> y;
  for (int r = 0; r < 2000; ++r) {
    const double a = unit(engine);
    x.push_back(a);
    y.push_back(std::exp(12.0 * a));
  }
  const RegressionRanking srrc = standardized_rank_regression(x, 1, y);
  EXPECT_NEAR(srrc.coefficients[0], 1.0, 1e-12);
  EXPECT_NEAR(srrc.r_squared, 1.0, 1e-12);
  const RegressionRanking src = standardized_regression(x, 1, y);
  EXPECT_LT(src.r_squared, 0.7);
  // A decreasing transform flips the sign.
  for (double& v : y) v = -v;
  EXPECT_NEAR(standardized_rank_regression(x, 1, y).coefficients[0], -1.0, 1e-12);
}

// Correlated inputs: QR recovers the true coefficients where a naive per-column correlation
// would not.
TEST(Regression, CorrelatedInputsRecoverCoefficients) {
  boost::random::mt19937_64 engine(5);
  std::vector<double> x;
  std::vector<double> y;
  for (int r = 0; r < 500; ++r) {
    const double a = unit(engine);
    const double c = a + 0.1 * unit(engine);
    x.push_back(a);
    x.push_back(c);
    y.push_back(2.0 * a - 1.0 * c);
  }
  const RegressionRanking src = standardized_regression(x, 2, y);
  EXPECT_NEAR(src.r_squared, 1.0, 1e-10);
  // Unstandardise: beta_i = SRC_i sd_y / sd_i. Check via the sign pattern and the fit instead.
  EXPECT_GT(src.coefficients[0], 0.0);
  EXPECT_LT(src.coefficients[1], 0.0);
}

TEST(Regression, RejectsBadShapesConstantsAndNaN) {
  const std::vector<double> x = {1, 2, 3, 4};
  const std::vector<double> y = {1, 2, 3, 5};
  EXPECT_THROW((void)standardized_regression(x, 1, std::vector<double>{1, 2, 3}), StatisticsError);
  EXPECT_THROW((void)standardized_regression(x, 2, std::vector<double>{1, 2}), StatisticsError);
  EXPECT_THROW((void)standardized_regression(x, 1, std::vector<double>{1, 1, 1, 1}),
               StatisticsError);
  EXPECT_THROW((void)standardized_regression(std::vector<double>{1, 1, 1, 1}, 1, y),
               StatisticsError);
  EXPECT_THROW((void)standardized_regression(std::vector<double>{1, NAN, 3, 4}, 1, y),
               StatisticsError);
  // Two identical columns: not identified.
  const std::vector<double> twin = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
  EXPECT_THROW((void)standardized_regression(twin, 2, std::vector<double>{1, 2, 3, 4, 6}),
               StatisticsError);
  EXPECT_NO_THROW((void)standardized_regression(x, 1, y));
}

}  // namespace
}  // namespace rampart::stats
