#pragma once
// Shared by the expert-view and findings suites: the library's scenarios as the CLI loads them,
// and the run count and seed every measurement uses (docs/scenarios.md, docs/model.md).

#include <cstdint>
#include <string>
#include <string_view>

#include "rampart/scenarios/country.hpp"
#include "rampart/scenarios/scenario.hpp"

namespace rampart::test {

inline constexpr int kRuns = 2000;
inline constexpr std::uint64_t kSeed = 20250601;  // the library's default seed (baseline.toml)

inline const scenarios::CountryTable& countries() {
  static const scenarios::CountryTable table =
      scenarios::load_country_table(RAMPART_SOURCE_DIR "/scenarios");
  return table;
}

inline scenarios::Scenario library(std::string_view name) {
  return scenarios::load_scenario(
      std::string(RAMPART_SOURCE_DIR "/scenarios/") + std::string(name) + ".toml", countries());
}

}  // namespace rampart::test
