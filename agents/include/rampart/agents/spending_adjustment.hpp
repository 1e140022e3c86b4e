#pragma once
// How a state moves from last year's spending share towards its desired share: partial
// adjustment, political drag, fiscal room and the industrial growth cap.

namespace rampart::agents {

struct AdjustmentLimits {
  double political_drag = 0.0;  // state.political_drag times this year's populism
  double fiscal_room = 0.0;     // largest rise of the share this year (fiscal, escape clause, SAFE)
  // Largest share industry allows: max(D_{t-1}, 0.001 Y_t) (1 + g_max) / Y_t (the 0.1 % base
  // lets a state restart from zero).
  double industry_cap = 1.0;
};

// s_t = clamp(s_{t-1} + Delta, 0, 1) with Delta* = speed (s* - s_{t-1}) + noise (the caller
// scales the noise with s_{t-1}); a rise is cut by
// political drag and capped by fiscal room and industry, a cut is not.
[[nodiscard]] double adjust_share(double previous_share, double desired, double speed, double noise,
                                  const AdjustmentLimits& limits);

// Yearly fiscal room for a share rise: state.fiscal_room * fiscal_space, plus for EU members the
// escape clause (a quarter of its room a year in 2025-2028, if activated) and SAFE loans (to 2030).
struct FiscalRoomInputs {
  double base_room = 0.0;     // state.fiscal_room
  double fiscal_space = 1.0;  // the state's 0..1 attribute
  bool eu = false;
  bool escape_clause = false;       // activated by this state in this run
  double escape_clause_room = 0.0;  // eu.escape_clause_room (GDP share over four years)
  double safe_room = 0.0;           // SAFE loans per year as a share of EU GDP
};
[[nodiscard]] double fiscal_room(int year, const FiscalRoomInputs& in);

// Share of spending that becomes capability: (1 - duplication_loss) * min(1, (1 + A) / (1 + g_D)),
// g_D the real growth of spending; spending from nothing is not absorbed at all.
[[nodiscard]] double capability_efficiency(double base_efficiency, double absorption,
                                           double previous_spending, double spending);

}  // namespace rampart::agents
