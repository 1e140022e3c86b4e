#pragma once
// A request's runs as blocks: B runs of each of P consecutive scenarios (P = 1 unless a request
// has many scenarios of few runs, a sweep), scenario-major. A block is one HDF5 chunk of every
// chunked dataset, (P, B, ...), so the plan is the results file's chunk grid: the engine's
// pipeline simulates it block by block, the writer and merge write it, shards split it. When
// P > 1, B is the whole run count, so a block's runs are P whole scenarios, stored contiguously.

#include <algorithm>
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
  int block_scenarios = 1;  // P: scenarios per block (= chunk extent along the first dimension)

  // Blocks along `run` of one scenario (1 when block_scenarios > 1).
  [[nodiscard]] std::int64_t blocks_per_scenario() const {
    return (runs + block_runs - 1) / block_runs;
  }
  // Groups of block_scenarios consecutive scenarios (the last may hold fewer).
  [[nodiscard]] std::int64_t scenario_groups() const {
    const auto p = static_cast<std::int64_t>(block_scenarios);
    return (static_cast<std::int64_t>(scenarios) + p - 1) / p;
  }
  [[nodiscard]] std::int64_t total_blocks() const {
    return blocks_per_scenario() * scenario_groups();
  }
  // Runs a block holds at most: the size of a block buffer, of a chunk in runs.
  [[nodiscard]] int block_capacity() const { return block_runs * block_scenarios; }
  // Runs (summed over scenarios) covered by the first `blocks` items.
  [[nodiscard]] std::int64_t runs_in_first_blocks(std::int64_t blocks) const;
  // The first scenario of block `block`, how many scenarios it holds, and its first run.
  [[nodiscard]] std::size_t scenario_of(std::int64_t block) const {
    return static_cast<std::size_t>(block / blocks_per_scenario()) *
           static_cast<std::size_t>(block_scenarios);
  }
  [[nodiscard]] int scenarios_in(std::int64_t block) const {
    return static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(block_scenarios),
                                                  scenarios - scenario_of(block)));
  }
  [[nodiscard]] std::int64_t first_run_of(std::int64_t block) const {
    return (block % blocks_per_scenario()) * block_runs;
  }
  // Runs of each of the block's scenarios.
  [[nodiscard]] int runs_per_scenario_in(std::int64_t block) const {
    return static_cast<int>(std::min<std::int64_t>(block_runs, runs - first_run_of(block)));
  }
  // The block that holds run `run` of scenario `scenario`.
  [[nodiscard]] std::int64_t block_of(std::size_t scenario, std::int64_t run) const {
    return static_cast<std::int64_t>(scenario / static_cast<std::size_t>(block_scenarios)) *
               blocks_per_scenario() +
           run / block_runs;
  }
  // Whether the plan can be a file's chunk grid: positive sizes, and whole scenarios per block
  // when a block spans several (a block's runs are then contiguous in the chunk).
  [[nodiscard]] bool valid() const {
    return scenarios > 0 && runs > 0 && block_runs > 0 && block_scenarios > 0 &&
           (block_scenarios == 1 || block_runs == runs);
  }
};

// The plan of the file `header` describes (all of it, whatever shard the header names); `shape`
// sizes the pipeline's block buffers and may be left empty where only the blocks are counted.
[[nodiscard]] RunPlan plan_of(const ResultsHeader& header, const sim::RecordShape& shape = {});

// The chunk extent along `run`: 256, or fewer when the run count is small so a small request
// still splits into about 16 blocks. Depends on `runs` only, never on threads, so files are
// byte-identical at any thread count.
int default_block_runs(std::int64_t runs);

// A block's shape: runs per scenario and scenarios per block.
struct BlockShape {
  int runs = 1;
  int scenarios = 1;
};

// The chunk grid of a request of `scenarios` x `runs`: default_block_runs(runs) by one scenario,
// except for many scenarios of few runs (a sweep of 64 points or more with 128 or fewer
// replicates), where a block takes every run of up to 256 / runs scenarios (a power of two),
// keeping at least 16 blocks. Thousands of 1- or 2-run chunks per dataset cost a sweep half its
// speed in HDF5's chunk index (docs/performance.md). Depends on the request only.
BlockShape default_block_shape(std::size_t scenarios, std::int64_t runs);

}  // namespace rampart::engine
