#pragma once
// A small deterministic stand-in for sim::Model: every value is a pure function of
// (scenario, run's random streams, year, state), so the engine's pipeline, writer and resume can
// be tested without the real model. Events vary in number per run (0..3).

#include <cmath>
#include <cstddef>

#include "rampart/engine/runner.hpp"

namespace rampart::engine::testing {

inline void fake_run(std::size_t scenario, const sim::RunRng& rng,
                     scenarios::ParameterValues& params, const sim::RunRecordView& out) {
  for (std::size_t p = 0; p < scenarios::kNumParams; ++p) {
    params.values[p] = rng.uniform(sim::Stream::Parameters, 0, p) + static_cast<double>(scenario);
  }
  const auto shift = static_cast<float>(scenario);
  for (int y = 0; y < out.shape.years; ++y) {
    const auto year = static_cast<std::uint64_t>(y);
    for (std::size_t v = 0; v < sim::kNumStateVars; ++v) {
      for (int s = 0; s < out.shape.states; ++s) {
        out.at(static_cast<sim::StateVar>(v), y, s) =
            static_cast<float>(
                rng.uniform(sim::Stream::StateShocks, year, static_cast<std::uint64_t>(s), v)) +
            shift;
      }
    }
    for (std::size_t v = 0; v < sim::kNumWorldVars; ++v) {
      out.at(static_cast<sim::WorldVar>(v), y) =
          static_cast<float>(rng.normal(sim::Stream::Probe, year, 0, v)) + shift;
    }
    for (std::size_t c = 0; c < sim::kNumWorldCodes; ++c) {
      out.at(static_cast<sim::WorldCode>(c), y) = static_cast<std::int8_t>(
          std::floor(rng.uniform(sim::Stream::CrisisResponse, year, 0, c) * 4.0));
    }
  }
  for (std::size_t v = 0; v < sim::kNumSummaryVars; ++v) {
    out.at(static_cast<sim::SummaryVar>(v)) =
        static_cast<float>(rng.uniform(sim::Stream::UkraineWar, 0, 0, v)) + shift;
  }
  const int events = static_cast<int>(std::floor(rng.uniform(sim::Stream::Probe, 99, 0) * 4.0));
  for (int e = 0; e < events; ++e) {
    out.push_event(sim::Event{static_cast<std::int16_t>(2025 + e), 1, static_cast<std::int8_t>(e),
                              static_cast<float>(rng.run())});
  }
}

}  // namespace rampart::engine::testing
