#pragma once
// Shared by the library suites: where the library is, and its files.

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

#include "rampart/scenarios/country.hpp"

namespace rampart::test {

inline std::filesystem::path library_dir() {
  return std::filesystem::path(RAMPART_SOURCE_DIR) / "scenarios";
}

// The library files this suite owns (baseline.toml is tested with the scenarios layer).
inline constexpr std::array<std::string_view, 13> kLibraryScenarios{
    "hague_5pct",         "us_transactional",  "us_disengagement",    "european_pillar",
    "industrial_ramp",    "fragmented_europe", "ukraine_us_exit",     "russia_resurgent",
    "eu_nato_integrated", "expert_mixture",    "olson_zeckhauser",    "history_2014",
    "history_us_exit_2017"};

inline std::filesystem::path library_file(std::string_view name) {
  return library_dir() / (std::string(name) + ".toml");
}

// Loaded once per process: the 36-state table every scenario is joined with.
inline const scenarios::CountryTable& countries() {
  static const scenarios::CountryTable table = scenarios::load_country_table(library_dir());
  return table;
}

}  // namespace rampart::test
