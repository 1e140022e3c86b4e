#include "rampart/stats/morris.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "rampart/stats/descriptive.hpp"
#include "rampart/stats/errors.hpp"

namespace rampart::stats {

std::vector<MorrisEffect> morris_on_grid(std::span<const std::vector<double>> levels,
                                         std::span<const std::size_t> level_index,
                                         std::span<const double> output) {
  const std::size_t factors = levels.size();
  const std::size_t points = output.size();
  if (factors == 0) throw StatisticsError("Morris screening needs at least one factor");
  if (level_index.size() != points * factors) {
    throw StatisticsError("Morris level indices are not points x factors for the output's points");
  }
  // Mixed-radix key of a point's level indices, so a neighbour is found by adding a stride.
  std::vector<std::size_t> stride(factors);
  std::size_t cells = 1;
  for (std::size_t f = factors; f-- > 0;) {
    if (levels[f].empty())
      throw StatisticsError("Morris factor " + std::to_string(f + 1) + " has no levels");
    stride[f] = cells;
    cells *= levels[f].size();
  }
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> point_at(cells, kNone);
  for (std::size_t p = 0; p < points; ++p) {
    std::size_t key = 0;
    for (std::size_t f = 0; f < factors; ++f) {
      const std::size_t l = level_index[p * factors + f];
      if (l >= levels[f].size()) {
        throw StatisticsError("Morris level index out of range at point " + std::to_string(p));
      }
      key += l * stride[f];
    }
    if (point_at[key] != kNone) {
      throw StatisticsError("Morris grid holds points " + std::to_string(point_at[key]) + " and " +
                            std::to_string(p) + " at the same levels");
    }
    point_at[key] = p;
  }

  std::vector<MorrisEffect> result(factors);
  for (std::size_t f = 0; f < factors; ++f) {
    const std::vector<double>& lv = levels[f];
    MorrisEffect& effect = result[f];
    if (lv.size() < 2) {
      effect.mu = effect.mu_star = effect.sigma = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    const double range = lv.back() - lv.front();
    if (!(range > 0.0))
      throw StatisticsError("Morris levels of factor " + std::to_string(f + 1) +
                            " are not ascending");
    RunningMoments signed_effects;
    RunningMoments absolute_effects;
    for (std::size_t p = 0; p < points; ++p) {
      const std::size_t l = level_index[p * factors + f];
      if (l + 1 >= lv.size()) continue;
      std::size_t key = 0;
      for (std::size_t g = 0; g < factors; ++g) key += level_index[p * factors + g] * stride[g];
      const std::size_t q = point_at[key + stride[f]];
      if (q == kNone) continue;  // an incomplete grid: this pair is missing
      const double delta = (lv[l + 1] - lv[l]) / range;
      const double ee = (output[q] - output[p]) / delta;
      signed_effects.add(ee);
      absolute_effects.add(std::fabs(ee));
    }
    effect.effects = signed_effects.count();
    effect.mu = signed_effects.mean();
    effect.mu_star = absolute_effects.mean();
    effect.sigma = signed_effects.standard_deviation();
  }
  return result;
}

}  // namespace rampart::stats
