#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "rampart/scenarios/sweep.hpp"
#include "rampart/stats/errors.hpp"
#include "rampart/stats/morris.hpp"

namespace rampart::stats {
namespace {

struct Grid {
  std::vector<std::vector<double>> levels;
  std::vector<std::size_t> index;
  std::vector<double> output;
};

// The project's full factorial design (scenarios::full_factorial_indices) of `levels`, with
// y = f(x) at every point.
template <class F>
Grid grid_of(std::vector<std::vector<double>> levels, F f) {
  Grid g;
  g.levels = std::move(levels);
  std::vector<std::size_t> counts;
  for (const auto& l : g.levels) counts.push_back(l.size());
  g.index = scenarios::full_factorial_indices(counts);
  const std::size_t d = g.levels.size();
  for (std::size_t p = 0; p < g.index.size() / d; ++p) {
    std::vector<double> x(d);
    for (std::size_t i = 0; i < d; ++i) x[i] = g.levels[i][g.index[p * d + i]];
    g.output.push_back(f(x));
  }
  return g;
}

// Linear terms: every elementary effect is slope x range, so mu = mu* = |slope| range when
// positive, and sigma = 0; a factor the function ignores has mu* = 0.
TEST(Morris, LinearFunctionGivesSlopeTimesRangeAndZeroSigma) {
  const Grid g = grid_of({{0.0, 0.5, 1.0}, {10.0, 12.0, 14.0, 20.0}, {-1.0, 1.0}},
                         [](const std::vector<double>& x) { return 3.0 * x[0] - 0.5 * x[1]; });
  const std::vector<MorrisEffect> e = morris_on_grid(g.levels, g.index, g.output);
  ASSERT_EQ(e.size(), 3U);
  EXPECT_EQ(e[0].effects, 2U * 4U * 2U);
  EXPECT_NEAR(e[0].mu, 3.0, 1e-12);
  EXPECT_NEAR(e[0].mu_star, 3.0, 1e-12);
  EXPECT_NEAR(e[0].sigma, 0.0, 1e-12);
  EXPECT_EQ(e[1].effects, 3U * 3U * 2U);
  EXPECT_NEAR(e[1].mu, -0.5 * 10.0, 1e-12);  // range 10 on the factor's scale
  EXPECT_NEAR(e[1].mu_star, 5.0, 1e-12);
  EXPECT_NEAR(e[1].sigma, 0.0, 1e-12);
  EXPECT_NEAR(e[2].mu_star, 0.0, 1e-12);
}

// An interaction x0 x1 on [0,1]^2 with 2 levels: EE of x0 is x1 (0 or 1): mu* = 0.5,
// sigma = sd{0, 1} = sqrt(0.5). A non-monotone term x2^2 on {-1, 0, 1}: EE = -1 then +1, so
// mu = 0 while mu* = 1 (why mu* ranks importance and mu does not).
TEST(Morris, InteractionsAndNonMonotoneTermsShowInSigmaAndMuStar) {
  const Grid g = grid_of({{0.0, 1.0}, {0.0, 1.0}, {-1.0, 0.0, 1.0}},
                         [](const std::vector<double>& x) { return x[0] * x[1] + x[2] * x[2]; });
  const std::vector<MorrisEffect> e = morris_on_grid(g.levels, g.index, g.output);
  EXPECT_NEAR(e[0].mu_star, 0.5, 1e-12);
  EXPECT_NEAR(e[0].sigma, std::sqrt(6.0 / 5.0 * 0.25), 1e-12);  // 6 effects: three 0, three 1
  EXPECT_NEAR(e[2].mu, 0.0, 1e-12);
  EXPECT_NEAR(e[2].mu_star, 2.0, 1e-12);  // |x2^2 step| = 1 over delta = 1/2
}

TEST(Morris, PointOrderDoesNotMatterAndSingleLevelsAreNaN) {
  Grid g =
      grid_of({{0.0, 1.0, 2.0}, {5.0}}, [](const std::vector<double>& x) { return 2.0 * x[0]; });
  // Reverse the points.
  std::vector<std::size_t> index;
  std::vector<double> output;
  for (std::size_t p = g.output.size(); p-- > 0;) {
    index.push_back(g.index[p * 2]);
    index.push_back(g.index[p * 2 + 1]);
    output.push_back(g.output[p]);
  }
  const std::vector<MorrisEffect> e = morris_on_grid(g.levels, index, output);
  EXPECT_NEAR(e[0].mu_star, 4.0, 1e-12);
  EXPECT_EQ(e[1].effects, 0U);
  EXPECT_TRUE(std::isnan(e[1].mu_star));
}

TEST(Morris, RejectsBadShapesAndIndices) {
  const std::vector<std::vector<double>> levels = {{0.0, 1.0}};
  EXPECT_THROW(
      (void)morris_on_grid(levels, std::vector<std::size_t>{0, 1}, std::vector<double>{1.0}),
      StatisticsError);
  EXPECT_THROW(
      (void)morris_on_grid(levels, std::vector<std::size_t>{0, 2}, std::vector<double>{1.0, 2.0}),
      StatisticsError);
  EXPECT_THROW(
      (void)morris_on_grid(levels, std::vector<std::size_t>{0, 0}, std::vector<double>{1.0, 2.0}),
      StatisticsError);
}

}  // namespace
}  // namespace rampart::stats
