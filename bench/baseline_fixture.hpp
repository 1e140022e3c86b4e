#pragma once
// The `baseline` scenario with its horizon moved to 2050 (36 states x 26 simulated years, the
// workload of DESIGN.md section 7), loaded from the source tree, and its model.

#include <filesystem>

#include "rampart/scenarios/country.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/sim/model.hpp"

namespace rampart::bench {

inline constexpr int kBenchHorizon = 2050;

struct BaselineFixture {
  scenarios::CountryTable countries;
  scenarios::Scenario scenario;
  sim::Model model;

  explicit BaselineFixture(const std::filesystem::path& library, int horizon = kBenchHorizon)
      : countries(scenarios::load_country_table(library)),
        scenario(
            with_horizon(scenarios::load_scenario(library / "baseline.toml", countries), horizon)),
        model(scenario, horizon) {}

  // Simulated state-years of one run (the year-0 initial condition is data, not simulated).
  [[nodiscard]] double agent_years_per_run() const {
    return static_cast<double>(model.shape().states) * (model.shape().years - 1);
  }

 private:
  static scenarios::Scenario with_horizon(scenarios::Scenario s, int horizon) {
    s.horizon = horizon;
    return s;
  }
};

}  // namespace rampart::bench
