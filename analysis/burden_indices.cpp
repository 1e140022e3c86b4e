#include "rampart/analysis/burden_indices.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <system_error>
#include <vector>

#include "rampart/analysis/errors.hpp"
#include "rampart/stats/gini.hpp"

namespace rampart::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Thresholds of the Wales (2014) and Hague (2025) pledges, as fractions of GDP.
constexpr double kWalesTarget = 0.02;
constexpr double kHagueCoreTarget = 0.035;

void require_usable(std::span<const double> values, const char* name) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i]) || values[i] < 0.0) {
      throw AnalysisError(std::string("burden indices: ") + name + " of state " +
                          std::to_string(i) + " is " + std::to_string(values[i]) +
                          " (must be finite and non-negative)");
    }
  }
}

}  // namespace

BurdenIndices burden_indices(const CrossSection& section) {
  const std::size_t n = section.gdp.size();
  if (section.spending_share.size() != n || section.nato.size() != n) {
    throw AnalysisError("burden indices: gdp, spending_share and nato have lengths " +
                        std::to_string(n) + ", " + std::to_string(section.spending_share.size()) +
                        " and " + std::to_string(section.nato.size()));
  }
  if (section.us_index < -1 || section.us_index >= static_cast<int>(n)) {
    throw AnalysisError("burden indices: us_index " + std::to_string(section.us_index) +
                        " is outside the " + std::to_string(n) + " states");
  }
  require_usable(section.gdp, "gdp");
  require_usable(section.spending_share, "spending_share");

  BurdenIndices indices;
  std::vector<double> ally_gdp;
  std::vector<double> ally_share;
  double allies_spending = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (section.nato[i] == 0) continue;
    const double share = section.spending_share[i];
    ++indices.allies;
    ally_gdp.push_back(section.gdp[i]);
    ally_share.push_back(share);
    allies_spending += section.gdp[i] * share;
    if (share >= kWalesTarget) ++indices.allies_at_2pct;
    if (share >= kHagueCoreTarget) ++indices.allies_at_3_5pct;
  }
  const bool us_is_ally =
      section.us_index >= 0 && section.nato[static_cast<std::size_t>(section.us_index)] != 0;
  if (us_is_ally && allies_spending > 0.0) {
    const auto us = static_cast<std::size_t>(section.us_index);
    indices.us_share_nato = section.gdp[us] * section.spending_share[us] / allies_spending;
  } else {
    indices.us_share_nato = kNaN;
  }
  indices.olson_zeckhauser = stats::spearman(ally_gdp, ally_share);
  indices.gini = stats::gini(ally_share);
  return indices;
}

double decimal_of_stored(float value) {
  std::array<char, 32> buffer{};
  const auto written = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  double decimal = 0.0;
  const auto parsed = std::from_chars(buffer.data(), written.ptr, decimal);
  return parsed.ec == std::errc{} ? decimal : static_cast<double>(value);
}

}  // namespace rampart::analysis
