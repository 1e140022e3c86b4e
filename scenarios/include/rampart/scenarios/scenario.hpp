#pragma once
// A validated, immutable scenario: what one scenario file (after `extends`) says will run.

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/scenarios/country.hpp"
#include "rampart/scenarios/distribution.hpp"
#include "rampart/scenarios/history.hpp"
#include "rampart/scenarios/parameters.hpp"

namespace rampart::scenarios {

inline constexpr int kFirstYear = 2024;  // the latest data year: the default start
inline constexpr int kMinStartYear = 2014;  // the first year of the record (history.hpp)
inline constexpr int kMaxStartYear = 2024;
inline constexpr int kMinHorizon = 2025;
inline constexpr int kMaxHorizon = 2050;

struct Scenario {
  std::string name;                                 // short identifier, e.g. "baseline"
  std::string description;                          // one paragraph
  std::string view;                                 // the expert or document it follows
  int start_year = kFirstYear;                      // the data year the world starts from
  int horizon = 2035;                               // last simulated year
  std::optional<std::uint64_t> seed;                // default seed for `rampart run`
  std::array<Distribution, kNumParams> parameters;  // indexed by Param
  std::vector<Country> countries;                   // 36, overrides applied
  std::filesystem::path file;                       // where it was read from ("" if from text)
  std::shared_ptr<const History> history;           // the 2014-2024 record (may be unloaded)

  [[nodiscard]] const Distribution& distribution(Param p) const {
    return parameters[static_cast<std::size_t>(p)];
  }
  // Parameters whose distribution is not fixed, in Param order.
  [[nodiscard]] std::vector<Param> uncertain_parameters() const;
};

// Reads a scenario file, resolving `extends` relative to the file. Collects every problem and
// throws InputError with all of them.
Scenario load_scenario(const std::filesystem::path& file, const CountryTable& countries);

// Parses scenario text (e.g. the resolved TOML stored in an output file). `source_name` is used
// in diagnostics; `extends` is resolved relative to `base_dir`.
Scenario parse_scenario(std::string_view toml_text, std::string_view source_name,
                        const CountryTable& countries, const std::filesystem::path& base_dir = {});

// Parses the resolved TOML a results file stores (scenario_toml, base_scenario_toml). That text
// is self-contained: an `extends` in it is refused, never followed to a file on this machine.
Scenario parse_stored_scenario(std::string_view toml_text, std::string_view source_name,
                               const CountryTable& countries);

// The fully resolved scenario as TOML: every parameter and every country attribute written out,
// no `extends`. parse_scenario(to_toml(s)) gives back an identical Scenario.
std::string to_toml(const Scenario& scenario);

}  // namespace rampart::scenarios
