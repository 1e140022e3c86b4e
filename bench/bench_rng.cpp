// Cost of the counter-based random draws the model makes (the floor's random part).
#include <benchmark/benchmark.h>

#include <cstdint>

#include "rampart/sim/rng.hpp"

namespace {

using rampart::sim::RunRng;
using rampart::sim::Stream;

void BM_UniformDraw(benchmark::State& state) {
  const RunRng rng(20250601, 7);
  std::uint64_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(rng.uniform(Stream::Probe, 2030, i++ & 63U));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_UniformDraw);

void BM_NormalDraw(benchmark::State& state) {
  const RunRng rng(20250601, 7);
  std::uint64_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(rng.normal(Stream::Probe, 2030, i++ & 63U));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NormalDraw);

// An agent-year's shocks: four normals from one block (what the model draws per state and year).
void BM_StateShocks(benchmark::State& state) {
  const RunRng rng(20250601, 7);
  std::uint64_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(rng.normals4(Stream::StateShocks, 2030, i++ & 63U));
  }
  state.SetItemsProcessed(state.iterations() * 4);
}
BENCHMARK(BM_StateShocks);

}  // namespace
