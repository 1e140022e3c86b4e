// One run's parameter values, drawn by inverse transform from the run's Parameters stream.

#include <algorithm>
#include <cmath>

#include "rampart/sim/model.hpp"

namespace rampart::sim {

scenarios::ParameterValues sample_parameters(const scenarios::Scenario& scenario,
                                             const RunRng& rng) {
  scenarios::ParameterValues values;
  const auto specs = scenarios::parameter_specs();
  for (std::size_t p = 0; p < scenarios::kNumParams; ++p) {
    const scenarios::Distribution& d = scenario.parameters[p];
    double x = d.is_fixed() ? d.value : d.quantile(rng.uniform(Stream::Parameters, 0, p));
    // Years and categories are whole numbers; a continuous draw is rounded to the nearest.
    if (specs[p].integral()) x = std::round(x);
    values.values[p] = std::clamp(x, specs[p].min_value, specs[p].max_value);
  }
  return values;
}

}  // namespace rampart::sim
