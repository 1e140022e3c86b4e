#include <gtest/gtest.h>

#include <boost/random/mersenne_twister.hpp>
#include <cmath>
#include <vector>

#include "rampart/stats/errors.hpp"
#include "rampart/stats/prim.hpp"

namespace rampart::stats {
namespace {

// 2000 points uniform on [0,1)^3; the outcome is 1 exactly inside the planted box
// x0 in [0.2, 0.6], x1 in [0.5, 0.9] (x2 is irrelevant), so the box holds 16 % of the rows.
struct PlantedData {
  std::vector<double> inputs;
  std::vector<double> outcome;
};

PlantedData planted_box_data() {
  boost::random::mt19937_64 engine(42);
  PlantedData d;
  for (int r = 0; r < 2000; ++r) {
    double x[3];
    for (double& v : x) v = static_cast<double>(engine() >> 11) * 0x1.0p-53;
    d.inputs.insert(d.inputs.end(), x, x + 3);
    const bool in_box = x[0] >= 0.2 && x[0] <= 0.6 && x[1] >= 0.5 && x[1] <= 0.9;
    d.outcome.push_back(in_box ? 1.0 : 0.0);
  }
  return d;
}

TEST(Prim, RecoversAPlantedBox) {
  const PlantedData d = planted_box_data();
  const PrimResult result = prim(d.inputs, 3, d.outcome);
  ASSERT_GT(result.peeling.size(), 2U);
  const PrimStep& start = result.peeling.front();
  EXPECT_EQ(start.rows, 2000U);
  EXPECT_DOUBLE_EQ(start.coverage, 1.0);
  EXPECT_NEAR(start.density, 0.16, 0.03);
  for (std::size_t k = 1; k < result.peeling.size(); ++k) {
    EXPECT_LT(result.peeling[k].rows, result.peeling[k - 1].rows);
    EXPECT_GE(result.peeling[k].support, 0.05);
  }
  // The researcher's choice: the step with the most coverage among those of density >= 0.95.
  const PrimStep* chosen = nullptr;
  for (const PrimStep& step : result.peeling) {
    if (step.density >= 0.95 && (chosen == nullptr || step.coverage > chosen->coverage)) {
      chosen = &step;
    }
  }
  ASSERT_NE(chosen, nullptr);
  EXPECT_GT(chosen->coverage, 0.85);
  EXPECT_NEAR(chosen->box.lower[0], 0.2, 0.05);
  EXPECT_NEAR(chosen->box.upper[0], 0.6, 0.05);
  EXPECT_NEAR(chosen->box.lower[1], 0.5, 0.05);
  EXPECT_NEAR(chosen->box.upper[1], 0.9, 0.05);
  EXPECT_LT(chosen->box.lower[2], 0.05);  // the irrelevant input stays (nearly) unrestricted
  EXPECT_GT(chosen->box.upper[2], 0.95);
  // Pasting never lowers density and only widens the last peeled box.
  const PrimStep& last = result.peeling.back();
  EXPECT_GE(result.pasted.density, last.density);
  for (std::size_t c = 0; c < 3; ++c) {
    EXPECT_LE(result.pasted.box.lower[c], last.box.lower[c]);
    EXPECT_GE(result.pasted.box.upper[c], last.box.upper[c]);
  }
}

TEST(Prim, PastingTakesBackADenserSlice) {
  // x = 0..9, outcome 1 for x = 2..6. Box [4, 8] holds 1,1,1,0,0: density 0.6. With alpha 0.2
  // pasting adds ceil(0.2 * 5) = 1 row: x = 3 raises density to 4/6; x = 9 would lower it. From
  // [3, 8] it adds 2 rows: down to x = 1 gives 5/8 < 4/6, up to 9 gives 4/7: pasting stops.
  std::vector<double> inputs;
  for (int x = 0; x < 10; ++x) inputs.push_back(x);
  const std::vector<double> outcome{0, 0, 1, 1, 1, 1, 1, 0, 0, 0};
  const PrimStep pasted = paste(inputs, 1, outcome, Box{{4.0}, {8.0}}, 0.2);
  EXPECT_DOUBLE_EQ(pasted.box.lower[0], 3.0);
  EXPECT_DOUBLE_EQ(pasted.box.upper[0], 8.0);
  EXPECT_EQ(pasted.rows, 6U);
  EXPECT_DOUBLE_EQ(pasted.density, 4.0 / 6.0);
  EXPECT_DOUBLE_EQ(pasted.coverage, 4.0 / 5.0);
  EXPECT_DOUBLE_EQ(pasted.support, 0.6);
}

TEST(Prim, PeelingStopsAtMinimumSupport) {
  const PlantedData d = planted_box_data();
  PrimOptions options;
  options.alpha = 0.1;
  options.min_support = 0.3;
  const PrimResult result = prim(d.inputs, 3, d.outcome, options);
  EXPECT_GE(result.peeling.back().rows, 600U);
  // One more 10 % peel of the last box would fall below 600 rows.
  EXPECT_LT(static_cast<double>(result.peeling.back().rows) * 0.9, 600.0 + 3.0);
}

TEST(Prim, RejectsBadInput) {
  const std::vector<double> inputs{0, 1, 2, 3};
  const std::vector<double> outcome{0, 1, 0, 1};
  const std::vector<double> zeros{0, 0, 0, 0};
  const std::vector<double> negative{0, -1, 0, 1};
  EXPECT_THROW(prim(inputs, 3, outcome), StatisticsError);
  EXPECT_THROW(prim(inputs, 1, zeros), StatisticsError);
  EXPECT_THROW(prim(inputs, 1, negative), StatisticsError);
  const std::vector<double> nan_inputs{0, 1, std::nan(""), 3};
  EXPECT_THROW(prim(nan_inputs, 1, outcome), StatisticsError);
  EXPECT_THROW(prim(inputs, 1, outcome, PrimOptions{0.0, 0.05}), StatisticsError);
  EXPECT_THROW(prim(inputs, 1, outcome, PrimOptions{0.05, 1.0}), StatisticsError);
  EXPECT_THROW(paste(inputs, 2, outcome, Box{{0.0}, {1.0}}), StatisticsError);
}

}  // namespace
}  // namespace rampart::stats
