#include "rampart/engine/runner.hpp"

#include <tbb/concurrent_queue.h>
#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>

#include <algorithm>
#include <bit>
#include <memory>
#include <stdexcept>
#include <vector>

namespace rampart::engine {

std::int64_t RunPlan::runs_in_first_blocks(std::int64_t blocks) const {
  const std::int64_t per_scenario = blocks_per_scenario();
  if (per_scenario == 0) return 0;
  const std::int64_t whole_scenarios = blocks / per_scenario;
  const std::int64_t partial_blocks = blocks % per_scenario;
  return whole_scenarios * runs + std::min(runs, partial_blocks * block_runs);
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

// Debian's oneTBB is not built with ThreadSanitizer, so TSan cannot see the synchronisation
// inside libtbb that hands a block from one pipeline stage to the next, or a serial stage from
// one worker to another. Under TSan these annotations state those hand-offs (release when an
// object leaves a stage, acquire when it enters one); otherwise they compile to nothing.
#if defined(__SANITIZE_THREAD__)
#define RAMPART_TSAN_ANNOTATE 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RAMPART_TSAN_ANNOTATE 1
#endif
#endif
#ifdef RAMPART_TSAN_ANNOTATE
extern "C" void __tsan_acquire(void* addr);  // NOLINT(bugprone-reserved-identifier)
extern "C" void __tsan_release(void* addr);  // NOLINT(bugprone-reserved-identifier)
#endif

namespace {
void handoff_release([[maybe_unused]] const void* object) {
#ifdef RAMPART_TSAN_ANNOTATE
  __tsan_release(const_cast<void*>(object));
#endif
}
void handoff_acquire([[maybe_unused]] const void* object) {
#ifdef RAMPART_TSAN_ANNOTATE
  __tsan_acquire(const_cast<void*>(object));
#endif
}

// The sync point for everything set up before the pipeline starts. A stage acquires it before it
// reads its lambda's captures (which live on the calling thread's stack), so it is not one of them.
constexpr char kPipelineSetup = 0;

// Releases a serial stage's own state on every way out of it (return, stop or throw).
struct SerialStageExit {
  explicit SerialStageExit(const void* s) : state(s) {}
  SerialStageExit(const SerialStageExit&) = delete;
  SerialStageExit& operator=(const SerialStageExit&) = delete;
  ~SerialStageExit() { handoff_release(state); }
  const void* state;
};
}  // namespace

PipelineOutcome run_pipeline(const RunPlan& plan, const SimulateRun& simulate,
                             const WriteBlock& write, const PipelineOptions& options) {
  if (plan.scenarios == 0 || plan.runs <= 0 || plan.block_runs <= 0) {
    throw std::invalid_argument("run_pipeline: empty plan");
  }
  if (options.threads <= 0) throw std::invalid_argument("run_pipeline: threads must be positive");
  const std::int64_t end_item = options.end_block < 0
                                    ? plan.total_blocks()
                                    : std::min(options.end_block, plan.total_blocks());
  PipelineOutcome outcome;
  outcome.blocks_done = std::clamp<std::int64_t>(options.first_block, 0, end_item);
  if (outcome.blocks_done == end_item) {
    outcome.complete = true;
    return outcome;
  }

  const tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(options.threads));
  // One buffer per token: at most this many blocks exist at once, whatever --runs is.
  const std::size_t tokens = 2 * static_cast<std::size_t>(options.threads);
  const std::size_t pool_size =
      std::min<std::size_t>(tokens, static_cast<std::size_t>(end_item - outcome.blocks_done));
  std::vector<std::unique_ptr<BlockBuffer>> pool;
  tbb::concurrent_queue<BlockBuffer*> free_buffers;
  for (std::size_t i = 0; i < pool_size; ++i) {
    pool.push_back(std::make_unique<BlockBuffer>(plan.shape, plan.block_runs));
    free_buffers.push(pool.back().get());
  }
  outcome.buffers = pool_size;

  std::int64_t next_item = outcome.blocks_done;
  const std::int64_t per_scenario = plan.blocks_per_scenario();

  auto source = [&](tbb::flow_control& control) -> BlockBuffer* {
    handoff_acquire(&kPipelineSetup);
    handoff_acquire(&next_item);
    handoff_acquire(&free_buffers);
    const SerialStageExit leave{&next_item};
    const SerialStageExit leave_queue{&free_buffers};
    if (next_item >= end_item || (options.stop != nullptr && options.stop->load())) {
      control.stop();
      return nullptr;
    }
    BlockBuffer* buffer = nullptr;
    if (!free_buffers.try_pop(buffer)) {
      throw std::logic_error("run_pipeline: buffer pool exhausted");  // tokens bound the pool
    }
    handoff_acquire(buffer);
    const std::int64_t item = next_item++;
    const auto scenario = static_cast<std::size_t>(item / per_scenario);
    const std::int64_t first_run = (item % per_scenario) * plan.block_runs;
    buffer->assign(
        scenario, first_run,
        static_cast<int>(std::min<std::int64_t>(plan.block_runs, plan.runs - first_run)));
    handoff_release(buffer);
    return buffer;
  };
  auto simulate_block = [&](BlockBuffer* buffer) -> BlockBuffer* {
    handoff_acquire(&kPipelineSetup);
    handoff_acquire(buffer);
    for (int j = 0; j < buffer->runs(); ++j) {
      const auto run = static_cast<std::uint64_t>(buffer->first_run() + j);
      const sim::RunRng rng(plan.seed, run);
      simulate(buffer->scenario(), rng, buffer->parameters(j), buffer->view(j));
    }
    if (options.finish_block) options.finish_block(*buffer);
    handoff_release(buffer);
    return buffer;
  };
  auto write_block = [&](BlockBuffer* buffer) {
    handoff_acquire(&kPipelineSetup);
    handoff_acquire(&outcome);
    handoff_acquire(buffer);
    const SerialStageExit leave{&outcome};
    write(*buffer);
    ++outcome.blocks_done;
    handoff_release(buffer);
    handoff_acquire(&free_buffers);
    free_buffers.push(buffer);
    handoff_release(&free_buffers);
  };

  const tbb::filter<void, void> stages =
      tbb::make_filter<void, BlockBuffer*>(tbb::filter_mode::serial_in_order, source) &
      tbb::make_filter<BlockBuffer*, BlockBuffer*>(tbb::filter_mode::parallel, simulate_block) &
      tbb::make_filter<BlockBuffer*, void>(tbb::filter_mode::serial_in_order, write_block);
  handoff_release(&kPipelineSetup);  // everything set up above is seen by every stage
  // Afterwards, normally or by an exception, this thread takes back what the stages touched.
  const auto take_back = [&] {
    handoff_acquire(&outcome);
    handoff_acquire(&next_item);
    handoff_acquire(&free_buffers);
    for (const auto& buffer : pool) handoff_acquire(buffer.get());
  };
  try {
    tbb::parallel_pipeline(tokens, stages);
  } catch (...) {
    take_back();
    throw;
  }
  take_back();
  outcome.complete = outcome.blocks_done == end_item;
  return outcome;
}

}  // namespace rampart::engine
