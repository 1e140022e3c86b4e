// The pipeline alone (no HDF5): item order, block sizes, the buffer pool bound, the stop flag.

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <tuple>
#include <vector>

#include "fake_model.hpp"
#include "rampart/engine/runner.hpp"

namespace rampart::engine {
namespace {

RunPlan small_plan(std::size_t scenarios, std::int64_t runs, int block) {
  RunPlan plan;
  plan.scenarios = scenarios;
  plan.runs = runs;
  plan.block_runs = block;
  plan.seed = 7;
  plan.shape = sim::RecordShape{5, 4};
  return plan;
}

struct Seen {
  std::size_t scenario;
  std::int64_t first_run;
  int runs;
  float first_value;
  friend bool operator==(const Seen&, const Seen&) = default;
};

std::vector<Seen> run_and_collect(const RunPlan& plan, int threads, std::set<const void*>* buffers,
                                  PipelineOutcome* outcome = nullptr) {
  std::vector<Seen> seen;
  const WriteBlock write = [&](const BlockBuffer& b) {
    seen.push_back({b.first_scenario(), b.first_run(), b.runs(), b.state(sim::StateVar::Gdp)[0]});
    if (buffers != nullptr) buffers->insert(&b);
  };
  const auto result = run_pipeline(plan, testing::fake_run, write, {threads, 0, nullptr, {}});
  if (outcome != nullptr) *outcome = result;
  return seen;
}

TEST(BlockRuns, DependsOnRunsOnlyAndIsAtMost256) {
  EXPECT_EQ(default_block_runs(1), 1);
  EXPECT_EQ(default_block_runs(16), 1);
  EXPECT_EQ(default_block_runs(64), 4);
  EXPECT_EQ(default_block_runs(1000), 64);
  EXPECT_EQ(default_block_runs(20000), 256);
  EXPECT_EQ(default_block_runs(10'000'000), 256);
}

TEST(RunPlan, CountsRunsInLeadingBlocks) {
  const RunPlan plan = small_plan(2, 10, 4);  // blocks of 4, 4, 2 per scenario
  EXPECT_EQ(plan.blocks_per_scenario(), 3);
  EXPECT_EQ(plan.total_blocks(), 6);
  EXPECT_EQ(plan.runs_in_first_blocks(0), 0);
  EXPECT_EQ(plan.runs_in_first_blocks(2), 8);
  EXPECT_EQ(plan.runs_in_first_blocks(3), 10);
  EXPECT_EQ(plan.runs_in_first_blocks(4), 14);
  EXPECT_EQ(plan.runs_in_first_blocks(6), 20);
}

TEST(BlockShape, SpansScenariosOnlyForManyScenariosOfFewRuns) {
  const auto shape = [](std::size_t scenarios, std::int64_t runs) {
    const BlockShape s = default_block_shape(scenarios, runs);
    return std::pair{s.runs, s.scenarios};
  };
  EXPECT_EQ(shape(4, 1000), std::pair(64, 1));                        // `rampart run`: as before
  EXPECT_EQ(shape(63, 2), std::pair(1, 1));                           // too few points
  EXPECT_EQ(shape(100, 129), std::pair(default_block_runs(129), 1));  // too many runs
  EXPECT_EQ(shape(32768, 2), std::pair(2, 128));                      // the Sobol sweep
  EXPECT_EQ(shape(1000, 3), std::pair(3, 32));  // 256 / 3 -> 64, then at least 16 blocks -> 32
  EXPECT_EQ(shape(64, 2), std::pair(2, 4));     // at least 16 blocks
  EXPECT_EQ(shape(100000, 128), std::pair(128, 2));
}

TEST(RunPlan, BlocksOfSeveralScenariosHoldTheirWholeRuns) {
  RunPlan plan = small_plan(5, 3, 3);
  plan.block_scenarios = 2;  // blocks: scenarios {0, 1}, {2, 3}, {4}
  ASSERT_TRUE(plan.valid());
  EXPECT_EQ(plan.blocks_per_scenario(), 1);
  EXPECT_EQ(plan.total_blocks(), 3);
  EXPECT_EQ(plan.block_capacity(), 6);
  EXPECT_EQ(plan.scenario_of(1), 2U);
  EXPECT_EQ(plan.scenarios_in(1), 2);
  EXPECT_EQ(plan.scenario_of(2), 4U);
  EXPECT_EQ(plan.scenarios_in(2), 1);
  EXPECT_EQ(plan.runs_in_first_blocks(1), 6);
  EXPECT_EQ(plan.runs_in_first_blocks(2), 12);
  EXPECT_EQ(plan.runs_in_first_blocks(3), 15);
  EXPECT_EQ(plan.block_of(3, 2), 1);
  EXPECT_EQ(plan.block_of(4, 0), 2);
  plan.block_runs = 2;  // a block spanning scenarios must hold their every run
  EXPECT_FALSE(plan.valid());
}

TEST(Pipeline, BlocksOfSeveralScenariosSimulateTheSameRuns) {
  // Every (scenario, run) gets the same values whichever blocks it is simulated in.
  const auto values = [](const RunPlan& plan, int threads) {
    std::vector<std::tuple<std::size_t, std::int64_t, float>> out;
    std::vector<std::tuple<std::size_t, std::int64_t, int>> blocks;
    const WriteBlock write = [&](const BlockBuffer& b) {
      blocks.emplace_back(b.first_scenario(), b.first_run(), b.runs());
      const auto gdp = b.state(sim::StateVar::Gdp);
      const std::size_t per_run = gdp.size() / static_cast<std::size_t>(b.runs());
      for (int j = 0; j < b.runs(); ++j) {
        out.emplace_back(b.scenario_of(j), b.run_of(j),
                         gdp[static_cast<std::size_t>(j) * per_run + per_run - 1]);
      }
    };
    run_pipeline(plan, testing::fake_run, write, {threads, 0, nullptr, {}});
    return std::pair{out, blocks};
  };
  const auto [one_by_one, single_blocks] = values(small_plan(5, 3, 3), 1);
  RunPlan grouped = small_plan(5, 3, 3);
  grouped.block_scenarios = 2;
  for (const int threads : {1, 3}) {
    const auto [together, blocks] = values(grouped, threads);
    EXPECT_EQ(together, one_by_one) << threads << " threads";
    const std::vector<std::tuple<std::size_t, std::int64_t, int>> expected = {
        {0, 0, 6}, {2, 0, 6}, {4, 0, 3}};
    EXPECT_EQ(blocks, expected);
  }
  EXPECT_EQ(single_blocks.size(), 5U);
}

TEST(Pipeline, WritesBlocksInScenarioMajorOrderAtAnyThreadCount) {
  const RunPlan plan = small_plan(3, 10, 4);
  const auto reference = run_and_collect(plan, 1, nullptr);
  ASSERT_EQ(reference.size(), 9U);
  std::vector<std::tuple<std::size_t, std::int64_t, int>> order;
  for (const auto& s : reference) order.emplace_back(s.scenario, s.first_run, s.runs);
  const std::vector<std::tuple<std::size_t, std::int64_t, int>> expected = {
      {0, 0, 4}, {0, 4, 4}, {0, 8, 2}, {1, 0, 4}, {1, 4, 4},
      {1, 8, 2}, {2, 0, 4}, {2, 4, 4}, {2, 8, 2}};
  EXPECT_EQ(order, expected);
  for (const int threads : {2, 4}) {
    EXPECT_EQ(run_and_collect(plan, threads, nullptr), reference) << threads << " threads";
  }
}

TEST(Pipeline, CommonRandomNumbersAcrossScenarios) {
  // Run r of every scenario draws from RunRng(seed, r): the fake model adds the scenario index
  // to the same draw.
  const RunPlan plan = small_plan(2, 4, 4);
  const auto seen = run_and_collect(plan, 2, nullptr);
  ASSERT_EQ(seen.size(), 2U);
  EXPECT_FLOAT_EQ(seen[1].first_value - seen[0].first_value, 1.0F);
}

TEST(Pipeline, BufferPoolIsBoundedByTokensNotRuns) {
  for (const int threads : {1, 2, 4}) {
    std::set<const void*> buffers;
    PipelineOutcome outcome;
    run_and_collect(small_plan(2, 400, 4), threads, &buffers, &outcome);
    EXPECT_TRUE(outcome.complete);
    EXPECT_EQ(outcome.blocks_done, 200);
    EXPECT_LE(buffers.size(), static_cast<std::size_t>(2 * threads));
    EXPECT_EQ(outcome.buffers, static_cast<std::size_t>(2 * threads));
  }
}

TEST(Pipeline, StopFlagEndsEarlyAndResumeCoversTheRest) {
  const RunPlan plan = small_plan(2, 40, 4);
  const auto reference = run_and_collect(plan, 1, nullptr);

  std::atomic<bool> stop{false};
  std::vector<Seen> first;
  const WriteBlock write_first = [&](const BlockBuffer& b) {
    first.push_back({b.first_scenario(), b.first_run(), b.runs(), b.state(sim::StateVar::Gdp)[0]});
    if (first.size() == 5) stop = true;
  };
  const auto outcome = run_pipeline(plan, testing::fake_run, write_first, {2, 0, &stop, {}});
  EXPECT_FALSE(outcome.complete);
  EXPECT_GE(outcome.blocks_done, 5);
  EXPECT_LT(outcome.blocks_done, plan.total_blocks());
  EXPECT_EQ(static_cast<std::int64_t>(first.size()), outcome.blocks_done);

  std::vector<Seen> rest;
  const WriteBlock write_rest = [&](const BlockBuffer& b) {
    rest.push_back({b.first_scenario(), b.first_run(), b.runs(), b.state(sim::StateVar::Gdp)[0]});
  };
  const auto resumed =
      run_pipeline(plan, testing::fake_run, write_rest, {4, outcome.blocks_done, nullptr, {}});
  EXPECT_TRUE(resumed.complete);
  first.insert(first.end(), rest.begin(), rest.end());
  EXPECT_EQ(first, reference);
}

TEST(Pipeline, ExceptionFromTheWriterPropagates) {
  const WriteBlock failing = [](const BlockBuffer&) { throw std::runtime_error("disk full"); };
  EXPECT_THROW(run_pipeline(small_plan(1, 8, 2), testing::fake_run, failing, {2, 0, nullptr, {}}),
               std::runtime_error);
}

TEST(Pipeline, RejectsEmptyPlansAndZeroThreads) {
  const WriteBlock ignore = [](const BlockBuffer&) {};
  EXPECT_THROW(run_pipeline(small_plan(0, 8, 2), testing::fake_run, ignore, {1, 0, nullptr, {}}),
               std::invalid_argument);
  EXPECT_THROW(run_pipeline(small_plan(1, 8, 2), testing::fake_run, ignore, {0, 0, nullptr, {}}),
               std::invalid_argument);
}

}  // namespace
}  // namespace rampart::engine
