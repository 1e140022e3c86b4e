#include "rampart/io/run_plan.hpp"

#include <algorithm>
#include <bit>

#include "rampart/io/results_header.hpp"

namespace rampart::engine {

std::int64_t RunPlan::runs_in_first_blocks(std::int64_t blocks) const {
  const std::int64_t per_scenario = blocks_per_scenario();
  if (per_scenario == 0 || block_scenarios <= 0) return 0;
  const std::int64_t whole_groups = blocks / per_scenario;
  const std::int64_t partial_blocks = blocks % per_scenario;
  const auto total = static_cast<std::int64_t>(scenarios);
  const std::int64_t whole_scenarios = std::min(total, whole_groups * block_scenarios);
  // A partial group exists only when block_scenarios == 1 (a group is then one scenario).
  const std::int64_t partial_runs =
      whole_scenarios < total ? std::min(runs, partial_blocks * block_runs) : 0;
  return whole_scenarios * runs + partial_runs;
}

RunPlan plan_of(const ResultsHeader& header, const sim::RecordShape& shape) {
  RunPlan plan;
  plan.scenarios = header.scenario_names.size();
  plan.runs = header.runs;
  plan.block_runs = header.block_runs;
  plan.block_scenarios = header.block_scenarios;
  plan.seed = header.seed;
  plan.shape = shape;
  return plan;
}

int default_block_runs(std::int64_t runs) {
  constexpr std::int64_t kMaxBlock = 256;
  constexpr std::int64_t kTargetBlocks = 16;
  // runs / 16 rounded up, without the overflow of (runs + 15) / 16 near the int64 maximum.
  const std::int64_t wanted =
      std::max<std::int64_t>(1, runs / kTargetBlocks + (runs % kTargetBlocks != 0 ? 1 : 0));
  const auto rounded = static_cast<std::int64_t>(std::bit_ceil(static_cast<std::uint64_t>(wanted)));
  return static_cast<int>(std::min(kMaxBlock, rounded));
}

BlockShape default_block_shape(std::size_t scenarios, std::int64_t runs) {
  constexpr std::size_t kManyScenarios = 64;
  constexpr std::int64_t kChunkRuns = 256;
  constexpr std::size_t kMinBlocks = 16;
  const BlockShape per_scenario{default_block_runs(runs), 1};
  if (scenarios < kManyScenarios || runs <= 0 || 2 * runs > kChunkRuns) return per_scenario;
  const auto fits = std::bit_floor(static_cast<std::uint64_t>(kChunkRuns / runs));
  const auto keeps_blocks = std::bit_floor(static_cast<std::uint64_t>(scenarios / kMinBlocks));
  const auto group = static_cast<int>(std::min(fits, keeps_blocks));
  if (group <= 1) return per_scenario;
  return BlockShape{static_cast<int>(runs), group};
}

}  // namespace rampart::engine
