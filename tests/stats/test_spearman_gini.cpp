#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <thread>
#include <utility>
#include <vector>

#include "rampart/stats/errors.hpp"
#include "rampart/stats/gini.hpp"
#include "rampart/stats/spearman.hpp"

namespace rampart::stats {
namespace {

TEST(Spearman, AverageRanksForTies) {
  const std::vector<double> values{10, 20, 20, 5, 20};
  const std::vector<double> expected{2, 4, 4, 1, 4};
  EXPECT_EQ(average_ranks(values), expected);
}

// Ranks by their definition: one plus the number of smaller values, plus half the other equal
// ones, on a sample of many ties in no particular order.
TEST(Spearman, AverageRanksAreTheDefinitionOnManyTies) {
  std::vector<double> values;
  for (int k = 0; k < 2000; ++k) values.push_back(static_cast<double>((k * 7919) % 13) - 6.0);
  values.push_back(-0.0);  // equal to the zeros above
  const std::vector<double> ranks = average_ranks(values);
  ASSERT_EQ(ranks.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    double smaller = 0.0;
    double equal = 0.0;
    for (const double v : values) {
      smaller += v < values[i] ? 1.0 : 0.0;
      equal += v == values[i] ? 1.0 : 0.0;
    }
    ASSERT_EQ(ranks[i], smaller + (equal + 1.0) / 2.0) << "value " << i;
  }
}

// The p-values are remembered per thread (spearman.cpp): a repeated (rho, n) returns what the
// first computation gave, whatever came between, and n is part of the key.
TEST(Spearman, RememberedPValuesAreTheComputedOnes) {
  std::vector<std::pair<double, std::size_t>> queries;
  for (int k = 1; k < 12000; ++k) {
    queries.emplace_back(1.0 - 2.0 * static_cast<double>(k) / 12000.0, 32);
  }
  for (int k = 1; k < 200; ++k) queries.emplace_back(static_cast<double>(k) / 200.0, 10 + k % 7);
  // Computed first in a thread of their own, where every query is new.
  std::vector<double> fresh(queries.size());
  std::thread([&] {
    for (std::size_t q = 0; q < queries.size(); ++q) {
      fresh[q] = spearman_p_value(queries[q].first, queries[q].second);
    }
  }).join();
  // Here: twice, in reverse order, so later queries evict and refill the slots.
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t q = queries.size(); q-- > 0;) {
      const double p = spearman_p_value(queries[q].first, queries[q].second);
      ASSERT_EQ(std::bit_cast<std::uint64_t>(p), std::bit_cast<std::uint64_t>(fresh[q]))
          << "rho " << queries[q].first << ", n " << queries[q].second;
    }
  }
  EXPECT_NE(spearman_p_value(0.5, 10), spearman_p_value(0.5, 30));
}

TEST(Spearman, TiesAgainstHandComputedValue) {
  // Ranks x: 1, 2.5, 2.5, 4, 5; ranks y: 1, 4, 2.5, 2.5, 5. Deviations from the mean rank 3
  // give a cross product of 7.25 and sums of squares 9.5 each: rho = 7.25 / 9.5 = 29 / 38.
  const std::vector<double> x{1, 2, 2, 3, 4};
  const std::vector<double> y{1, 3, 2, 2, 5};
  const RankCorrelation r = spearman(x, y);
  EXPECT_EQ(r.n, 5U);
  EXPECT_NEAR(r.rho, 29.0 / 38.0, 1e-14);
  // t = rho sqrt(3 / (1 - rho^2)) = 2.0455; Student t with 3 df has the closed-form CDF
  // 1/2 + (u / (1 + u^2) + atan u) / pi, u = t / sqrt 3, giving a two-sided p of 0.13334.
  EXPECT_NEAR(r.p_value, 0.133339, 1e-6);
}

TEST(Spearman, PValueAtTheTabulatedCriticalValue) {
  // Student t table: t(0.975, 10 df) = 2.228, so rho with that t for n = 12 has p = 0.05.
  const double t = 2.228;
  const double rho = t / std::sqrt(10.0 + t * t);
  EXPECT_NEAR(spearman_p_value(rho, 12), 0.05, 2e-4);
  EXPECT_NEAR(spearman_p_value(-rho, 12), 0.05, 2e-4);
  EXPECT_DOUBLE_EQ(spearman_p_value(1.0, 12), 0.0);
  EXPECT_DOUBLE_EQ(spearman_p_value(0.0, 12), 1.0);
}

TEST(Spearman, MonotoneDataGiveOneAndMinusOne) {
  const std::vector<double> x{1, 2, 3, 4, 5, 6};
  const std::vector<double> y{1, 4, 9, 16, 25, 36};
  const std::vector<double> z{6, 5, 4, 3, 2, 1};
  EXPECT_DOUBLE_EQ(spearman(x, y).rho, 1.0);
  EXPECT_DOUBLE_EQ(spearman(x, z).rho, -1.0);
  EXPECT_DOUBLE_EQ(spearman(x, z).p_value, 0.0);
}

TEST(Spearman, UndefinedForConstantDataOrTooFewPoints) {
  const std::vector<double> x{1, 2, 3, 4};
  const std::vector<double> constant{2, 2, 2, 2};
  EXPECT_TRUE(std::isnan(spearman(x, constant).rho));
  EXPECT_TRUE(std::isnan(spearman(x, constant).p_value));
  const std::vector<double> two{1, 2};
  EXPECT_TRUE(std::isnan(spearman(two, two).rho));
  const std::vector<double> three{1, 2, 3};
  EXPECT_THROW(spearman(x, three), StatisticsError);
  const std::vector<double> with_nan{1, std::nan(""), 3, 4};
  EXPECT_THROW(spearman(x, with_nan), StatisticsError);
}

TEST(Gini, KnownValues) {
  EXPECT_DOUBLE_EQ(gini(std::vector<double>{1, 1, 1, 1}), 0.0);
  EXPECT_DOUBLE_EQ(gini(std::vector<double>{0, 0, 0, 1}), 0.75);
  EXPECT_NEAR(gini(std::vector<double>{1, 2, 3, 4, 5}), 4.0 / 15.0, 1e-15);
  EXPECT_NEAR(gini(std::vector<double>{5, 3, 1, 4, 2}), 4.0 / 15.0, 1e-15);
  EXPECT_DOUBLE_EQ(gini(std::vector<double>{0.1, 0.1, 0.1}), 0.0);
}

TEST(Gini, EqualsMeanAbsoluteDifferenceOverTwiceTheMean) {
  const std::vector<double> x{0.4, 3.1, 2.2, 9.0, 0.0, 1.7, 2.2};
  double absolute_differences = 0.0;
  double total = 0.0;
  for (const double a : x) {
    total += a;
    for (const double b : x) absolute_differences += std::abs(a - b);
  }
  const double n = static_cast<double>(x.size());
  EXPECT_NEAR(gini(x), (absolute_differences / (n * n)) / (2.0 * total / n), 1e-14);
}

TEST(Gini, UndefinedOrInvalid) {
  EXPECT_TRUE(std::isnan(gini(std::vector<double>{})));
  EXPECT_TRUE(std::isnan(gini(std::vector<double>{0, 0, 0})));
  EXPECT_THROW(gini(std::vector<double>{1, -1}), StatisticsError);
}

}  // namespace
}  // namespace rampart::stats
