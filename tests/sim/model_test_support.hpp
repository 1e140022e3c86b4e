#pragma once
// Helpers for the model tests: a scenario built in code from the registry defaults and the
// library's calibration data, and an owning buffer behind a RunRecordView.

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <numeric>
#include <vector>

#include "rampart/scenarios/country.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/sim/model.hpp"
#include "rampart/sim/run_record.hpp"
#include "rampart/sim/world.hpp"

namespace rampart::sim::testing {

// The library's scenario files (scenarios/*.toml), in name order.
inline std::vector<std::filesystem::path> library_scenario_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(RAMPART_SOURCE_DIR "/scenarios")) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

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

// The pure public-good alliance of Olson and Zeckhauser in the model's terms: a common weight w,
// no private benefit, depreciation and efficiency 1 (capability = spending), partial adjustment at
// `speed`, and nothing else that moves (norms, noise, growth, threat, probes, EU instruments, caps
// that could bind); every treaty link and the US's protection at full strength.
inline void make_pure_public_good(scenarios::Scenario& s, double w, double speed) {
  using scenarios::Param;
  const auto set = [&s](Param p, double v) {
    s.parameters[static_cast<std::size_t>(p)] = scenarios::Distribution::fixed(v);
  };
  set(Param::SecurityWeight, w);
  set(Param::AdjustmentSpeed, speed);
  set(Param::Depreciation, 1.0);
  set(Param::PrivateBenefit, 0.0);
  set(Param::ComplianceScale, 0.0);
  set(Param::SpendingNoiseSd, 0.0);
  set(Param::CommitmentNoiseSd, 0.0);
  set(Param::GdpGrowth, 0.0);
  set(Param::GdpGrowthSd, 0.0);
  set(Param::MaxRealGrowth, 2.0);
  set(Param::FiscalRoom, 0.05);
  set(Param::PoliticalDrag, 0.0);
  set(Param::AbsorptionGrowth, 1.0);
  set(Param::Art5Strength, 1.0);
  set(Param::Art427Strength, 1.0);
  set(Param::NeutralOptOut, 1.0);
  set(Param::EuNatoInterop, 1.0);
  set(Param::Duplication, 0.0);
  set(Param::UsTheatreShare, 1.0);
  set(Param::UsCommitment, 1.0);
  set(Param::CommitmentPolitics, 0.0);
  set(Param::CommitmentThreat, 0.0);
  set(Param::CommitmentFairness, 0.0);
  set(Param::ThreatSensitivity, 0.0);
  set(Param::ProbeBase, 0.0);
  set(Param::SafeLoans, 0.0);
  set(Param::EscapeClauseUse, 0.0);
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

// Bergstrom-Blume-Varian Nash contributions of a pure public good with Cobb-Douglas utility
// (1-w) ln c + w ln G: grow the contributor set from the richest while the next income exceeds
// the contributors' private consumption c* = (1-w) G / w, G = w W_C / (w + k (1-w)).
// `contributors` receives k.
inline std::vector<double> bbv_contributions(const std::vector<double>& incomes, double w,
                                             int* contributors = nullptr) {
  std::vector<std::size_t> order(incomes.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return incomes[a] > incomes[b]; });
  double total = 0.0;
  double consumption = 0.0;
  std::size_t count = 0;
  for (std::size_t k = 1; k <= order.size(); ++k) {
    const double candidate_total = total + incomes[order[k - 1]];
    const double g = w * candidate_total / (w + static_cast<double>(k) * (1.0 - w));
    const double c = (1.0 - w) * g / w;
    if (incomes[order[k - 1]] <= c) break;
    total = candidate_total;
    consumption = c;
    count = k;
  }
  std::vector<double> out(incomes.size(), 0.0);
  for (std::size_t k = 0; k < count; ++k) out[order[k]] = incomes[order[k]] - consumption;
  if (contributors != nullptr) *contributors = static_cast<int>(count);
  return out;
}

// Runs the model and keeps every year's World (the observer's doubles).
inline std::vector<World> run_worlds(const Model& model, const scenarios::ParameterValues& p,
                                     const RunRng& rng, RecordBuffer& buffer) {
  std::vector<World> worlds;
  const std::function<void(const World&)> keep = [&worlds](const World& w) { worlds.push_back(w); };
  model.run(p, rng, buffer.view(), &keep);
  return worlds;
}

}  // namespace rampart::sim::testing
