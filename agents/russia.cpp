#include "rampart/agents/russia.hpp"

#include <algorithm>
#include <cmath>

namespace rampart::agents {

double war_absorption(bool war_active, double absorption_2024, double aid_ratio,
                      double aid_elasticity) {
  if (!war_active) return 0.0;
  return std::min(1.0, absorption_2024 * std::pow(std::max(0.0, aid_ratio), aid_elasticity));
}

double next_russia_capability(double previous, double depreciation, double spending,
                              double absorbed, bool war_active, double rebuild_multiplier) {
  const double rebuild = war_active ? 1.0 : rebuild_multiplier;
  return (1.0 - depreciation) * previous + (1.0 - absorbed) * spending * rebuild;
}

double initial_russia_capability(double spending, double depreciation, double absorption_2024) {
  return (1.0 - std::min(absorption_2024, 0.99)) * spending / depreciation;
}

double probe_probability(double deterrence_2024, double deterrence_now, bool war_active,
                         const ProbeParams& p) {
  if (p.base <= 0.0) return 0.0;
  // A vanished deterrence ratio makes a probe as likely as the cap allows.
  if (deterrence_now <= 0.0) return p.max;
  const double ratio = deterrence_2024 / deterrence_now;
  const double probability =
      p.base * std::pow(ratio, p.elasticity) * (war_active ? p.war_factor : 1.0);
  return std::min(p.max, probability);
}

}  // namespace rampart::agents
