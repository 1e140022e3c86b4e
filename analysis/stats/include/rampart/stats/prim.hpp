#pragma once
// PRIM scenario discovery (Friedman & Fisher 1999): boxes in the input (parameter) space where an
// outcome is concentrated, found by peeling off thin slices and then pasting some back.

#include <cstddef>
#include <span>
#include <vector>

namespace rampart::stats {

// A box of inclusive bounds, one [lower, upper] per input column.
struct Box {
  std::vector<double> lower;
  std::vector<double> upper;
  [[nodiscard]] bool contains(std::span<const double> row) const;
};

struct PrimStep {
  Box box;
  std::size_t rows = 0;   // rows inside the box
  double support = 0.0;   // rows / all rows
  double density = 0.0;   // mean outcome inside the box (share of cases for a 0/1 outcome)
  double coverage = 0.0;  // outcome inside the box / outcome over all rows
};

struct PrimOptions {
  double alpha = 0.05;  // share of the box's rows removed (peeling) or added (pasting) per step
  double min_support = 0.05;  // peeling stops before the box would hold fewer rows than this share
};

struct PrimResult {
  // Step 0 is the box spanning all rows; each further step removes one slice, so support falls
  // and (usually) density rises: the trade-off a researcher chooses from.
  std::vector<PrimStep> peeling;
  PrimStep pasted;  // the last peeled box after pasting
};

// Inputs: rows x columns, row-major; outcome: one value per row, non-negative with a positive sum
// (0/1 for "the case of interest happened"). Each peeling step tries, for every column, removing
// the rows below its alpha quantile or above its (1 - alpha) quantile (type 7, within the box)
// and keeps the removal with the highest density left. Throws StatisticsError for inconsistent
// shapes, NaN inputs, a negative or all-zero outcome, or alpha / min_support outside (0, 1).
PrimResult prim(std::span<const double> inputs, std::size_t columns,
                std::span<const double> outcome, const PrimOptions& options = {});

// Pasting: widens one bound at a time to take in about alpha x (rows in the box) of the nearest
// rows outside it, keeping the widening that raises density most, until none raises it.
PrimStep paste(std::span<const double> inputs, std::size_t columns, std::span<const double> outcome,
               const Box& box, double alpha = 0.05);

}  // namespace rampart::stats
