#include "rampart/agents/spending_adjustment.hpp"

#include <algorithm>

namespace rampart::agents {

double adjust_share(double previous_share, double desired, double speed, double noise,
                    const AdjustmentLimits& limits) {
  double change = speed * (desired - previous_share) + noise;
  if (change > 0.0) {
    change *= std::max(0.0, 1.0 - limits.political_drag);
    change = std::min(change, limits.fiscal_room);
    change = std::min(change, std::max(0.0, limits.industry_cap - previous_share));
  }
  return std::clamp(previous_share + change, 0.0, 1.0);
}

double fiscal_room(int year, const FiscalRoomInputs& in) {
  double room = in.base_room * in.fiscal_space;
  if (in.eu) {
    if (in.escape_clause && year >= 2025 && year <= 2028) room += in.escape_clause_room / 4.0;
    if (year >= 2025 && year <= 2030) room += in.safe_room;
  }
  return room;
}

double capability_efficiency(double base_efficiency, double absorption, double previous_spending,
                             double spending) {
  if (spending <= 0.0) return base_efficiency;
  // (1 + A) / (1 + g_D) with 1 + g_D = D_t / D_{t-1}.
  const double absorbed = (1.0 + absorption) * previous_spending / spending;
  return base_efficiency * std::min(1.0, absorbed);
}

}  // namespace rampart::agents
