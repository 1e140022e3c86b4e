#pragma once
// Helpers for the model tests: a scenario built in code from the registry defaults and the
// library's calibration data, and an owning buffer behind a RunRecordView.

#include <cstdint>
#include <functional>
#include <vector>

#include "rampart/scenarios/country.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/sim/model.hpp"
#include "rampart/sim/run_record.hpp"
#include "rampart/sim/world.hpp"

namespace rampart::sim::testing {

inline scenarios::Scenario default_scenario(int horizon = 2035) {
  static const scenarios::CountryTable table =
      scenarios::load_country_table(RAMPART_SOURCE_DIR "/scenarios");
  scenarios::Scenario s;
  s.name = "test";
  s.horizon = horizon;
  s.countries = table.countries;
  const auto defaults = scenarios::default_parameter_values();
  for (std::size_t p = 0; p < scenarios::kNumParams; ++p) {
    s.parameters[p] = scenarios::Distribution::fixed(defaults.values[p]);
  }
  return s;
}

// Fixed parameters of a scenario, as ParameterValues.
inline scenarios::ParameterValues fixed_values(const scenarios::Scenario& s) {
  scenarios::ParameterValues v;
  for (std::size_t p = 0; p < scenarios::kNumParams; ++p) v.values[p] = s.parameters[p].value;
  return v;
}

struct RecordBuffer {
  explicit RecordBuffer(RecordShape s)
      : shape(s),
        state(kNumStateVars * static_cast<std::size_t>(s.years * s.states)),
        world(kNumWorldVars * static_cast<std::size_t>(s.years)),
        codes(kNumWorldCodes * static_cast<std::size_t>(s.years)),
        summary(kNumSummaryVars),
        events(static_cast<std::size_t>(s.max_events())) {}

  [[nodiscard]] RunRecordView view() {
    RunRecordView v;
    v.shape = shape;
    const auto per_state = static_cast<std::size_t>(shape.years * shape.states);
    const auto per_year = static_cast<std::size_t>(shape.years);
    for (std::size_t k = 0; k < kNumStateVars; ++k) v.state[k] = state.data() + k * per_state;
    for (std::size_t k = 0; k < kNumWorldVars; ++k) v.world[k] = world.data() + k * per_year;
    for (std::size_t k = 0; k < kNumWorldCodes; ++k) v.codes[k] = codes.data() + k * per_year;
    v.summary = summary.data();
    v.events = events.data();
    v.event_count = &event_count;
    return v;
  }

  RecordShape shape;
  std::vector<float> state;
  std::vector<float> world;
  std::vector<std::int8_t> codes;
  std::vector<float> summary;
  std::vector<Event> events;
  int event_count = 0;
};

// Runs the model and keeps every year's World (the observer's doubles).
inline std::vector<World> run_worlds(const Model& model, const scenarios::ParameterValues& p,
                                     const RunRng& rng, RecordBuffer& buffer) {
  std::vector<World> worlds;
  const std::function<void(const World&)> keep = [&worlds](const World& w) { worlds.push_back(w); };
  model.run(p, rng, buffer.view(), &keep);
  return worlds;
}

}  // namespace rampart::sim::testing
