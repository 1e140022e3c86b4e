// Inverse-CDF sampling of each distribution form against closed forms.

#include <gtest/gtest.h>

#include <cmath>

#include "rampart/scenarios/distribution.hpp"

namespace rampart::scenarios {
namespace {

constexpr double kTol = 1e-12;
constexpr double kUs[] = {0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999};

TEST(Distribution, FixedIsItsValue) {
  const auto d = Distribution::fixed(0.035);
  EXPECT_TRUE(d.is_fixed());
  EXPECT_EQ(d.quantile(0.3), 0.035);
  EXPECT_EQ(d.support_min(), 0.035);
  EXPECT_EQ(d.support_max(), 0.035);
}

TEST(Distribution, UniformIsLinear) {
  Distribution d;
  d.kind = Distribution::Kind::Uniform;
  d.low = 0.005;
  d.high = 0.025;
  for (const double u : kUs) EXPECT_NEAR(d.quantile(u), 0.005 + 0.02 * u, kTol);
  EXPECT_EQ(d.support_min(), 0.005);
  EXPECT_EQ(d.support_max(), 0.025);
}

TEST(Distribution, NormalWithWideBoundsMatchesStandardQuantiles) {
  Distribution d;
  d.kind = Distribution::Kind::Normal;
  d.mean = 1.0;
  d.sd = 2.0;
  d.low = -1e3;
  d.high = 1e3;
  EXPECT_NEAR(d.quantile(0.5), 1.0, kTol);
  EXPECT_NEAR(d.quantile(0.975), 1.0 + 2.0 * 1.959963984540054, 1e-9);
  EXPECT_NEAR(d.quantile(0.025), 1.0 - 2.0 * 1.959963984540054, 1e-9);
  EXPECT_NEAR(d.quantile(0.8413447460685429), 3.0, 1e-9);  // Phi(1)
}

TEST(Distribution, TruncatedNormalIsHalfNormalWhenCutAtTheMean) {
  // Truncated to [mean, inf): the half-normal, F^-1(u) = Phi^-1((1 + u) / 2).
  Distribution d;
  d.kind = Distribution::Kind::Normal;
  d.mean = 0.0;
  d.sd = 1.0;
  d.low = 0.0;
  d.high = 40.0;
  EXPECT_NEAR(d.quantile(0.5), 0.6744897501960817, 1e-9);
  EXPECT_NEAR(d.quantile(0.9), 1.6448536269514722, 1e-9);
  EXPECT_NEAR(d.quantile(0.95), 1.959963984540054, 1e-9);
  for (const double u : kUs) {
    EXPECT_GE(d.quantile(u), 0.0);
    EXPECT_LE(d.quantile(u), 40.0);
  }
  EXPECT_EQ(d.quantile(0.0), 0.0);
}

TEST(Distribution, TruncatedNormalStaysInsideNarrowBounds) {
  Distribution d;
  d.kind = Distribution::Kind::Normal;
  d.mean = 0.02;
  d.sd = 0.01;
  d.low = 0.015;
  d.high = 0.03;
  double previous = d.low;
  for (const double u : kUs) {
    const double x = d.quantile(u);
    EXPECT_GE(x, 0.015);
    EXPECT_LE(x, 0.03);
    EXPECT_GE(x, previous);  // monotone
    previous = x;
  }
}

TEST(Distribution, TruncatedNormalFarInTheUpperTail) {
  // N(0,1) cut to [8, 9]: nearly all mass just above 8, where the CDF rounds to 1. The
  // conditional law is close to 8 + Exp(8): median about 8 + ln(2)/8.
  Distribution d;
  d.kind = Distribution::Kind::Normal;
  d.mean = 0.0;
  d.sd = 1.0;
  d.low = 8.0;
  d.high = 9.0;
  EXPECT_NEAR(d.quantile(0.5), 8.0 + std::log(2.0) / 8.0, 2e-3);
  EXPECT_GT(d.quantile(0.001), 8.0);
  EXPECT_LT(d.quantile(0.999), 9.0);
  // Mirror image below the mean.
  d.low = -9.0;
  d.high = -8.0;
  EXPECT_NEAR(d.quantile(0.5), -8.0 - std::log(2.0) / 8.0, 2e-3);
}

TEST(Distribution, TriangularMatchesClosedForm) {
  Distribution d;
  d.kind = Distribution::Kind::Triangular;
  d.low = 0.0;
  d.mode = 1.0;
  d.high = 4.0;
  // F(mode) = 1/4; below it x = sqrt(4u), above it x = 4 - sqrt(12(1-u)).
  for (const double u : kUs) {
    const double expected = u < 0.25 ? std::sqrt(4.0 * u) : 4.0 - std::sqrt(12.0 * (1.0 - u));
    EXPECT_NEAR(d.quantile(u), expected, kTol) << u;
  }
  EXPECT_NEAR(d.quantile(0.25), 1.0, kTol);
}

TEST(Distribution, BetaMatchesClosedForms) {
  Distribution d;
  d.kind = Distribution::Kind::Beta;
  d.alpha = 2.0;
  d.beta = 1.0;
  d.low = 2.0;
  d.high = 4.0;
  // Beta(2,1): F(x) = x^2, scaled to [2, 4].
  for (const double u : kUs) EXPECT_NEAR(d.quantile(u), 2.0 + 2.0 * std::sqrt(u), 1e-10) << u;
  d.alpha = 1.0;
  d.beta = 3.0;
  d.low = 0.0;
  d.high = 1.0;
  // Beta(1,3): F(x) = 1 - (1-x)^3.
  for (const double u : kUs) {
    EXPECT_NEAR(d.quantile(u), 1.0 - std::cbrt(1.0 - u), 1e-10) << u;
  }
}

TEST(Distribution, DiscreteTakesFirstValueWhoseCumulativeWeightReachesU) {
  Distribution d;
  d.kind = Distribution::Kind::Discrete;
  d.values = {10, 20, 30};
  d.weights = {0.2, 0.5, 0.3};
  EXPECT_EQ(d.quantile(0.1), 10);
  EXPECT_EQ(d.quantile(0.2), 10);
  EXPECT_EQ(d.quantile(0.2000001), 20);
  EXPECT_EQ(d.quantile(0.69), 20);
  EXPECT_EQ(d.quantile(0.71), 30);
  EXPECT_EQ(d.quantile(1.0), 30);
  EXPECT_EQ(d.support_min(), 10);
  EXPECT_EQ(d.support_max(), 30);
}

TEST(Distribution, DiscreteSkipsZeroWeights) {
  Distribution d;
  d.kind = Distribution::Kind::Discrete;
  d.values = {0, 1, 2};
  d.weights = {0.5, 0.0, 0.5};
  EXPECT_EQ(d.quantile(0.5), 0);
  EXPECT_EQ(d.quantile(0.5000001), 2);
  EXPECT_EQ(d.quantile(1.0), 2);
}

}  // namespace
}  // namespace rampart::scenarios
