#pragma once
// A request's runs as blocks: B runs of one scenario each, scenario-major. A block is one HDF5
// chunk along `run` of every chunked dataset, so the plan is the results file's chunk grid: the
// engine's pipeline simulates it block by block, the writer and merge write it, shards split it.

#include <cstddef>
#include <cstdint>

#include "rampart/sim/run_record.hpp"

namespace rampart::engine {

struct ResultsHeader;

struct RunPlan {
  std::size_t scenarios = 0;
  std::int64_t runs = 0;  // per scenario
  int block_runs = 0;     // B: runs per block (= HDF5 chunk extent along `run`)
  std::uint64_t seed = 0;
  sim::RecordShape shape;

  [[nodiscard]] std::int64_t blocks_per_scenario() const {
    return (runs + block_runs - 1) / block_runs;
  }
  [[nodiscard]] std::int64_t total_blocks() const {
    return blocks_per_scenario() * static_cast<std::int64_t>(scenarios);
  }
  // Runs (summed over scenarios) covered by the first `blocks` items.
  [[nodiscard]] std::int64_t runs_in_first_blocks(std::int64_t blocks) const;
  // Which scenario block `block` belongs to, and its first run.
  [[nodiscard]] std::size_t scenario_of(std::int64_t block) const {
    return static_cast<std::size_t>(block / blocks_per_scenario());
  }
  [[nodiscard]] std::int64_t first_run_of(std::int64_t block) const {
    return (block % blocks_per_scenario()) * block_runs;
  }
};

// The plan of the file `header` describes (all of it, whatever shard the header names); `shape`
// sizes the pipeline's block buffers and may be left empty where only the blocks are counted.
[[nodiscard]] RunPlan plan_of(const ResultsHeader& header, const sim::RecordShape& shape = {});

// The chunk extent along `run`: 256, or fewer when the run count is small so a small request
// still splits into about 16 blocks. Depends on `runs` only, never on threads, so files are
// byte-identical at any thread count.
int default_block_runs(std::int64_t runs);

}  // namespace rampart::engine
