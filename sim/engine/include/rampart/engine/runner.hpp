#pragma once
// The Monte Carlo pipeline: work items are the plan's blocks in scenario-major order; a
// serial in-order source hands out items, a parallel stage simulates the runs of a block into a
// pooled BlockBuffer, and a serial in-order sink (the HDF5 writer) consumes blocks in item order.
// Run r of every scenario uses RunRng(seed, r): common random numbers across scenarios.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>

#include "rampart/io/block_buffer.hpp"
#include "rampart/io/run_plan.hpp"
#include "rampart/scenarios/parameters.hpp"
#include "rampart/sim/rng.hpp"
#include "rampart/sim/run_record.hpp"

namespace rampart::engine {

// Simulates one run of scenario `scenario`: stores the sampled parameters in `params` and fills
// `out`. Called concurrently from several threads; must depend only on its arguments.
using SimulateRun =
    std::function<void(std::size_t scenario, const sim::RunRng& rng,
                       scenarios::ParameterValues& params, const sim::RunRecordView& out)>;

// Consumes one finished block, in item order, on one thread at a time.
using WriteBlock = std::function<void(const BlockBuffer& block)>;

struct PipelineOptions {
  int threads = 1;                          // worker threads (tbb::global_control)
  std::int64_t first_block = 0;             // resume: items before this are done
  const std::atomic<bool>* stop = nullptr;  // set (e.g. by a signal) to stop handing out work
  // Runs in the parallel stage after a block's runs are simulated (e.g. compress its chunks).
  std::function<void(BlockBuffer&)> finish_block;
  std::int64_t end_block = -1;  // a shard: stop before this item (-1: run to the last item)
};

struct PipelineOutcome {
  std::int64_t blocks_done = 0;  // next item: items written, counting those before first_block
  std::size_t buffers = 0;       // size of the buffer pool used (memory bound)
  bool complete = false;
};

// Runs items first_block..end_block in order until all are written or `stop` is set. Blocks already
// in flight when `stop` is seen are finished and written. Exceptions from either callback stop the
// pipeline and propagate.
PipelineOutcome run_pipeline(const RunPlan& plan, const SimulateRun& simulate,
                             const WriteBlock& write, const PipelineOptions& options);

}  // namespace rampart::engine
