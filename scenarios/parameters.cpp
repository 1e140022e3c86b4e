#include "rampart/scenarios/parameters.hpp"

#include <algorithm>

namespace rampart::scenarios {
namespace {

constexpr std::array<std::string_view, 3> kUsPolicyNames{"committed", "transactional",
                                                         "disengaging"};

constexpr std::array<std::string_view, 2> kPreferenceNames{"estimated", "calibrated"};
constexpr std::array<std::string_view, 2> kHistoryNames{"record", "scenario"};

constexpr std::span<const std::string_view> categories_of(Param p) {
  if (p == Param::UsPolicy) return kUsPolicyNames;
  if (p == Param::Preferences) return kPreferenceNames;
  if (p == Param::HistoryUsStance || p == Param::HistoryRussia || p == Param::HistoryWar ||
      p == Param::HistoryGuideline) {
    return kHistoryNames;
  }
  return {};
}

constexpr std::array<ParameterSpec, kNumParams> kSpecs{{
#define RAMPART_PARAM(id, path, unit, def, lo, hi, meaning) \
  {Param::id, path, unit, def, lo, hi, meaning, categories_of(Param::id)},
#include "rampart/scenarios/parameters.def"
#undef RAMPART_PARAM
}};

}  // namespace

std::span<const ParameterSpec> parameter_specs() {
  return kSpecs;
}

const ParameterSpec& spec(Param p) {
  return kSpecs[static_cast<std::size_t>(p)];
}

std::optional<Param> find_parameter(std::string_view path) {
  const auto* it = std::find_if(kSpecs.begin(), kSpecs.end(),
                                [&](const ParameterSpec& s) { return s.path == path; });
  if (it == kSpecs.end()) return std::nullopt;
  return it->id;
}

ParameterValues default_parameter_values() {
  ParameterValues v;
  for (const auto& s : kSpecs) v[s.id] = s.default_value;
  return v;
}

}  // namespace rampart::scenarios
