#pragma once
// One block of runs held in memory exactly as the HDF5 chunks lay it out: each per-state series
// is [run][year][state], each world series [run][year], the sampled parameters [run][parameter].
// The pipeline keeps a fixed pool of these, so simulating allocates nothing per run.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "rampart/scenarios/parameters.hpp"
#include "rampart/sim/run_record.hpp"

namespace rampart::engine {

// Leaves new elements uninitialised: the codec writes every byte it keeps, and zero-filling
// worst-case buffers per dataset cost more than the codec's copies did.
template <class T>
struct UninitialisedAllocator : std::allocator<T> {
  // std::allocator's own rebind (kept by libstdc++) would name std::allocator<U>.
  template <class U>
  struct rebind {  // NOLINT(readability-identifier-naming): the allocator protocol's name
    using other = UninitialisedAllocator<U>;
  };
  UninitialisedAllocator() = default;
  template <class U>
  explicit UninitialisedAllocator(const UninitialisedAllocator<U>& /*other*/) noexcept {}
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

// One compressed chunk, as HDF5 stores it.
using ChunkBytes = std::vector<unsigned char, UninitialisedAllocator<unsigned char>>;

class BlockBuffer {
 public:
  BlockBuffer(sim::RecordShape shape, int capacity_runs);

  // Which runs this buffer holds now (set by the pipeline's source stage): runs
  // [first_run, first_run + runs_per_scenario) of each of `scenarios` scenarios from
  // `first_scenario`, scenario-major (slot j is scenario j / runs_per_scenario).
  void assign(std::size_t first_scenario, int scenarios, std::int64_t first_run,
              int runs_per_scenario);
  // A block of one scenario.
  void assign(std::size_t scenario, std::int64_t first_run, int runs) {
    assign(scenario, 1, first_run, runs);
  }
  [[nodiscard]] std::size_t first_scenario() const { return first_scenario_; }
  [[nodiscard]] int scenarios() const { return scenarios_; }
  [[nodiscard]] std::int64_t first_run() const { return first_run_; }
  [[nodiscard]] int runs_per_scenario() const { return runs_per_scenario_; }
  [[nodiscard]] int runs() const { return runs_; }  // all scenarios together
  // The scenario and the run of slot j.
  [[nodiscard]] std::size_t scenario_of(int j) const {
    return first_scenario_ + static_cast<std::size_t>(j / runs_per_scenario_);
  }
  [[nodiscard]] std::int64_t run_of(int j) const { return first_run_ + j % runs_per_scenario_; }
  [[nodiscard]] int capacity() const { return capacity_; }
  [[nodiscard]] sim::RecordShape shape() const { return shape_; }

  // The record of run `j` (0 <= j < runs()) of this block; its event count starts at zero.
  [[nodiscard]] sim::RunRecordView view(int j);
  [[nodiscard]] scenarios::ParameterValues& parameters(int j) { return parameters_[idx(j)]; }

  // Contiguous data of the held runs, as written to the file.
  [[nodiscard]] std::span<const float> state(sim::StateVar v) const;
  [[nodiscard]] std::span<const float> world(sim::WorldVar v) const;
  [[nodiscard]] std::span<const std::int8_t> codes(sim::WorldCode c) const;
  [[nodiscard]] std::span<const scenarios::ParameterValues> parameters() const {
    return {parameters_.data(), idx(runs_)};
  }
  [[nodiscard]] float summary(int j, sim::SummaryVar v) const {
    return summary_[idx(j) * sim::kNumSummaryVars + static_cast<std::size_t>(v)];
  }
  // Whole-capacity (chunk-shaped) data; runs past runs() are zero after clear_unused_runs().
  [[nodiscard]] std::span<const float> state_chunk(sim::StateVar v) const {
    return state_[static_cast<std::size_t>(v)];
  }
  [[nodiscard]] std::span<const float> world_chunk(sim::WorldVar v) const {
    return world_[static_cast<std::size_t>(v)];
  }
  [[nodiscard]] std::span<const std::int8_t> codes_chunk(sim::WorldCode c) const {
    return codes_[static_cast<std::size_t>(c)];
  }
  [[nodiscard]] std::span<const scenarios::ParameterValues> parameters_chunk() const {
    return parameters_;
  }
  // Zeroes the slots of runs past runs() (a last, shorter block), so a chunk written whole
  // holds the same bytes whatever an earlier block left in the buffer.
  void clear_unused_runs();
  // Rounds every state and world value to `keep_bits` mantissa bits (round_mantissas), as
  // --keep-bits stores them.
  void round_series(int keep_bits);

  // Compressed chunks prepared in the parallel stage (see chunk_codec.hpp), one per chunked
  // dataset in chunked_datasets() order; empty when the block was not encoded.
  [[nodiscard]] std::vector<ChunkBytes>& encoded() { return encoded_; }
  [[nodiscard]] const std::vector<ChunkBytes>& encoded() const { return encoded_; }

  [[nodiscard]] std::span<const sim::Event> events(int j) const {
    return {events_.data() + idx(j) * max_events(),
            static_cast<std::size_t>(event_counts_[idx(j)])};
  }

 private:
  static std::size_t idx(int j) { return static_cast<std::size_t>(j); }
  [[nodiscard]] std::size_t max_events() const { return idx(shape_.max_events()); }
  [[nodiscard]] std::size_t state_values_per_run() const {
    return idx(shape_.years) * idx(shape_.states);
  }

  sim::RecordShape shape_;
  int capacity_;
  std::size_t first_scenario_ = 0;
  int scenarios_ = 1;
  std::int64_t first_run_ = 0;
  int runs_per_scenario_ = 1;
  int runs_ = 0;
  std::vector<std::vector<float>> state_;               // per StateVar: [run][year][state]
  std::vector<std::vector<float>> world_;               // per WorldVar: [run][year]
  std::vector<std::vector<std::int8_t>> codes_;         // per WorldCode: [run][year]
  std::vector<float> summary_;                          // [run][SummaryVar]
  std::vector<sim::Event> events_;                      // [run][max_events]
  std::vector<int> event_counts_;                       // [run]
  std::vector<scenarios::ParameterValues> parameters_;  // [run]
  std::vector<ChunkBytes> encoded_;
};

}  // namespace rampart::engine
