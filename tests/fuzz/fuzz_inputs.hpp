#pragma once
// What every fuzz target checks, shared by the libFuzzer entry points (tests/fuzz/fuzz_*.cpp) and
// the regression test that replays the corpus and past crashes in the ordinary suites
// (tests/reliability/test_fuzz_regressions.cpp).
//
// The contract: a parser given arbitrary bytes either accepts them or throws the typed
// support::InputError. Any other exception escapes (libFuzzer reports it as a crash), and so do
// crashes, leaks and undefined behaviour under the sanitizers. An accepted scenario must also
// survive the round trip its header promises: parse_scenario(to_toml(s)) gives s back.

#include <cmath>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/analysis/observed_data.hpp"
#include "rampart/scenarios/country.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/scenarios/sweep.hpp"
#include "rampart/support/errors.hpp"

namespace rampart::fuzz {

// Thrown when an accepted input breaks a promise other than "no crash" (libFuzzer reports the
// uncaught exception as a crash with this message).
class PropertyViolation : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// The calibration table, loaded once per process (fuzz targets run millions of inputs).
inline const scenarios::CountryTable& country_table() {
  static const scenarios::CountryTable table =
      scenarios::load_country_table(scenarios::scenario_library_dir());
  return table;
}

// `extends` in fuzzed text resolves against the shipped library, so "baseline.toml" works.
inline void fuzz_scenario_text(std::string_view text) {
  scenarios::Scenario parsed;
  try {
    parsed = scenarios::parse_scenario(text, "fuzz.toml", country_table(),
                                       scenarios::scenario_library_dir());
  } catch (const support::InputError&) {
    return;
  }
  const std::string once = scenarios::to_toml(parsed);
  std::string twice;
  try {
    twice = scenarios::to_toml(scenarios::parse_scenario(once, "round_trip.toml", country_table()));
  } catch (const support::InputError& e) {
    throw PropertyViolation(std::string("to_toml output does not parse back: ") + e.what());
  }
  if (once != twice) throw PropertyViolation("parse(to_toml(s)) differs from s");
}

// Fuzzed sweeps sit where the shipped ones do, so `base = "../baseline.toml"` and library names
// ("baseline") both resolve.
inline void fuzz_sweep_text(std::string_view text) {
  scenarios::SweepLoadOptions options;
  options.library_dir = scenarios::scenario_library_dir();
  try {
    (void)scenarios::parse_sweep(text, "fuzz_sweep.toml",
                                 scenarios::scenario_library_dir() / "sweeps", options);
  } catch (const support::InputError&) {
  }
}

// The observed-data CSV of `rampart burden`: an accepted file must hold finite, non-negative
// values and columns of one length per year.
inline void fuzz_observed_csv_text(std::string_view text) {
  std::vector<analysis::ObservedYear> years;
  try {
    years = analysis::parse_observed_csv(text, "fuzz.csv", country_table());
  } catch (const support::InputError&) {
    return;
  }
  for (const auto& y : years) {
    const std::size_t n = y.countries.size();
    if (y.gdp.size() != n || y.spending_share.size() != n || y.nato.size() != n) {
      throw PropertyViolation("observed columns of different lengths");
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(y.gdp[i]) || y.gdp[i] < 0.0 || !std::isfinite(y.spending_share[i]) ||
          y.spending_share[i] < 0.0) {
        throw PropertyViolation("observed value not finite or negative");
      }
    }
  }
}

}  // namespace rampart::fuzz
