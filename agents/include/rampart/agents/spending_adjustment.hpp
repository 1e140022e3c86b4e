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
  // The guideline as a floor of the plan: a state whose share last year was at or above this
  // line (the highest alliance line it had reached; 0 for none) does not plan to fall below it.
  double guideline_floor = 0.0;
};

// The planned share: s_{t-1} + Delta with Delta = speed (s* - s_{t-1}); a rise is cut by
// political drag and capped by fiscal room and industry, a cut is not; a state that had reached
// a guideline line plans to stay at or above it (bunching near the line, as in the NATO data).
// The realised share is the plan plus the year's budget surprise (realised_share): the noise
// comes after the plan, so one year's spending equation is the plan with a normal error, the
// likelihood `rampart calibrate` maximises.
[[nodiscard]] double planned_share(double previous_share, double desired, double speed,
                                   const AdjustmentLimits& limits);

// clamp(plan + noise, 0, 1); the caller scales the noise with s_{t-1}. A state that had reached
// a guideline line (limits.guideline_floor) and whose surprise would take it below the line
// holds the line unless `floor_breaks` (probability state.floor_break_rate).
[[nodiscard]] double realised_share(double plan, double noise, double previous_share = 0.0,
                                    const AdjustmentLimits& limits = {}, bool floor_breaks = true);

// Whether `floor_breaks` decides realised_share: the state had reached its guideline line and
// the surprise would take it below. Elsewhere the draw that decides it need not be evaluated.
[[nodiscard]] bool line_at_stake(double plan, double noise, double previous_share,
                                 const AdjustmentLimits& limits);

// Yearly fiscal room for a share rise: state.fiscal_room * fiscal_space, plus for EU members the
// escape clause (a quarter of its 1.5 % a year in 2025-2028, where activated) and this year's
// SAFE-financed spending (loans are outside the national budget's yearly room).
struct FiscalRoomInputs {
  double base_room = 0.0;     // state.fiscal_room
  double fiscal_space = 1.0;  // the state's 0..1 attribute
  bool eu = false;
  bool escape_clause = false;       // the state requested the clause (country data)
  double escape_clause_room = 0.0;  // eu.escape_clause_room (GDP share, the clause's ceiling)
  double safe_share = 0.0;          // this year's SAFE-financed spending, share of GDP
};
[[nodiscard]] double fiscal_room(int year, const FiscalRoomInputs& in);

// Share of the escape clause's ceiling an activating state has phased in by `year`:
// (year - 2024) / 4 over 2025-2028, then 1 (the extra spending it financed stays in the budget).
[[nodiscard]] double escape_clause_phase(int year);

// Share of a SAFE allocation disbursed in `year`: 15 % pre-financing plus 17 % in 2026, then 17 %
// a year to 2030 (Regulation (EU) 2025/1106: pre-financing up to 15 %, loans to end-2030).
[[nodiscard]] double safe_disbursement(int year);

// Industrial capacity: the spending industry can turn into capability at full efficiency. It
// follows demand up by at most the absorption growth A a year and does not shrink:
// C_t = min(C_{t-1} (1 + A), max(C_{t-1}, D_t)). A sustained ramp-up above A binds year after year.
[[nodiscard]] double next_capacity(double previous_capacity, double absorption, double spending);

// Share of spending that becomes capability: (1 - duplication_loss) * min(1, C_t / D_t); when
// spending outruns capacity, the excess buys delivery delays and higher prices, not capability.
[[nodiscard]] double capability_efficiency(double base_efficiency, double capacity,
                                           double spending);

}  // namespace rampart::agents
