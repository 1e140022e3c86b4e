#pragma once
// A state's position in a scenario's country list, by ISO3 code, for the tests that look at
// one state's series (-1 when the scenario has no such state, so a test can assert on it).

#include <cstddef>
#include <string_view>

#include "rampart/scenarios/scenario.hpp"

namespace rampart::testing {

inline int index_of(const scenarios::Scenario& s, std::string_view iso3) {
  for (std::size_t i = 0; i < s.countries.size(); ++i) {
    if (s.countries[i].iso3 == iso3) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace rampart::testing
