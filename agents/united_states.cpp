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

double us_protection(double assessed_share, const UsPolicyParams& p) {
  if (p.policy == scenarios::UsPolicy::Committed) return p.commitment;
  const double conditional = p.commitment * std::clamp(p.transactional_credibility, 0.0, 1.0);
  return assessed_share >= p.threshold ? conditional
                                       : conditional * std::clamp(p.laggard_protection, 0.0, 1.0);
}

double us_assessment(double previous_assessment, double last_share, double memory) {
  return memory * previous_assessment + (1.0 - memory) * last_share;
}

bool us_aid_ended(int year, const UsPolicyParams& p) {
  if (year >= p.aid_end_year) return true;
  return p.policy == scenarios::UsPolicy::Disengaging && year >= floor_year(p);
}

NormPull us_pressure(NormPull base, double assessed_share, double pressure, double pressure_target,
                     const UsPolicyParams& p) {
  if (p.policy != scenarios::UsPolicy::Transactional || assessed_share >= p.threshold) return base;
  return {std::min(1.0, base.compliance + pressure), std::max(base.norm, pressure_target)};
}

}  // namespace rampart::agents
