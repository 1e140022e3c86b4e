#pragma once
// The `baseline` scenario with its horizon moved to 2050 (36 states x 26 simulated years, the
// workload of DESIGN.md section 7), loaded from the source tree, and its model; and what the
// benchmarks hand the engine: its runs and a results-file request.

#include <cstdint>
#include <filesystem>
#include <optional>

#include "rampart/engine/run_to_file.hpp"
#include "rampart/engine/runner.hpp"
#include "rampart/io/results_writer.hpp"
#include "rampart/scenarios/country.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/sim/model.hpp"

namespace rampart::bench {

inline constexpr int kBenchHorizon = 2050;

struct BaselineFixture {
  scenarios::CountryTable countries;
  scenarios::Scenario scenario;
  sim::Model model;

  // `horizon`: nullopt keeps the scenario's own (2035).
  explicit BaselineFixture(const std::filesystem::path& library,
                           std::optional<int> horizon = kBenchHorizon)
      : countries(scenarios::load_country_table(library)),
        scenario(
            with_horizon(scenarios::load_scenario(library / "baseline.toml", countries), horizon)),
        model(scenario, scenario.horizon) {}

  // Simulated state-years of one run (the year-0 initial condition is data, not simulated).
  [[nodiscard]] double agent_years_per_run() const {
    return static_cast<double>(model.shape().states) * (model.shape().years - 1);
  }

  // The engine's runs of the model: Model::sample_and_run.
  [[nodiscard]] engine::SimulateRun simulate() const {
    return [this](std::size_t, const sim::RunRng& rng, scenarios::ParameterValues& params,
                  const sim::RunRecordView& out) { model.sample_and_run(rng, params, out); };
  }

  // `rampart run baseline` minus the CLI: `runs` runs into `file`.
  [[nodiscard]] engine::RunToFileRequest run_to_file_request(
      std::int64_t runs, std::uint64_t seed, int threads, const std::filesystem::path& file) const {
    engine::RunToFileRequest request;
    request.header.scenario_names = {scenario.name};
    request.header.scenario_tomls = {scenarios::to_toml(scenario)};
    for (const auto& c : scenario.countries) {
      request.header.country_iso3.push_back(c.iso3);
      request.header.country_names.push_back(c.name);
    }
    request.header.seed = seed;
    request.header.runs = runs;
    request.header.horizon = scenario.horizon;
    request.header.block_runs = engine::default_block_runs(runs);
    request.header.created = engine::creation_timestamp();
    request.shape = model.shape();
    request.output = file;
    request.threads = threads;
    return request;
  }

 private:
  static scenarios::Scenario with_horizon(scenarios::Scenario s, std::optional<int> horizon) {
    if (horizon) s.horizon = *horizon;
    return s;
  }
};

}  // namespace rampart::bench
