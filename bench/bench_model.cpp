// The model's costs: one state's yearly decision (the agent rules), one full run of `baseline`
// to 2050, and the floor kernel (floor_kernel.hpp) that the full run is compared with.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <filesystem>

#include "baseline_fixture.hpp"
#include "floor_kernel.hpp"
#include "rampart/agents/spending_adjustment.hpp"
#include "rampart/agents/state_decision.hpp"
#include "rampart/io/block_buffer.hpp"
#include "rampart/sim/model.hpp"

namespace {

namespace agents = rampart::agents;
namespace sim = rampart::sim;
using rampart::bench::BaselineFixture;

const BaselineFixture& fixture() {
  static const BaselineFixture f(std::filesystem::path(RAMPART_SOURCE_DIR) / "scenarios");
  return f;
}

// One state's yearly decision: threat-adjusted weight, best response, norm pull, and the
// share reached under the frictions (the agent functions Model::run calls per state and year).
void BM_StateDecision(benchmark::State& state) {
  double threat = 0.0;
  double share = 0.015;
  for (auto _ : state) {
    threat = threat < 0.5 ? threat + 0.001 : 0.0;
    const double weight = agents::security_weight(0.3, 1.0, threat);
    const double best = agents::best_response_share(weight, {850.0, 4100.0, 0.1, 0.9}, 0.3);
    const double desired = agents::desired_share(best, 0.6, 0.02);
    agents::AdjustmentLimits limits;
    limits.political_drag = 0.05;
    limits.fiscal_room = agents::fiscal_room(2027, {0.003, 0.8, true, false, 0.015, 0.001});
    limits.industry_cap = 0.05;
    share = agents::planned_share(share, desired, 0.3, limits);
    benchmark::DoNotOptimize(share);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StateDecision);

void report_agent_years(benchmark::State& state) {
  state.SetItemsProcessed(state.iterations());
  state.counters["ns_per_agent_year"] = benchmark::Counter(
      fixture().agent_years_per_run(),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// One run's full step: parameter sampling and Model::run of `baseline`, 2025-2050, with the
// alliance sums' portable copy (argument 0) or AVX2 copy (1; same bits).
void BM_ModelRun(benchmark::State& state) {
  const auto& f = fixture();
  const auto isa = state.range(0) == 0 ? sim::InstructionSet::Portable : sim::InstructionSet::Avx2;
  if (isa == sim::InstructionSet::Avx2 && !sim::avx2_available()) {
    state.SkipWithError("this CPU has no AVX2");
    return;
  }
  sim::Model model = f.model;
  model.set_instruction_set(isa);
  rampart::engine::BlockBuffer buffer(model.shape(), 1);
  buffer.assign(0, 0, 1);
  std::uint64_t run = 0;
  for (auto _ : state) {
    const sim::RunRng rng(20250601, run++);
    auto& params = buffer.parameters(0);
    model.sample_and_run(rng, params, buffer.view(0));
    benchmark::DoNotOptimize(buffer.state(sim::StateVar::Gdp).data());
  }
  report_agent_years(state);
}
BENCHMARK(BM_ModelRun)->Arg(0)->Arg(1);

void BM_FloorRun(benchmark::State& state) {
  const auto& f = fixture();
  const rampart::bench::FloorConstants constants(f.scenario);
  rampart::engine::BlockBuffer buffer(f.model.shape(), 1);
  buffer.assign(0, 0, 1);
  std::uint64_t run = 0;
  for (auto _ : state) {
    const sim::RunRng rng(20250601, run++);
    benchmark::DoNotOptimize(rampart::bench::floor_run(f.scenario, constants, rng,
                                                       buffer.parameters(0), buffer.view(0)));
  }
  report_agent_years(state);
}
BENCHMARK(BM_FloorRun);

}  // namespace
