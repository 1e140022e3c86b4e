#pragma once
// `rampart summarize`: per scenario (or sweep point), year, variable and country selection, the
// distribution of a series across runs - mean, standard deviation, Monte Carlo standard error, a
// normal confidence interval for the mean and type-7 quantiles - plus the cumulative
// probabilities of a crisis and of a deterrence failure by each year with Wilson intervals
// (docs/analysis.md, "summarize").

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/analysis/results_scan.hpp"
#include "rampart/analysis/table.hpp"

namespace rampart::analysis {

struct SummarizeRequest {
  // State variables (aggregated over each selection), world variables and summary variables by
  // their dataset names; empty means {"spending_share"}.
  std::vector<std::string> variables;
  // "all", a list "2025,2030", ranges "2025-2035" (mixable: "2025,2030-2035"), or "" for the
  // default: the first simulated year, every year divisible by 5, and the last year.
  std::string years;
  // Built-in groups and ISO3 codes; both empty means every built-in group.
  std::vector<std::string> groups;
  std::vector<std::string> countries;
  // Scenario (point) names; empty means all.
  std::vector<std::string> scenarios;
  bool events = true;
  double confidence = 0.95;
  // Refuse before reading when the values kept for exact quantiles would exceed this.
  std::size_t max_memory_mib = 4096;
};

// The quantile probabilities of every continuous row.
inline constexpr std::array<double, 5> kSummaryQuantiles = {0.05, 0.25, 0.5, 0.75, 0.95};

inline constexpr std::string_view kCrisisByYear = "P(crisis by year)";
inline constexpr std::string_view kFailureByYear = "P(deterrence failure by year)";

struct SummaryRow {
  std::string scenario;
  std::optional<int> year;  // none for summary variables
  std::string variable;
  std::string selection;  // group, ISO3 code, "world" or "run"
  std::int64_t runs = 0;  // runs with a defined (non-NaN) value
  double mean = 0.0;      // a proportion for event rows
  double sd = 0.0;
  double se = 0.0;
  double ci_low = 0.0;
  double ci_high = 0.0;
  bool is_event = false;  // event rows have no quantiles
  std::array<double, kSummaryQuantiles.size()> quantiles{};
};

struct SummaryResult {
  std::string file;
  std::string scenario_dim;  // "scenario" or "point"
  double confidence = 0.95;
  std::vector<std::string> scenarios;  // those summarised, in file order
  std::vector<SummaryRow> rows;        // scenario, variable, year, selection order; events last
  std::vector<std::string> notes;
};

// The years a --years text selects (ascending, each in the file); RequestError otherwise.
std::vector<int> select_years(std::string_view text, const ResultsScan& scan);

// Bytes kept in memory for exact quantiles: 4 per run and cell (a scenario, year, variable and
// selection), plus 2 per run for the event years.
std::size_t summarize_memory_bytes(const ResultsScan& scan, const SummarizeRequest& request);

// Reads the file once (ResultsScan::for_each_block_all). Throws RequestError for unknown names,
// an empty selection, or a memory estimate above request.max_memory_mib.
SummaryResult summarize(const ResultsScan& scan, const SummarizeRequest& request);

// One tidy table: scenario (or point), year, variable, selection, runs, mean, sd, se, ci_low,
// ci_high, q05, q25, q50, q75, q95.
Table to_table(const SummaryResult& result);
// The same rows, one table per scenario without the scenario column (readable text output).
std::vector<Table> to_tables_by_scenario(const SummaryResult& result);

}  // namespace rampart::analysis
