#include "rampart/agents/ukraine.hpp"

#include <algorithm>

namespace rampart::agents {

WarState next_war_state(WarState current, double aid_ratio, double u, const WarParams& p) {
  const double shortfall = 1.0 - std::clamp(aid_ratio, 0.0, 1.0);
  const double aid_factor = 1.0 + p.aid_sensitivity * shortfall;
  switch (current) {
    case WarState::Active:
      return u < std::min(1.0, p.p_ceasefire * aid_factor) ? WarState::Ceasefire : WarState::Active;
    case WarState::Ceasefire: {
      const double breakdown = std::min(1.0, p.p_breakdown * aid_factor);
      if (u < breakdown) return WarState::Active;
      if (u < std::min(1.0, breakdown + p.p_freeze)) return WarState::Frozen;
      return WarState::Ceasefire;
    }
    case WarState::Frozen:
      return u < p.p_breakdown / 2.0 ? WarState::Active : WarState::Frozen;
  }
  return current;
}

double desired_aid_share(double aid_share_2024, double threat_elasticity, double perceived_threat,
                         WarState war, double substitution_share) {
  const double war_factor = war == WarState::Active ? 1.0 : 0.5;
  return aid_share_2024 * (1.0 + threat_elasticity * std::max(0.0, perceived_threat)) * war_factor +
         substitution_share;
}

double next_aid_share(double previous, double desired, double speed) {
  // Aid cannot exceed the donor's GDP, however strong the threat and substitution (their
  // registry maxima together would ask for more).
  return std::min(previous + speed * (desired - previous), 1.0);
}

}  // namespace rampart::agents
