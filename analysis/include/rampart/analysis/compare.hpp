#pragma once
// Comparison of scenarios outcome by outcome (docs/analysis.md, "compare"): each compared
// scenario against the first, difference = other - first. Scenarios of one file, or one scenario
// from each of two files, are paired run by run (common random numbers: run k of each shares its
// random draws), which usually shrinks the standard error; two files with different seeds are
// compared unpaired (difference of means with sqrt(var_a/n_a + var_b/n_b)).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/analysis/results_scan.hpp"
#include "rampart/analysis/table.hpp"

namespace rampart::analysis {

// The default outcomes: NATO-Europe's and the EU's spending share, the US share of NATO
// spending, allies at 2 % and 3.5 %, NATO-Europe's commitment (all in the last year), crises,
// deterrence failures, and the condition "a deterrence failure by the last year" as 0/1.
std::vector<std::string> default_compare_outcomes(const ResultsScan& scan);

struct CompareRequest {
  // Outcome expressions, or conditions (compared as 0/1: the difference of probabilities).
  // Empty: default_compare_outcomes.
  std::vector<std::string> outcomes;
  double confidence = 0.95;
};

struct OutcomeComparison {
  std::string outcome;  // canonical label (a condition's label for 0/1 outcomes)
  std::string scenario_a;
  std::string scenario_b;
  bool paired = false;
  std::size_t pairs = 0;    // paired: pairs used (both values defined)
  std::size_t dropped = 0;  // paired: pairs dropped because either value was NaN
  std::size_t runs_a = 0;   // runs with a defined value (unpaired: the sample sizes)
  std::size_t runs_b = 0;
  double mean_a = 0.0;
  double mean_b = 0.0;
  double difference = 0.0;      // mean_b - mean_a
  double standard_error = 0.0;  // paired: sd(b - a)/sqrt(n); unpaired: the unpaired SE
  double lower = 0.0;
  double upper = 0.0;
  double unpaired_standard_error = 0.0;
  double variance_reduction = 0.0;  // NaN unpaired or when the differences are all equal
};

struct ComparisonResult {
  std::string title;
  double confidence = 0.95;
  bool paired = true;
  std::vector<OutcomeComparison> rows;
  std::vector<std::string> warnings;  // for stderr (e.g. unpaired because the seeds differ)
  std::vector<std::string> notes;     // printed under the table
};

// Scenarios (or sweep points) of one file, each against the first; needs at least two names.
// Throws RequestError for an unknown scenario, a bad outcome or fewer than two scenarios.
ComparisonResult compare_scenarios(const ResultsScan& scan, const std::vector<std::string>& names,
                                   const CompareRequest& request);

// Scenario `name_a` of file `a` against `name_b` of file `b` (an empty name: the file's first
// entry). Paired when the seeds are equal, else unpaired with a warning.
ComparisonResult compare_files(const ResultsScan& a, std::string_view name_a, const ResultsScan& b,
                               std::string_view name_b, const CompareRequest& request);

// Tidy table: outcome, scenario_a, scenario_b, pairs, mean_a, mean_b, difference, se, ci_low,
// ci_high, unpaired_se, variance_reduction; the notes say the confidence level, what
// variance_reduction means and whether the comparison was paired.
Table to_table(const ComparisonResult& result);

}  // namespace rampart::analysis
