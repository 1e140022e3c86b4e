// Names, units and meanings of what a run records (the output file's dataset names).

#include "rampart/sim/run_record.hpp"

namespace rampart::sim {

namespace {

constexpr std::array<VarInfo, kNumStateVars> kStateVars{{
    {"gdp", "USD bn (constant 2024)", "real GDP"},
    {"spending_share", "GDP share", "core defence spending as a fraction of GDP"},
    {"related_share", "GDP share", "defence-related spending (the Hague 1.5 % category)"},
    {"spending", "USD bn (constant 2024)", "core defence spending"},
    {"capability", "USD bn-equivalent", "capability stock K built from spending"},
    {"aid_share", "GDP share", "military aid to Ukraine as a fraction of GDP"},
    {"commitment", "probability", "probability of answering an ally's call"},
    {"security_weight", "1", "weight w of security in the state's utility"},
    {"perceived_threat", "1",
     "exposure-weighted Russian threat relative to 2024, plus crisis shock"},
    {"deterrence_ratio", "1", "(own + allied credible capability) / local Russian capability"},
}};

constexpr std::array<VarInfo, kNumWorldVars> kWorldVars{{
    {"russia_capability", "USD bn-equivalent", "Russian capability stock R"},
    {"threat", "1",
     "Russian capability of the year before relative to 2024 (what states perceive)"},
    {"us_presence", "1", "US presence in Europe relative to 2024"},
    {"ukraine_aid", "USD bn (constant 2024)", "total military aid to Ukraine, incl. the EPF"},
}};

constexpr std::array<VarInfo, kNumWorldCodes> kWorldCodes{{
    {"war_state", "code", "war in Ukraine: 0 active, 1 ceasefire, 2 frozen"},
    {"crisis_target", "state index", "state probed by Russia this year, -1 none"},
    {"crisis_outcome", "code", "0 none, 1 deterred, 2 contained, 3 failed"},
}};

constexpr std::array<VarInfo, kNumSummaryVars> kSummaryVars{{
    {"first_crisis_year", "year", "year of the first probe, NaN if none"},
    {"crises", "count", "number of probes"},
    {"deterrence_failures", "count", "number of probes whose defence failed"},
    {"europe_spending_share_end", "GDP share", "NATO-Europe core spending / GDP, final year"},
    {"us_share_nato_spending_end", "1", "US share of all allies' core spending, final year"},
    {"allies_at_2pct_end", "count", "NATO allies with a core share of at least 2 %, final year"},
    {"mean_commitment_end", "probability", "mean commitment of the European states, final year"},
    {"war_state_end", "code", "war in Ukraine in the final year: 0 active, 1 ceasefire, 2 frozen"},
    {"threat_end", "1", "threat index in the final year"},
}};

}  // namespace

std::span<const VarInfo> state_var_info() {
  return kStateVars;
}
std::span<const VarInfo> world_var_info() {
  return kWorldVars;
}
std::span<const VarInfo> world_code_info() {
  return kWorldCodes;
}
std::span<const VarInfo> summary_var_info() {
  return kSummaryVars;
}

}  // namespace rampart::sim
