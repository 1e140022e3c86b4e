#include "rampart/io/run_plan.hpp"

#include <algorithm>
#include <bit>

#include "rampart/io/results_header.hpp"

namespace rampart::engine {

std::int64_t RunPlan::runs_in_first_blocks(std::int64_t blocks) const {
  const std::int64_t per_scenario = blocks_per_scenario();
  if (per_scenario == 0) return 0;
  const std::int64_t whole_scenarios = blocks / per_scenario;
  const std::int64_t partial_blocks = blocks % per_scenario;
  return whole_scenarios * runs + std::min(runs, partial_blocks * block_runs);
}

RunPlan plan_of(const ResultsHeader& header, const sim::RecordShape& shape) {
  RunPlan plan;
  plan.scenarios = header.scenario_names.size();
  plan.runs = header.runs;
  plan.block_runs = header.block_runs;
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

}  // namespace rampart::engine
