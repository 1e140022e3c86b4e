#pragma once
// Country selections for analysis: single states by ISO3 code and the built-in groups
// NATO, EU, NATO-Europe (NATO minus the US and Canada), EU-in-NATO, frontline (frontline tier 1)
// and US, with memberships taken from the scenario as it ran. Also how each state variable is
// combined over a group's members (docs/analysis.md, "Groups").

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/scenarios/country.hpp"
#include "rampart/sim/run_record.hpp"

namespace rampart::analysis {

// "NATO", "EU", "NATO-Europe", "EU-in-NATO", "frontline", "US" (the default --groups order).
std::span<const std::string_view> builtin_group_names();

struct CountrySelection {
  std::string name;  // canonical: the group name as listed above, or the ISO3 code
  bool is_group = false;
  std::vector<int> members;  // indices into the country table, ascending
};

// A group name (case-insensitive) or an ISO3 code (case-insensitive). Unknown names throw
// std::invalid_argument whose what() is a complete sentence with "did you mean" and the allowed
// groups; callers wrap it in a RequestError naming the file.
CountrySelection resolve_selection(std::string_view name, const scenarios::CountryTable& countries);

// How a state variable is combined over a group (per run and year):
//   Sum          gdp, spending, capability                 sum over members
//   GdpWeighted  spending_share, related_share, aid_share  sum(x * gdp) / sum(gdp)
//   Mean         commitment, security_weight, perceived_threat, deterrence_ratio
enum class Aggregation { Sum, GdpWeighted, Mean };
Aggregation aggregation_of(sim::StateVar v);

// The group value of `v` from one year's row of values of every country (`values`) and, for
// GdpWeighted, the same year's GDP row. NaN for an empty member list.
double aggregate(sim::StateVar v, std::span<const float> values, std::span<const float> gdp,
                 std::span<const int> members);

// aggregate() of kRunsTogether runs at once (rows `values[k]` and `gdp[k]` of run k, each
// `countries` long): the same operations for each run, so the same numbers, but the runs' sums
// overlap in the CPU where one alone waits on every addition. `gdp` is read for GdpWeighted only.
inline constexpr std::size_t kRunsTogether = 8;
std::array<double, kRunsTogether> aggregate_runs(
    sim::StateVar v, const std::array<const float*, kRunsTogether>& values,
    const std::array<const float*, kRunsTogether>& gdp, std::span<const int> members);

}  // namespace rampart::analysis
