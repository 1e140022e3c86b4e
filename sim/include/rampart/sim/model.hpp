#pragma once
// One run of the agent model: scenario constants + one run's parameters + its random streams
// -> a filled RunRecordView. A Model is immutable after construction and shared by all threads.

#include <functional>

#include "rampart/scenarios/scenario.hpp"
#include "rampart/sim/rng.hpp"
#include "rampart/sim/run_record.hpp"

namespace rampart::sim {

struct World;  // sim/world.hpp: the full double-precision state of one year

class Model {
 public:
  // `horizon` is the last simulated year (2025..2050).
  Model(const scenarios::Scenario& scenario, int horizon);

  [[nodiscard]] RecordShape shape() const { return shape_; }
  [[nodiscard]] int horizon() const { return horizon_; }
  [[nodiscard]] const scenarios::Scenario& scenario() const { return *scenario_; }

  // Simulates 2024 (initial condition) .. horizon into `out`, including the run summary.
  // Allocation-free. `observer`, when set, sees the full world after each year (for trace and
  // known-answer tests).
  void run(const scenarios::ParameterValues& params, const RunRng& rng, const RunRecordView& out,
           const std::function<void(const World&)>* observer = nullptr) const;

 private:
  const scenarios::Scenario* scenario_;
  int horizon_;
  RecordShape shape_;
};

// Draws one run's parameter values: parameter p uses uniform(Stream::Parameters, 0, p), so run i
// draws the same quantile of every parameter in every scenario (common random numbers).
scenarios::ParameterValues sample_parameters(const scenarios::Scenario& scenario,
                                             const RunRng& rng);

}  // namespace rampart::sim
