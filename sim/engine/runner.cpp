#include "rampart/engine/runner.hpp"

#include <tbb/concurrent_queue.h>
#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <vector>

namespace rampart::engine {

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
// reads the pipeline's state (set up on the calling thread), so it is not one of them.
constexpr char kPipelineSetup = 0;

// Releases a serial stage's own state on every way out of it (return, stop or throw).
struct SerialStageExit {
  explicit SerialStageExit(const void* s) : state(s) {}
  SerialStageExit(const SerialStageExit&) = delete;
  SerialStageExit& operator=(const SerialStageExit&) = delete;
  ~SerialStageExit() { handoff_release(state); }
  const void* state;
};

// One run of the pipeline over items [outcome.blocks_done, end_item): its buffer pool and the
// three stages that share it.
class Pipeline {
 public:
  Pipeline(const RunPlan& plan, const SimulateRun& simulate, const WriteBlock& write,
           const PipelineOptions& options, std::int64_t end_item, PipelineOutcome& outcome)
      : plan_(plan),
        simulate_(simulate),
        write_(write),
        options_(options),
        end_item_(end_item),
        outcome_(outcome),
        tokens_(2 * static_cast<std::size_t>(options.threads)),
        next_item_(outcome.blocks_done) {
    // One buffer per token: at most this many blocks exist at once, whatever --runs is.
    const std::size_t pool_size =
        std::min<std::size_t>(tokens_, static_cast<std::size_t>(end_item - outcome.blocks_done));
    for (std::size_t i = 0; i < pool_size; ++i) {
      pool_.push_back(std::make_unique<BlockBuffer>(plan.shape, plan.block_capacity()));
      free_buffers_.push(pool_.back().get());
    }
    outcome.buffers = pool_size;
  }

  void run() {
    const tbb::filter<void, void> stages =
        tbb::make_filter<void, BlockBuffer*>(
            tbb::filter_mode::serial_in_order,
            [this](tbb::flow_control& control) { return source(control); }) &
        tbb::make_filter<BlockBuffer*, BlockBuffer*>(
            tbb::filter_mode::parallel, [this](BlockBuffer* buffer) { return simulate(buffer); }) &
        tbb::make_filter<BlockBuffer*, void>(tbb::filter_mode::serial_in_order,
                                             [this](BlockBuffer* buffer) { write(buffer); });
    handoff_release(&kPipelineSetup);  // everything set up above is seen by every stage
    try {
      tbb::parallel_pipeline(tokens_, stages);
    } catch (...) {
      take_back();
      throw;
    }
    take_back();
  }

 private:
  // Serial, in order: hands out the next item in a free buffer.
  BlockBuffer* source(tbb::flow_control& control) {
    handoff_acquire(&kPipelineSetup);
    handoff_acquire(&next_item_);
    handoff_acquire(&free_buffers_);
    const SerialStageExit leave{&next_item_};
    const SerialStageExit leave_queue{&free_buffers_};
    if (next_item_ >= end_item_ || (options_.stop != nullptr && options_.stop->load())) {
      control.stop();
      return nullptr;
    }
    BlockBuffer* buffer = nullptr;
    if (!free_buffers_.try_pop(buffer)) {
      throw std::logic_error("run_pipeline: buffer pool exhausted");  // tokens bound the pool
    }
    handoff_acquire(buffer);
    const std::int64_t item = next_item_++;
    buffer->assign(plan_.scenario_of(item), plan_.scenarios_in(item), plan_.first_run_of(item),
                   plan_.runs_per_scenario_in(item));
    handoff_release(buffer);
    return buffer;
  }

  // Parallel: simulates the block's runs, then finishes it (e.g. compresses its chunks).
  BlockBuffer* simulate(BlockBuffer* buffer) {
    handoff_acquire(&kPipelineSetup);
    handoff_acquire(buffer);
    for (int j = 0; j < buffer->runs(); ++j) {
      const sim::RunRng rng(plan_.seed, static_cast<std::uint64_t>(buffer->run_of(j)));
      simulate_(buffer->scenario_of(j), rng, buffer->parameters(j), buffer->view(j));
    }
    if (options_.finish_block) options_.finish_block(*buffer);
    handoff_release(buffer);
    return buffer;
  }

  // Serial, in order: writes the block and returns its buffer to the pool.
  void write(BlockBuffer* buffer) {
    handoff_acquire(&kPipelineSetup);
    handoff_acquire(&outcome_);
    handoff_acquire(buffer);
    const SerialStageExit leave{&outcome_};
    write_(*buffer);
    ++outcome_.blocks_done;
    handoff_release(buffer);
    handoff_acquire(&free_buffers_);
    free_buffers_.push(buffer);
    handoff_release(&free_buffers_);
  }

  // Afterwards, normally or by an exception, the calling thread takes back what the stages
  // touched.
  void take_back() {
    handoff_acquire(&outcome_);
    handoff_acquire(&next_item_);
    handoff_acquire(&free_buffers_);
    for (const auto& buffer : pool_) handoff_acquire(buffer.get());
  }

  const RunPlan& plan_;
  const SimulateRun& simulate_;
  const WriteBlock& write_;
  const PipelineOptions& options_;
  const std::int64_t end_item_;
  PipelineOutcome& outcome_;
  const std::size_t tokens_;
  std::vector<std::unique_ptr<BlockBuffer>> pool_;
  tbb::concurrent_queue<BlockBuffer*> free_buffers_;
  std::int64_t next_item_;
};

}  // namespace

PipelineOutcome run_pipeline(const RunPlan& plan, const SimulateRun& simulate,
                             const WriteBlock& write, const PipelineOptions& options) {
  if (!plan.valid()) throw std::invalid_argument("run_pipeline: empty or inconsistent plan");
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
  Pipeline(plan, simulate, write, options, end_item, outcome).run();
  outcome.complete = outcome.blocks_done == end_item;
  return outcome;
}

}  // namespace rampart::engine
