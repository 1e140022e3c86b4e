#include "rampart/io/block_buffer.hpp"

#include <algorithm>
#include <cstddef>
#include <stdexcept>

#include "rampart/io/mantissa_rounding.hpp"

namespace rampart::engine {

BlockBuffer::BlockBuffer(sim::RecordShape shape, int capacity_runs)
    : shape_(shape), capacity_(capacity_runs) {
  if (capacity_runs <= 0 || shape.years <= 0 || shape.states <= 0) {
    throw std::invalid_argument("BlockBuffer: empty shape or capacity");
  }
  const std::size_t runs = idx(capacity_runs);
  state_.assign(sim::kNumStateVars, std::vector<float>(runs * state_values_per_run()));
  world_.assign(sim::kNumWorldVars, std::vector<float>(runs * idx(shape.years)));
  codes_.assign(sim::kNumWorldCodes, std::vector<std::int8_t>(runs * idx(shape.years)));
  summary_.assign(runs * sim::kNumSummaryVars, 0.0F);
  events_.assign(runs * max_events(), sim::Event{});
  event_counts_.assign(runs, 0);
  parameters_.assign(runs, scenarios::ParameterValues{});
}

void BlockBuffer::assign(std::size_t first_scenario, int scenarios, std::int64_t first_run,
                         int runs_per_scenario) {
  if (scenarios <= 0 || runs_per_scenario <= 0 || runs_per_scenario > capacity_ / scenarios) {
    throw std::invalid_argument("BlockBuffer: bad run count");
  }
  first_scenario_ = first_scenario;
  scenarios_ = scenarios;
  first_run_ = first_run;
  runs_per_scenario_ = runs_per_scenario;
  runs_ = scenarios * runs_per_scenario;
  for (auto& chunk : encoded_) chunk.clear();
}

void BlockBuffer::clear_unused_runs() {
  if (runs_ == capacity_) return;
  const std::size_t used = idx(runs_);
  for (auto& v : state_)
    std::fill(v.begin() + static_cast<std::ptrdiff_t>(used * state_values_per_run()), v.end(),
              0.0F);
  for (auto& v : world_)
    std::fill(v.begin() + static_cast<std::ptrdiff_t>(used * idx(shape_.years)), v.end(), 0.0F);
  for (auto& v : codes_)
    std::fill(v.begin() + static_cast<std::ptrdiff_t>(used * idx(shape_.years)), v.end(),
              std::int8_t{0});
  std::fill(summary_.begin() + static_cast<std::ptrdiff_t>(used * sim::kNumSummaryVars),
            summary_.end(), 0.0F);
  std::fill(parameters_.begin() + static_cast<std::ptrdiff_t>(used), parameters_.end(),
            scenarios::ParameterValues{});
}

sim::RunRecordView BlockBuffer::view(int j) {
  const std::size_t run = idx(j);
  sim::RunRecordView v;
  v.shape = shape_;
  for (std::size_t i = 0; i < sim::kNumStateVars; ++i) {
    v.state[i] = state_[i].data() + run * state_values_per_run();
  }
  for (std::size_t i = 0; i < sim::kNumWorldVars; ++i) {
    v.world[i] = world_[i].data() + run * idx(shape_.years);
  }
  for (std::size_t i = 0; i < sim::kNumWorldCodes; ++i) {
    v.codes[i] = codes_[i].data() + run * idx(shape_.years);
  }
  v.summary = summary_.data() + run * sim::kNumSummaryVars;
  v.events = events_.data() + run * max_events();
  event_counts_[run] = 0;
  v.event_count = &event_counts_[run];
  return v;
}

void BlockBuffer::round_series(int keep_bits) {
  if (keep_bits == kAllMantissaBits) return;
  for (auto& v : state_) round_mantissas(v, keep_bits);
  for (auto& v : world_) round_mantissas(v, keep_bits);
}

std::span<const float> BlockBuffer::state(sim::StateVar v) const {
  return {state_[static_cast<std::size_t>(v)].data(), idx(runs_) * state_values_per_run()};
}

std::span<const float> BlockBuffer::world(sim::WorldVar v) const {
  return {world_[static_cast<std::size_t>(v)].data(), idx(runs_) * idx(shape_.years)};
}

std::span<const std::int8_t> BlockBuffer::codes(sim::WorldCode c) const {
  return {codes_[static_cast<std::size_t>(c)].data(), idx(runs_) * idx(shape_.years)};
}

}  // namespace rampart::engine
