#pragma once
// Scenario discovery (`rampart discover`): where in the input space does a condition (e.g.
// "a deterrence failure by 2032") concentrate? Rows are runs, inputs are a sweep's factors or
// the sampled parameters that vary across the runs, the outcome is the condition as 0/1, and PRIM
// (prim.hpp) peels and pastes a box (Bryant & Lempert 2010 for PRIM as scenario discovery).

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rampart/analysis/results_scan.hpp"
#include "rampart/analysis/table.hpp"
#include "rampart/stats/prim.hpp"

namespace rampart::analysis {

enum class DiscoveryInputs {
  Factors,    // a sweep's factors (the design row of each run's point)
  Parameters  // every sampled parameter that varies across the rows
};

inline constexpr double kChosenDensityShare = 0.95;

struct DiscoveryResult {
  std::string condition;            // the condition's label
  std::string rows_from;            // e.g. "all 12 points x 8 replicates" or "scenario baseline"
  std::vector<std::string> inputs;  // input column names (constant ones dropped)
  std::vector<std::string> dropped_inputs;  // constant across the rows
  std::size_t rows = 0;
  std::size_t cases = 0;     // rows where the condition holds
  double confidence = 0.95;  // of the Wilson intervals on densities
  stats::PrimResult prim;
  // The box proposed: the peeling step with the largest support whose density is at least
  // kChosenDensityShare of the trajectory's highest density, pasted. The last peel is often
  // far smaller than the region of cases (it stops only at min_support).
  std::size_t chosen_step = 0;
  stats::PrimStep chosen;
  std::vector<std::string> notes;
};

// The PRIM stage on an in-memory table: inputs rows x names.size() row-major, outcome 0/1 per
// row. Drops constant input columns. Throws AnalysisError when no row or every row is a case,
// or when no input varies.
DiscoveryResult discover_in_table(std::vector<std::string> names, std::span<const double> inputs,
                                  std::span<const double> outcome,
                                  const stats::PrimOptions& options = {}, double confidence = 0.95);

struct DiscoveryRequest {
  std::filesystem::path file;
  std::string condition;                  // a Condition expression (outcome.hpp)
  std::optional<std::string> scenario;    // run files: the scenario (default: the only one)
  std::optional<DiscoveryInputs> inputs;  // default: factors for a sweep, parameters otherwise
  stats::PrimOptions prim;
  double confidence = 0.95;
  ScanOptions scan;
};

// Reads the file and runs discover_in_table. RequestError (naming the file) for an unknown
// scenario or condition, --inputs factors on a run file, a run file with several scenarios and
// no --scenario, a condition with no case or only cases, or no varying input.
DiscoveryResult discover(const DiscoveryRequest& request);

// "us.presence_floor <= 0.31 and threat.growth >= 0.02": the bounds of `box` that are tighter
// than `full` (the box spanning all rows); "all rows (no restriction)" when none is.
std::string describe_box(const stats::Box& box, const stats::Box& full,
                         std::span<const std::string> names);

// The peeling trajectory (stage "peel", step 0..) then the chosen box after pasting (stage
// "paste", step = the chosen peeling step): support, coverage, density with its Wilson
// interval, rows, and the box in words; notes: base rate and the chosen box in words.
Table to_table(const DiscoveryResult& result);

}  // namespace rampart::analysis
