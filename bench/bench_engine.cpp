// The engine's costs without process start-up: the pipeline with the real model and no output,
// compressing one block's chunks, and writing whole results files (`rampart run` minus CLI).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "rampart/engine/run_to_file.hpp"
#include "rampart/engine/runner.hpp"
#include "rampart/io/chunk_codec.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/sim/model.hpp"

namespace {

namespace engine = rampart::engine;
namespace scenarios = rampart::scenarios;
namespace sim = rampart::sim;

constexpr std::int64_t kRuns = 2048;

// The baseline scenario and its model, loaded once.
struct Baseline {
  scenarios::CountryTable countries;
  scenarios::Scenario scenario;
  sim::Model model;
  Baseline()
      : countries(
            scenarios::load_country_table(std::filesystem::path(RAMPART_SOURCE_DIR) / "scenarios")),
        scenario(scenarios::load_scenario(
            std::filesystem::path(RAMPART_SOURCE_DIR) / "scenarios" / "baseline.toml", countries)),
        model(scenario, scenario.horizon) {}
  [[nodiscard]] engine::SimulateRun simulate() const {
    return [this](std::size_t, const sim::RunRng& rng, scenarios::ParameterValues& params,
                  const sim::RunRecordView& out) {
      params = sim::sample_parameters(scenario, rng);
      model.run(params, rng, out);
    };
  }
  [[nodiscard]] engine::RunPlan plan(std::int64_t runs, int block_runs) const {
    return {1, runs, block_runs, 20250601, model.shape()};
  }
};

const Baseline& baseline() {
  static const Baseline b;
  return b;
}

void report(benchmark::State& state, std::int64_t runs_per_iteration) {
  const auto& b = baseline();
  const double agent_years = static_cast<double>(runs_per_iteration) * b.model.shape().states *
                             (b.model.shape().years - 1);
  state.SetItemsProcessed(state.iterations() * runs_per_iteration);
  state.counters["agent_years"] =
      benchmark::Counter(agent_years, benchmark::Counter::kIsIterationInvariantRate);
}

// Arguments: threads, runs per block.
void BM_PipelineNoOutput(benchmark::State& state) {
  const auto& b = baseline();
  const auto simulate = b.simulate();
  const engine::WriteBlock discard = [](const engine::BlockBuffer&) {};
  const int threads = static_cast<int>(state.range(0));
  const auto plan = b.plan(kRuns, static_cast<int>(state.range(1)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        engine::run_pipeline(plan, simulate, discard, {threads, 0, nullptr, {}}));
  }
  report(state, kRuns);
}
BENCHMARK(BM_PipelineNoOutput)
    ->ArgsProduct({{1, 2}, {16, 64, 128, 256}})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_EncodeBlock(benchmark::State& state) {
  const auto& b = baseline();
  engine::BlockBuffer block(b.model.shape(), 256);
  block.assign(0, 0, 256);
  const auto simulate = b.simulate();
  for (int j = 0; j < 256; ++j) {
    simulate(0, sim::RunRng(20250601, static_cast<std::uint64_t>(j)), block.parameters(j),
             block.view(j));
  }
  for (auto _ : state) {
    engine::encode_block(block);
    benchmark::DoNotOptimize(block.encoded().data());
  }
  report(state, 256);
}
BENCHMARK(BM_EncodeBlock)->Unit(benchmark::kMillisecond);

void BM_RunToFile(benchmark::State& state) {
  const auto& b = baseline();
  const auto simulate = b.simulate();
  const auto out = std::filesystem::temp_directory_path() /
                   ("rampart_bench_" + std::to_string(::getpid()) + ".h5");
  engine::RunToFileRequest request;
  request.header.scenario_names = {b.scenario.name};
  request.header.scenario_tomls = {scenarios::to_toml(b.scenario)};
  for (const auto& c : b.scenario.countries) {
    request.header.country_iso3.push_back(c.iso3);
    request.header.country_names.push_back(c.name);
  }
  request.header.seed = 20250601;
  request.header.runs = kRuns;
  request.header.horizon = b.scenario.horizon;
  request.header.block_runs = engine::default_block_runs(kRuns);
  request.header.created = engine::creation_timestamp();
  request.shape = b.model.shape();
  request.output = out;
  request.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(engine::run_to_file(request, simulate));
    state.PauseTiming();
    std::filesystem::remove(out);
    state.ResumeTiming();
  }
  report(state, kRuns);
}
BENCHMARK(BM_RunToFile)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
