#include "rampart/analysis/country_groups.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "rampart/support/text_format.hpp"

namespace rampart::analysis {
namespace {

constexpr std::array<std::string_view, 6> kGroupNames = {"NATO",       "EU",        "NATO-Europe",
                                                         "EU-in-NATO", "frontline", "US"};

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool in_group(std::string_view group, const scenarios::Country& c) {
  const bool north_america = c.iso3 == "USA" || c.iso3 == "CAN";
  if (group == "NATO") return c.nato;
  if (group == "EU") return c.eu;
  if (group == "NATO-Europe") return c.nato && !north_america;
  if (group == "EU-in-NATO") return c.nato && c.eu;
  if (group == "frontline") return c.frontline_tier == 1;
  return c.is_us();  // "US"
}

}  // namespace

std::span<const std::string_view> builtin_group_names() {
  return kGroupNames;
}

CountrySelection resolve_selection(std::string_view name,
                                   const scenarios::CountryTable& countries) {
  for (const std::string_view group : kGroupNames) {
    if (!equal_ignoring_case(name, group)) continue;
    CountrySelection selection{std::string(group), true, {}};
    for (std::size_t i = 0; i < countries.countries.size(); ++i) {
      if (in_group(group, countries.countries[i])) selection.members.push_back(static_cast<int>(i));
    }
    return selection;
  }
  for (std::size_t i = 0; i < countries.countries.size(); ++i) {
    const std::string& code = countries.countries[i].iso3;
    if (equal_ignoring_case(name, code))
      return CountrySelection{code, false, {static_cast<int>(i)}};
  }
  std::vector<std::string_view> candidates(kGroupNames.begin(), kGroupNames.end());
  for (const auto& c : countries.countries) candidates.emplace_back(c.iso3);
  throw std::invalid_argument(
      "unknown country or group '" + std::string(name) + "';" +
      support::did_you_mean(name, candidates) + " groups are: " + support::join_names(kGroupNames) +
      "; countries are ISO3 codes: " +
      support::join_names(std::span(candidates).subspan(kGroupNames.size())));
}

Aggregation aggregation_of(sim::StateVar v) {
  switch (v) {
    case sim::StateVar::Gdp:
    case sim::StateVar::Spending:
    case sim::StateVar::Capability:
      return Aggregation::Sum;
    case sim::StateVar::SpendingShare:
    case sim::StateVar::RelatedShare:
    case sim::StateVar::AidShare:
      return Aggregation::GdpWeighted;
    case sim::StateVar::Commitment:
    case sim::StateVar::SecurityWeight:
    case sim::StateVar::PerceivedThreat:
    case sim::StateVar::DeterrenceRatio:
    case sim::StateVar::Count:
      break;
  }
  return Aggregation::Mean;
}

namespace {

// The group values of N runs; the loop over runs is innermost so their chains interleave.
template <std::size_t N>
std::array<double, N> aggregate_lanes(sim::StateVar v, const std::array<const float*, N>& values,
                                      const std::array<const float*, N>& gdp,
                                      std::span<const int> members) {
  std::array<double, N> sum{};
  if (members.empty()) {
    sum.fill(std::numeric_limits<double>::quiet_NaN());
    return sum;
  }
  switch (aggregation_of(v)) {
    case Aggregation::Sum:
      for (const int m : members) {
        for (std::size_t k = 0; k < N; ++k) sum[k] += static_cast<double>(values[k][m]);
      }
      return sum;
    case Aggregation::GdpWeighted: {
      std::array<double, N> weight{};
      for (const int m : members) {
        for (std::size_t k = 0; k < N; ++k) {
          sum[k] += static_cast<double>(values[k][m]) * static_cast<double>(gdp[k][m]);
          weight[k] += static_cast<double>(gdp[k][m]);
        }
      }
      for (std::size_t k = 0; k < N; ++k) sum[k] /= weight[k];
      return sum;
    }
    case Aggregation::Mean:
      for (const int m : members) {
        for (std::size_t k = 0; k < N; ++k) sum[k] += static_cast<double>(values[k][m]);
      }
      for (std::size_t k = 0; k < N; ++k) sum[k] /= static_cast<double>(members.size());
      return sum;
  }
  sum.fill(std::numeric_limits<double>::quiet_NaN());
  return sum;
}

}  // namespace

double aggregate(sim::StateVar v, std::span<const float> values, std::span<const float> gdp,
                 std::span<const int> members) {
  return aggregate_lanes<1>(v, {values.data()}, {gdp.data()}, members)[0];
}

std::array<double, kRunsTogether> aggregate_runs(
    sim::StateVar v, const std::array<const float*, kRunsTogether>& values,
    const std::array<const float*, kRunsTogether>& gdp, std::span<const int> members) {
  return aggregate_lanes<kRunsTogether>(v, values, gdp, members);
}

}  // namespace rampart::analysis
