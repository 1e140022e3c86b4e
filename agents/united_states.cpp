#include "rampart/agents/united_states.hpp"

#include <algorithm>

namespace rampart::agents {

namespace {
int floor_year(const UsPolicyParams& p) {
  return p.drawdown_start + p.drawdown_years - 1;
}
}  // namespace

double us_presence(int year, const UsPolicyParams& p) {
  if (p.policy != scenarios::UsPolicy::Disengaging) return 1.0;
  const int years = std::max(1, p.drawdown_years);
  const double progress = std::clamp(
      static_cast<double>(year - (p.drawdown_start - 1)) / static_cast<double>(years), 0.0, 1.0);
  return 1.0 + (p.presence_floor - 1.0) * progress;
}

double us_protection(double ally_share, const UsPolicyParams& p) {
  if (p.policy == scenarios::UsPolicy::Transactional) {
    return ally_share >= p.threshold ? 1.0 : p.laggard_protection;
  }
  return p.commitment;
}

bool us_aid_ended(int year, const UsPolicyParams& p) {
  if (year >= p.aid_end_year) return true;
  return p.policy == scenarios::UsPolicy::Disengaging && year >= floor_year(p);
}

NormPull us_pressure(NormPull base, double ally_share, double pressure, double pressure_target,
                     const UsPolicyParams& p) {
  if (p.policy != scenarios::UsPolicy::Transactional || ally_share >= p.threshold) return base;
  return {std::min(1.0, base.compliance + pressure), std::max(base.norm, pressure_target)};
}

}  // namespace rampart::agents
