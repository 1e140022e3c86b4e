#pragma once
// The 2014-2024 record (scenarios/data/history/, each series with its source in the README
// there): what a run that starts before 2025 follows in the years the record covers, and what
// `rampart calibrate` and `rampart validate` fit and score against.

#include <array>
#include <filesystem>
#include <vector>

#include "rampart/scenarios/country.hpp"

namespace rampart::scenarios {

inline constexpr int kHistoryFirstYear = 2014;
inline constexpr int kHistoryLastYear = 2024;
inline constexpr int kHistoryYears = kHistoryLastYear - kHistoryFirstYear + 1;

using HistorySeries = std::array<double, kHistoryYears>;

struct History {
  bool loaded = false;  // false when the data folder has no history/ (start year 2024 only)
  // Per state, in CountryTable order.
  std::vector<HistorySeries> share;    // defence share of GDP (fraction); NaN where not recorded
  std::vector<bool> share_from_panel;  // NATO panel (true) or SIPRI with interpolated gaps
  std::vector<int> accession_year;     // NATO accession during 2014-2024, 0 if none
  std::vector<double> gdp_2014;        // USD bn, current prices
  HistorySeries russia_milex{};        // Russia, constant (2023) USD bn
  std::array<bool, kHistoryYears> us_transactional{};  // the US stance by year
  std::array<bool, kHistoryYears> war_active{};        // full-scale war in Ukraine
  double guideline = 0.02;                             // Wales: 2 % of GDP, from 2014

  [[nodiscard]] static int index(int year) { return year - kHistoryFirstYear; }
  [[nodiscard]] static bool covers(int year) {
    return year >= kHistoryFirstYear && year <= kHistoryLastYear;
  }
  // The state's GDP in a recorded year: geometric interpolation between the 2014 and 2024
  // figures (a real-GDP series by state and year is not in the data; see the README).
  [[nodiscard]] double gdp(std::size_t state, int year, double gdp_2024) const;
};

struct CalibrationData;

// Loads the data/history/ files of `data` for the states of `table`. No history file at all
// gives History{.loaded = false}; a missing or damaged one throws DataError naming file, line,
// column.
History load_history(const CalibrationData& data, const CountryTable& table);

}  // namespace rampart::scenarios
