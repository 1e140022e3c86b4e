#include "rampart/agents/spending_adjustment.hpp"

#include <algorithm>

namespace rampart::agents {

double planned_share(double previous_share, double desired, double speed,
                     const AdjustmentLimits& limits) {
  double change = speed * (desired - previous_share);
  if (change > 0.0) {
    change *= std::max(0.0, 1.0 - limits.political_drag);
    change = std::min(change, limits.fiscal_room);
    change = std::min(change, std::max(0.0, limits.industry_cap - previous_share));
  }
  double share = previous_share + change;
  const double floor = limits.guideline_floor;
  if (floor > 0.0 && previous_share >= floor && share < floor) share = floor;
  return std::clamp(share, 0.0, 1.0);
}

double realised_share(double plan, double noise, double previous_share,
                      const AdjustmentLimits& limits, bool floor_breaks) {
  double share = std::clamp(plan + noise, 0.0, 1.0);
  const double floor = limits.guideline_floor;
  if (floor > 0.0 && previous_share >= floor && share < floor && !floor_breaks) share = floor;
  return share;
}

// The same test as realised_share's, kept apart so that a test can hold one against the other.
bool line_at_stake(double plan, double noise, double previous_share,
                   const AdjustmentLimits& limits) {
  const double floor = limits.guideline_floor;
  return floor > 0.0 && previous_share >= floor && std::clamp(plan + noise, 0.0, 1.0) < floor;
}

double fiscal_room(int year, const FiscalRoomInputs& in) {
  double room = in.base_room * in.fiscal_space;
  if (in.eu) {
    if (in.escape_clause && year >= 2025 && year <= 2028) room += in.escape_clause_room / 4.0;
    room += in.safe_share;
  }
  return room;
}

double escape_clause_phase(int year) {
  if (year <= 2024) return 0.0;
  return std::min(1.0, static_cast<double>(year - 2024) / 4.0);
}

double safe_disbursement(int year) {
  if (year == 2026) return 0.15 + 0.17;
  if (year >= 2027 && year <= 2030) return 0.17;
  return 0.0;
}

double next_capacity(double previous_capacity, double absorption, double spending) {
  return std::min(previous_capacity * (1.0 + absorption), std::max(previous_capacity, spending));
}

double capability_efficiency(double base_efficiency, double capacity, double spending) {
  if (spending <= 0.0) return base_efficiency;
  return base_efficiency * std::min(1.0, capacity / spending);
}

}  // namespace rampart::agents
