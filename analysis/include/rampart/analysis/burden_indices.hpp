#pragma once
// Burden-sharing indices of one year's cross-section of states (docs/analysis.md, "Burden-sharing
// indices"). The same function serves simulated years (one run, one year) and observed data
// (`rampart burden DATA.csv`), so simulated and real years are measured identically.

#include <cstddef>
#include <span>

#include "rampart/stats/spearman.hpp"

namespace rampart::analysis {

struct CrossSection {
  std::span<const double> gdp;             // per state, any consistent currency unit
  std::span<const double> spending_share;  // core defence spending / GDP (fraction)
  std::span<const unsigned char> nato;     // 1 = NATO ally
  int us_index = -1;                       // index of the United States, -1 if absent
};

struct BurdenIndices {
  int allies = 0;              // NATO allies in the cross-section
  double us_share_nato = 0.0;  // US spending / all allies' spending (NaN without the US)
  int allies_at_2pct = 0;      // allies with share >= 0.02 (the US included)
  int allies_at_3_5pct = 0;    // allies with share >= 0.035 (the Hague core target)
  stats::RankCorrelation olson_zeckhauser;  // Spearman(GDP, share) across the allies
  double gini = 0.0;                        // Gini of the spending shares across the allies
};

// Throws AnalysisError when the spans' lengths differ or a value is negative or NaN.
BurdenIndices burden_indices(const CrossSection& section);

// The decimal a float32 stored in a results file stands for (its shortest round-trip text): 2 %
// is stored as 0.0199999996, below a 2 % target as a double. Shares read from files go through
// this before burden_indices, so a state at a target counts as at it in simulated and observed
// years alike (rampart burden and the index outcomes of compare/sensitivity/discover).
double decimal_of_stored(float value);

}  // namespace rampart::analysis
