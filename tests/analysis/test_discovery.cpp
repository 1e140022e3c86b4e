#include <gtest/gtest.h>

#include <boost/random/mersenne_twister.hpp>
#include <string>
#include <vector>

#include "rampart/analysis/discovery.hpp"
#include "rampart/analysis/errors.hpp"

namespace rampart::analysis {
namespace {

double unit(boost::random::mt19937_64& engine) {
  return static_cast<double>(engine() >> 11) * 0x1.0p-53;
}

// A sweep-like table: 4 inputs, one constant (like a fixed parameter), 3000 rows; the outcome
// is 1 inside the planted box us.presence_floor <= 0.3 and threat.growth >= 0.6, plus 2 %
// background cases, so PRIM must find the box through the noise.
struct Planted {
  std::vector<std::string> names = {"us.presence_floor", "fixed.one", "threat.growth", "noise"};
  std::vector<double> inputs;
  std::vector<double> outcome;
};

Planted planted() {
  Planted d;
  boost::random::mt19937_64 engine(2024);
  for (int r = 0; r < 3000; ++r) {
    const double floor = unit(engine);
    const double growth = unit(engine);
    const double noise = unit(engine);
    d.inputs.insert(d.inputs.end(), {floor, 1.0, growth, noise});
    const bool in_box = floor <= 0.3 && growth >= 0.6;
    d.outcome.push_back(in_box || unit(engine) < 0.02 ? 1.0 : 0.0);
  }
  return d;
}

TEST(Discovery, RecoversAPlantedBoxAndDropsConstantInputs) {
  const Planted d = planted();
  const DiscoveryResult result = discover_in_table(d.names, d.inputs, d.outcome);
  ASSERT_EQ(result.inputs.size(), 3U);
  EXPECT_EQ(result.inputs[0], "us.presence_floor");
  EXPECT_EQ(result.inputs[1], "threat.growth");
  ASSERT_EQ(result.dropped_inputs.size(), 1U);
  EXPECT_EQ(result.dropped_inputs[0], "fixed.one");
  EXPECT_EQ(result.rows, 3000U);
  const stats::PrimStep& box = result.chosen;
  EXPECT_GT(box.density, 0.9);
  EXPECT_GT(box.coverage, 0.75);
  EXPECT_NEAR(box.box.upper[0], 0.3, 0.05);
  EXPECT_NEAR(box.box.lower[1], 0.6, 0.05);
  // The irrelevant input stays (nearly) unrestricted.
  EXPECT_LT(box.box.lower[2], 0.05);
  EXPECT_GT(box.box.upper[2], 0.95);

  const Table table = to_table(result);
  EXPECT_EQ(table.rows().size(), result.prim.peeling.size() + 1);
  EXPECT_EQ(std::get<std::string>(table.rows().front()[0]), "peel");
  EXPECT_EQ(std::get<std::string>(table.rows().back()[0]), "paste");
  EXPECT_EQ(std::get<std::string>(table.rows().front().back()), "all rows (no restriction)");
  bool described = false;
  for (const std::string& note : table.notes()) {
    if (note.find("chosen box") != std::string::npos &&
        note.find("us.presence_floor <= 0.3") != std::string::npos &&
        note.find("threat.growth >= 0.") != std::string::npos) {
      described = true;
    }
  }
  EXPECT_TRUE(described);
}

TEST(Discovery, DescribesOnlyRestrictedBounds) {
  const stats::Box full{{0.0, 0.0, 0.0}, {1.0, 1.0, 1.0}};
  const stats::Box box{{0.0, 0.25, 0.1}, {0.5, 1.0, 0.9}};
  const std::vector<std::string> names = {"a", "b", "c"};
  EXPECT_EQ(describe_box(box, full, names), "a <= 0.5 and b >= 0.25 and 0.1 <= c <= 0.9");
  EXPECT_EQ(describe_box(full, full, names), "all rows (no restriction)");
}

TEST(Discovery, RejectsNoCasesOnlyCasesAndConstantInputs) {
  const std::vector<std::string> names = {"a"};
  const std::vector<double> x = {0.1, 0.2, 0.3, 0.4};
  EXPECT_THROW((void)discover_in_table(names, x, std::vector<double>{0, 0, 0, 0}), AnalysisError);
  EXPECT_THROW((void)discover_in_table(names, x, std::vector<double>{1, 1, 1, 1}), AnalysisError);
  EXPECT_THROW((void)discover_in_table(names, std::vector<double>{1, 1, 1, 1},
                                       std::vector<double>{1, 0, 0, 0}),
               AnalysisError);
  EXPECT_THROW((void)discover_in_table(names, x, std::vector<double>{1, 0, 0}), AnalysisError);
}

}  // namespace
}  // namespace rampart::analysis
