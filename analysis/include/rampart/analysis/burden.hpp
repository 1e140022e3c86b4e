#pragma once
// `rampart burden`: the burden-sharing indices (burden_indices.hpp) of observed cross-sections
// (a CSV, observed_data.hpp) and, per scenario and year, their distribution over the runs of a
// results file, next to Europe's capability, the weakest frontline deterrence ratio and the
// cumulative crisis and deterrence-failure probabilities (docs/analysis.md, "burden").

#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/analysis/observed_data.hpp"
#include "rampart/analysis/results_scan.hpp"
#include "rampart/analysis/table.hpp"

namespace rampart::analysis {

// The rows of the simulated table, per scenario and year, in this order. Proportions (the share
// of runs with an Olson-Zeckhauser p below 0.05, and the two event probabilities) carry Wilson
// intervals and no quantiles.
inline constexpr std::array<std::string_view, 12> kBurdenIndexNames = {
    "allies",
    "us_share_nato",
    "at_2pct",
    "at_3_5pct",
    "oz_rho",
    "oz_p",
    "oz_p_below_0.05",
    "gini",
    "europe_capability",
    "frontline_deterrence",
    "P(crisis by year)",
    "P(deterrence failure by year)",
};

struct BurdenRequest {
  // Scenario (point) names; empty means all.
  std::vector<std::string> scenarios;
  // As `summarize --years` ("all", "2025,2030", "2025-2035"); "" is summarize's default (the
  // first simulated year, every year divisible by 5, the last) plus the data year 2024.
  std::string years;
  double confidence = 0.95;
};

struct BurdenRow {
  std::string scenario;
  int year = 0;
  std::string index;      // one of kBurdenIndexNames
  std::int64_t runs = 0;  // runs with a defined (non-NaN) value
  double mean = 0.0;      // the proportion for proportion rows
  double se = 0.0;
  double ci_low = 0.0;  // normal interval of the mean, or Wilson interval of a proportion
  double ci_high = 0.0;
  bool is_proportion = false;
  std::array<double, 3> quantiles{};  // 0.05, 0.5, 0.95 (NaN for proportions)
};

struct BurdenResult {
  std::string file;
  std::string scenario_dim;  // "scenario" or "point"
  double confidence = 0.95;
  std::vector<BurdenRow> rows;  // scenario, year, index order
  std::vector<std::string> notes;
};

// Reads the selected scenarios through ResultsScan::for_each_block (runs in parallel, each run
// into its own slot: the result does not depend on the thread count). Memberships come from
// scan.countries(s). Throws RequestError for unknown scenarios or years.
BurdenResult simulated_burden(const ResultsScan& scan, const BurdenRequest& request);

// Tidy: scenario (or point), year, index, runs, mean, se, ci_low, ci_high, q05, q50, q95.
Table to_table(const BurdenResult& result);

// One row per observed year: year, allies, us_share_nato, at_2pct, at_3_5pct, oz_rho, oz_p,
// gini. `years` as for BurdenRequest ("" or "all": every year of the data); a year the data
// lacks is a RequestError naming `source`.
Table observed_burden_table(std::span<const ObservedYear> data, std::string_view years,
                            const std::filesystem::path& source);

}  // namespace rampart::analysis
