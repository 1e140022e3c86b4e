// Iterated best responses of the agents' own rule converge to the Bergstrom-Blume-Varian Nash
// equilibrium of a pure public good (delta = 1, eta = 1, every link 1).

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "rampart/agents/state_decision.hpp"

namespace rampart::agents {
namespace {

// Closed form: the k richest contribute, G = w W_C / (w + k (1 - w)), each keeps
// c* = (1 - w) G / w and gives Y_i - c*; the others give 0.
std::vector<double> closed_form(const std::vector<double>& incomes, double w) {
  std::vector<double> sorted = incomes;
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  double total = 0.0;
  double consumption = 0.0;
  for (std::size_t k = 1; k <= sorted.size(); ++k) {
    const double g = w * (total + sorted[k - 1]) / (w + static_cast<double>(k) * (1.0 - w));
    const double c = (1.0 - w) * g / w;
    if (sorted[k - 1] <= c) break;
    total += sorted[k - 1];
    consumption = c;
  }
  std::vector<double> out;
  for (const double y : incomes) out.push_back(y > consumption ? y - consumption : 0.0);
  return out;
}

// Damped simultaneous best responses with the model's function.
std::vector<double> iterate_best_responses(const std::vector<double>& incomes, double w) {
  const std::size_t n = incomes.size();
  std::vector<double> spending(n, 0.0);
  const double damping = 0.5 / (1.0 + (1.0 - w) * static_cast<double>(n - 1));
  for (int iteration = 0; iteration < 200000; ++iteration) {
    const double total = std::accumulate(spending.begin(), spending.end(), 0.0);
    double largest_change = 0.0;
    std::vector<double> next(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double others = total - spending[i];
      const double share = best_response_share(w, {others, incomes[i], 1.0, 1.0}, 0.0);
      next[i] = spending[i] + damping * (share * incomes[i] - spending[i]);
      largest_change = std::max(largest_change, std::abs(next[i] - spending[i]));
    }
    spending = next;
    if (largest_change < 1e-15 * total) break;
  }
  return spending;
}

struct NashCase {
  std::vector<double> incomes;
  double weight;
};

TEST(BestResponseNash, TextbookExample) {
  const auto g = iterate_best_responses({10, 6, 3, 1}, 0.5);
  EXPECT_NEAR(g[0], 14.0 / 3.0, 1e-9 * 14.0 / 3.0);
  EXPECT_NEAR(g[1], 2.0 / 3.0, 1e-9 * 2.0 / 3.0);
  EXPECT_NEAR(g[2], 0.0, 1e-12);
  EXPECT_NEAR(g[3], 0.0, 1e-12);
}

TEST(BestResponseNash, MatchesClosedFormOnSeveralEconomies) {
  const std::vector<NashCase> cases = {
      {{10, 6, 3, 1}, 0.5},         {{5, 5, 5}, 0.3},
      {{100, 1, 1}, 0.2},           {{7, 6, 5, 4, 3, 2, 1}, 0.6},
      {{28.7, 4.6, 3.5, 3.1}, 0.1}, {{9, 8.5, 8, 1, 0.5}, 0.8},
  };
  for (const auto& c : cases) {
    const auto expected = closed_form(c.incomes, c.weight);
    const auto got = iterate_best_responses(c.incomes, c.weight);
    const double total = std::accumulate(expected.begin(), expected.end(), 0.0);
    ASSERT_GT(total, 0.0);
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_NEAR(got[i], expected[i], 1e-9 * std::max(expected[i], total))
          << "w=" << c.weight << " i=" << i;
    }
    // The closed form is a Nash equilibrium: no one gains by deviating from its best response.
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const double others = total - expected[i];
      const double br = best_response_share(c.weight, {others, c.incomes[i], 1.0, 1.0}, 0.0);
      EXPECT_NEAR(br * c.incomes[i], expected[i], 1e-9 * total);
    }
  }
}

}  // namespace
}  // namespace rampart::agents
