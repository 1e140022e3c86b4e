// The engine's costs without process start-up: the pipeline with the real model and no output,
// compressing one block's chunks, and writing whole results files (`rampart run` minus CLI).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "baseline_fixture.hpp"
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
using rampart::bench::BaselineFixture;

constexpr std::int64_t kRuns = 2048;

constexpr std::uint64_t kSeed = 20250601;

// The baseline scenario to its own horizon (2035) and its model, loaded once.
const BaselineFixture& baseline() {
  static const BaselineFixture b(std::filesystem::path(RAMPART_SOURCE_DIR) / "scenarios",
                                 std::nullopt);
  return b;
}

engine::RunPlan plan(std::int64_t runs, int block_runs) {
  return {1, runs, block_runs, kSeed, baseline().model.shape()};
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
  const auto run_plan = plan(kRuns, static_cast<int>(state.range(1)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        engine::run_pipeline(run_plan, simulate, discard, {threads, 0, nullptr, {}}));
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
    simulate(0, sim::RunRng(kSeed, static_cast<std::uint64_t>(j)), block.parameters(j),
             block.view(j));
  }
  const auto compression = static_cast<engine::Compression>(state.range(0));
  // --keep-bits: the block is rounded in place on the first pass; later passes round it again
  // (the same work, the same values) and encode it.
  const auto keep_bits = static_cast<int>(state.range(1));
  state.SetLabel(std::string(engine::compression_name(compression)) + ", keep " +
                 std::to_string(keep_bits));
  std::size_t bytes = 0;
  for (auto _ : state) {
    engine::encode_block(block, compression, keep_bits);
    benchmark::DoNotOptimize(block.encoded().data());
    bytes = 0;
    for (const auto& chunk : block.encoded()) bytes += chunk.size();
  }
  state.counters["bytes"] = static_cast<double>(bytes);
  report(state, 256);
}
BENCHMARK(BM_EncodeBlock)
    ->Args({static_cast<int>(engine::Compression::Deflate), engine::kAllMantissaBits})
    ->Args({static_cast<int>(engine::Compression::None), engine::kAllMantissaBits})
    ->Args({static_cast<int>(engine::Compression::Deflate), 15})
    ->Args({static_cast<int>(engine::Compression::Deflate), 7})
    ->Unit(benchmark::kMillisecond);

void BM_RunToFile(benchmark::State& state) {
  const auto& b = baseline();
  const auto simulate = b.simulate();
  const auto out = std::filesystem::temp_directory_path() /
                   ("rampart_bench_" + std::to_string(::getpid()) + ".h5");
  const auto request = b.run_to_file_request(kRuns, kSeed, static_cast<int>(state.range(0)), out);
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
