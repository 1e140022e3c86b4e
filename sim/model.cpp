// One run of the agent model: the start year's data as initial condition, the states'
// preferences (estimated, or calibrated to the start year), then a synchronous yearly step
// (every decision of year t reads only the world of year t-1); in the recorded years before
// 2025 the exogenous inputs follow the record (history.hpp). docs/model.md gives every equation
// and its source.

#include "rampart/sim/model.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>

#include "rampart/agents/alliance_links.hpp"
#include "rampart/agents/commitment.hpp"
#include "rampart/agents/crisis.hpp"
#include "rampart/agents/russia.hpp"
#include "rampart/agents/spending_adjustment.hpp"
#include "rampart/agents/state_decision.hpp"
#include "rampart/agents/ukraine.hpp"
#include "rampart/agents/united_states.hpp"
#include "rampart/sim/world.hpp"

namespace rampart::sim {

namespace {

using scenarios::Param;

// Russia 2024 (SIPRI): military expenditure USD 148 967 m, 7.05 % of GDP.
constexpr double kRussiaMilex2024 = 148.967;
constexpr double kRussiaShare2024 = 0.0705;
constexpr double kUsdPerEur = 1.08;        // SAFE loans are in EUR
constexpr double kSafeAllocated = 150.0;   // EUR bn in the Commission's provisional allocation
constexpr double kMinGrowthFactor = 0.05;  // keeps GDP positive under any growth draw
// Industry can restart a state's spending from this share of GDP (0.1 %) even after a fall to
// zero: the growth cap applies to max(D_{t-1}, kRestartShare Y_t).
constexpr double kRestartShare = 0.001;

int year_of(const scenarios::ParameterValues& p, Param id) {
  return static_cast<int>(std::lround(p[id]));
}

// What one run holds constant (memberships and links change only at a recorded accession, the US
// stance only in recorded years): links, preferences and the start year's reference values.
struct RunConstants {
  int n = 0;
  int us = -1;
  int start_year = scenarios::kFirstYear;
  const scenarios::History* history = nullptr;  // null when the record is not loaded
  bool record_us = false, record_russia = false, record_war = false, record_guideline = false;
  std::array<int, kMaxStates> accession{};  // recorded NATO accession after the start, else 0
  agents::LinkParams link_params{};
  std::array<agents::Membership, kMaxStates> members{};
  bool avx2 = false;  // the alliance sums' AVX2 copy (Model::set_instruction_set)
  // The four link matrices are left unset (40 KB a run to zero, most of the run's memset):
  // build_links writes their first n rows and columns, and nothing reads beyond.
  std::array<StateArray, kMaxStates> link;  // link[j][i]: strength of j's help to i (0 on diag)
  std::array<std::array<bool, kMaxStates>, kMaxStates> ally;  // treaty link j -> i exists
  // Row i of the two matrices below is what i receives (transposed, contiguous for the sums);
  // the US column of `received_link` is zero, its help is added with its own factors.
  std::array<StateArray, kMaxStates> received_link;
  std::array<StateArray, kMaxStates> ally_mask;  // 1.0 where j is a treaty ally of i
  StateArray us_link{};                          // link[US][i]
  std::array<bool, kMaxStates> europe{};         // all but the US and Canada
  std::array<bool, kMaxStates> frontline{};      // tier-1 NATO allies (probe targets)
  std::array<bool, kMaxStates> escape{};         // requested the escape clause (country data)
  StateArray safe_borrowed{};                    // SAFE loans it borrows in all, USD bn
  StateArray related_compliance{};               // lambda_rel: its pull to the related target
  StateArray base_efficiency{};                  // 1 - duplication for EU members
  StateArray gdp_2024{};                         // the data's, for recorded years' GDP
  StateArray exposure{};
  StateArray fiscal_space{};
  StateArray populism_2024{};
  StateArray aid_share_2024{};
  StateArray omega{};
  StateArray compliance{};
  StateArray fairness_2024{};
  StateArray deterrence_2024{};
  double reach = 0.0;  // share of allied capability arriving in time (allied_reach)
  double russia_capability_2024 = 1.0;  // at the start (the probe's reference)
  double threat_reference = 1.0;        // Russia's capability in 2014 (the start's without record)
  double ukraine_aid_2024 = 0.0;
  double us_aid_2024 = 0.0;
  agents::UsPolicyParams scenario_us_policy;  // what the scenario says
  agents::UsPolicyParams us_policy;           // this year's: the record's or the scenario's
};

// Whether `year` is a recorded year whose input `follow` says comes from the record.
bool recorded(const RunConstants& rc, bool follow, int year) {
  return follow && rc.history != nullptr && scenarios::History::covers(year);
}

// The US stance in a recorded year: committed, or transactional as in 2017-2020, pressing for the
// guideline; outside the record the scenario's policy.
agents::UsPolicyParams us_policy_in(const RunConstants& rc, int year) {
  if (!recorded(rc, rc.record_us, year)) return rc.scenario_us_policy;
  agents::UsPolicyParams u = rc.scenario_us_policy;
  const bool transactional =
      rc.history->us_transactional[static_cast<std::size_t>(scenarios::History::index(year))];
  u.policy = transactional ? scenarios::UsPolicy::Transactional : scenarios::UsPolicy::Committed;
  u.threshold = rc.history->guideline;
  u.aid_end_year = 2100;
  return u;
}

// A US policy a game's teacher orders for `year` (sim::DecisionOverrides) replaces the year's
// policy. Its parameters stay the scenario's, except that a drawdown ordered in a year starts no
// earlier than that year: a US ordered to disengage in 2029 begins its drawdown in 2029, rather
// than jumping to where a drawdown begun at us.drawdown_start would be. The order's year is the
// first of the run of years ordered to disengage; a run that continues the scenario's own
// disengagement (no order the year before, and the scenario's US already disengaging) keeps the
// scenario's drawdown.
void order_us_policy(const RunConstants& rc, const DecisionOverrides& d, int year,
                     agents::UsPolicyParams& u) {
  const int ordered = d.us_policy_at(year);
  if (ordered < 0) return;
  const auto policy = static_cast<scenarios::UsPolicy>(ordered);
  if (policy == scenarios::UsPolicy::Disengaging) {
    int order = year;
    while (d.us_policy_at(order - 1) == ordered) --order;
    const bool continues = d.us_policy_at(order - 1) < 0 &&
                           us_policy_in(rc, order - 1).policy == scenarios::UsPolicy::Disengaging;
    if (!continues) u.drawdown_start = std::max(u.drawdown_start, order);
  }
  u.policy = policy;
}

bool war_active_in_record(const scenarios::History& h, int year) {
  return h.war_active[static_cast<std::size_t>(scenarios::History::index(year))];
}

// Russia's capability through the record: the steady state of its 2014 spending, then each
// recorded year's spending, part absorbed by the war while it is active. Used for the threat's
// reference (2014) and the start's capability, so a run started in any year and the estimator
// see the same threat index.
double recorded_russia_capability(const scenarios::History& h, int year,
                                  const scenarios::ParameterValues& p) {
  const double depreciation = p[Param::RussiaDepreciation];
  double r = agents::initial_russia_capability(h.russia_milex[0], depreciation, 0.0);
  for (int y = scenarios::kHistoryFirstYear + 1; y <= year; ++y) {
    const bool war = war_active_in_record(h, y - 1);
    const double absorbed = agents::war_absorption(war, p[Param::RussiaWarAbsorption], 1.0, 0.0);
    r = agents::next_russia_capability(
        r, depreciation, h.russia_milex[static_cast<std::size_t>(scenarios::History::index(y))],
        absorbed, war, p[Param::RussiaRebuild]);
  }
  return r;
}

agents::UsPolicyParams us_policy_of(const scenarios::ParameterValues& p) {
  agents::UsPolicyParams u;
  u.policy = static_cast<scenarios::UsPolicy>(year_of(p, Param::UsPolicy));
  u.commitment = p[Param::UsCommitment];
  u.threshold = p[Param::UsThreshold];
  u.laggard_protection = p[Param::UsLaggardProtection];
  u.transactional_credibility = p[Param::UsTransactionalCredibility];
  u.presence_floor = p[Param::UsPresenceFloor];
  u.drawdown_start = year_of(p, Param::UsDrawdownStart);
  u.drawdown_years = year_of(p, Param::UsDrawdownYears);
  u.aid_end_year = year_of(p, Param::UsAidEndYear);
  return u;
}

// Four doubles: lane k of every operation is the scalar IEEE operation, so the sums below equal
// the scalar partial sums bit for bit, whatever the instruction set. The portable build does
// each operation as two SSE2 halves, the AVX2 copy as one instruction; the lanes are the same.
using Quad = double __attribute__((vector_size(32)));

// Out-parameter: a 32-byte vector returned by value would be passed differently with and
// without AVX (-Wpsabi).
[[gnu::always_inline]] inline void load_quad(Quad& v, const StateArray& a, int j) {
  std::memcpy(&v, a.data() + j, sizeof v);
}

// Sum of a[j] * b[j] over the first n entries, in a fixed order with four partial sums (the
// lanes of s; the same order in every run, so results stay bit-identical; the partial sums
// shorten the dependency chain of a strict left-to-right sum).
[[gnu::always_inline]] inline double dot(const StateArray& a, const StateArray& b, int n) {
  Quad s{0.0, 0.0, 0.0, 0.0};
  int j = 0;
  for (; j + 4 <= n; j += 4) {
    Quad aj, bj;
    load_quad(aj, a, j);
    load_quad(bj, b, j);
    s += aj * bj;
  }
  double s0 = s[0];
  for (; j < n; ++j) s0 += a[j] * b[j];
  return (s0 + s[1]) + (s[2] + s[3]);
}

// dot(a, b, n) and dot(a, c, n) in one pass over a, each bit-identical to dot's.
[[gnu::always_inline]] inline std::array<double, 2> dot2(const StateArray& a, const StateArray& b,
                                                         const StateArray& c, int n) {
  Quad sb{0.0, 0.0, 0.0, 0.0}, sc{0.0, 0.0, 0.0, 0.0};
  int j = 0;
  for (; j + 4 <= n; j += 4) {
    Quad aj, bj, cj;
    load_quad(aj, a, j);
    load_quad(bj, b, j);
    load_quad(cj, c, j);
    sb += aj * bj;
    sc += aj * cj;
  }
  double b0 = sb[0], c0 = sc[0];
  for (; j < n; ++j) {
    b0 += a[j] * b[j];
    c0 += a[j] * c[j];
  }
  return {(b0 + sb[1]) + (sb[2] + sb[3]), (c0 + sc[1]) + (sc[2] + sc[3])};
}

// The part of Q_-i from allies other than the US: Kappa^T (k o K), one matrix-vector product.
[[gnu::always_inline]] inline void allied_security_sums(const RunConstants& rc, const World& w,
                                                        StateArray& out) {
  StateArray committed{};
  for (int j = 0; j < rc.n; ++j) committed[j] = w.commitment[j] * w.capability[j];
  for (int i = 0; i < rc.n; ++i) out[i] = dot(rc.received_link[i], committed, rc.n);
}

// GDP-weighted mean spending share of each state's treaty allies.
[[gnu::always_inline]] inline void allies_mean_share_sums(const RunConstants& rc, const World& w,
                                                          StateArray& out) {
  StateArray spending{};
  for (int j = 0; j < rc.n; ++j) spending[j] = w.share[j] * w.gdp[j];
  for (int i = 0; i < rc.n; ++i) {
    const auto [gdp, allies_spending] = dot2(rc.ally_mask[i], w.gdp, spending, rc.n);
    out[i] = gdp > 0.0 ? allies_spending / gdp : w.share[i];
  }
}

// The two O(n^2) sums of the step, each compiled twice: for any x86-64 (each four-lane operation
// as two SSE2 halves) and for AVX2 (one instruction). The lanes, hence the bits, are the same;
// Model::set_instruction_set picks the copy (tests run both and compare).
void allied_security_portable(const RunConstants& rc, const World& w, StateArray& out) {
  allied_security_sums(rc, w, out);
}
void allies_mean_shares_portable(const RunConstants& rc, const World& w, StateArray& out) {
  allies_mean_share_sums(rc, w, out);
}

#if defined(__x86_64__)
[[gnu::target("avx2")]] void allied_security_avx2(const RunConstants& rc, const World& w,
                                                  StateArray& out) {
  allied_security_sums(rc, w, out);
}
[[gnu::target("avx2")]] void allies_mean_shares_avx2(const RunConstants& rc, const World& w,
                                                     StateArray& out) {
  allies_mean_share_sums(rc, w, out);
}
#endif

void allied_security(const RunConstants& rc, const World& w, StateArray& out) {
#if defined(__x86_64__)
  if (rc.avx2) {
    allied_security_avx2(rc, w, out);
    return;
  }
#endif
  allied_security_portable(rc, w, out);
}

void allies_mean_shares(const RunConstants& rc, const World& w, StateArray& out) {
#if defined(__x86_64__)
  if (rc.avx2) {
    allies_mean_shares_avx2(rc, w, out);
    return;
  }
#endif
  allies_mean_shares_portable(rc, w, out);
}

// Q_-i: capability of i's allies that protects i, each weighted by its commitment; the US's by
// its theatre share, presence and the protection it gives i (instead of its commitment), which
// depends on the US's assessment of i's effort. `allied` is allied_security of the same world.
void security_received(const RunConstants& rc, const World& w, const StateArray& allied,
                       const StateArray& assessed, double presence, double theatre_share,
                       const agents::UsPolicyParams& protection, StateArray& out) {
  const double us_capability = rc.us >= 0 ? theatre_share * presence * w.capability[rc.us] : 0.0;
  for (int i = 0; i < rc.n; ++i) {
    double q = allied[i];
    if (rc.us_link[i] != 0.0) {
      q += rc.us_link[i] * agents::us_protection(assessed[i], protection) * us_capability;
    }
    out[i] = q;
  }
}

double ukraine_aid_total(const World& w, double epf) {
  double total = epf;
  for (int i = 0; i < w.states; ++i) total += w.aid_share[i] * w.gdp[i];
  return total;
}

// The deterrence ratio counts the share of the allies' committed capability that arrives in
// time (rc.reach), as a probe's response does, and the US protection it would give next year.
// The allies' part of Q is kept in the world: next year's decisions read the same sum.
void end_of_year_deterrence(const RunConstants& rc, const scenarios::ParameterValues& p, World& w) {
  allied_security(rc, w, w.allied_security);
  StateArray assessed{};
  for (int i = 0; i < rc.n; ++i) {
    assessed[i] =
        agents::us_assessment(w.assessed_share[i], w.share[i], p[Param::UsAssessmentMemory]);
  }
  StateArray q{};
  security_received(rc, w, w.allied_security, assessed, w.us_presence, p[Param::UsTheatreShare],
                    rc.us_policy, q);
  for (int i = 0; i < rc.n; ++i) {
    w.deterrence_ratio[i] = agents::deterrence_ratio(
        w.capability[i], rc.reach * q[i], p[Param::CrisisLocalShare], w.russia_capability);
  }
}

// Treaty links of the memberships in rc.members (at the start, and again at an accession).
// A treaty link depends only on the two states' memberships, of which a scenario holds a handful
// of kinds (nato, eu, neutral, dispute side: 24 at most): each pair of kinds present is linked
// once by the same function, so the same bits, and the matrices are filled from that table.
void build_links(RunConstants& rc) {
  constexpr int kKinds = 24;
  std::array<int, kKinds> slot_of_kind;
  slot_of_kind.fill(-1);
  std::array<int, kKinds> first_with_slot{};  // a state of each kind present
  std::array<int, kMaxStates> slot{};
  int slots = 0;
  for (int i = 0; i < rc.n; ++i) {
    const auto& m = rc.members[i];
    const int kind = static_cast<int>(m.nato) + 2 * static_cast<int>(m.eu) +
                     4 * static_cast<int>(m.neutral) + 8 * static_cast<int>(m.dispute);
    if (slot_of_kind[kind] < 0) {
      slot_of_kind[kind] = slots;
      first_with_slot[slots++] = i;
    }
    slot[i] = slot_of_kind[kind];
  }
  // treaty[a][b]: the link from a state in slot a to one in slot b; received[b][a] the same.
  std::array<std::array<double, kKinds>, kKinds> treaty{};
  std::array<std::array<double, kKinds>, kKinds> received{};
  for (int a = 0; a < slots; ++a) {
    for (int b = 0; b < slots; ++b) {
      treaty[a][b] = agents::treaty_link(rc.members[first_with_slot[a]],
                                         rc.members[first_with_slot[b]], rc.link_params);
      received[b][a] = treaty[a][b];
    }
  }
  // Row by row, each matrix in the order it is read; no state is linked to itself.
  for (int j = 0; j < rc.n; ++j) {
    const auto& from = treaty[slot[j]];
    for (int i = 0; i < rc.n; ++i) {
      rc.link[j][i] = from[slot[i]];
      rc.ally[j][i] = rc.link[j][i] > 0.0;
    }
    rc.link[j][j] = 0.0;
    rc.ally[j][j] = false;
  }
  for (int i = 0; i < rc.n; ++i) {
    const auto& to = received[slot[i]];
    for (int j = 0; j < rc.n; ++j) {
      rc.received_link[i][j] = to[slot[j]];
      rc.ally_mask[i][j] = rc.received_link[i][j] > 0.0 ? 1.0 : 0.0;
    }
    rc.received_link[i][i] = 0.0;
    rc.ally_mask[i][i] = 0.0;
    if (rc.us >= 0) rc.received_link[i][rc.us] = 0.0;
  }
  if (rc.us >= 0) {
    for (int i = 0; i < rc.n; ++i) rc.us_link[i] = rc.link[rc.us][i];
  }
}

// The guideline in force: in recorded years the record's (2 % from the Wales summit), else the
// scenario's floor.
double floor_in(const RunConstants& rc, const scenarios::ParameterValues& p, int year) {
  return recorded(rc, rc.record_guideline, year) ? rc.history->guideline : p[Param::NatoFloor];
}

// The start year's defence share of a state: the record (NATO panel, or SIPRI for the EU members
// outside NATO) before 2024, the 2024 data file in 2024.
double start_share(const RunConstants& rc, const scenarios::Country& c, int i) {
  if (rc.start_year == scenarios::kFirstYear || rc.history == nullptr) return c.defence_share_2024;
  const double s =
      rc.history->share[static_cast<std::size_t>(i)]
                       [static_cast<std::size_t>(scenarios::History::index(rc.start_year))];
  return std::isnan(s) ? c.defence_share_2024 : s;
}

double start_gdp(const RunConstants& rc, const scenarios::Country& c, int i) {
  if (rc.start_year == scenarios::kFirstYear || rc.history == nullptr) return c.gdp_2024;
  return rc.history->gdp(static_cast<std::size_t>(i), rc.start_year, c.gdp_2024);
}

// What the run holds constant: memberships, links, the record's switches and each state's
// attributes (the preferences come with the start year's world, set_preferences).
void set_constants(const scenarios::Scenario& scenario, const scenarios::ParameterValues& p,
                   const RunRng& rng, RunConstants& rc) {
  const auto& countries = scenario.countries;
  rc.n = static_cast<int>(countries.size());
  rc.start_year = scenario.start_year;
  rc.history = scenario.history && scenario.history->loaded ? scenario.history.get() : nullptr;
  const auto follows_record = [&](Param id) { return year_of(p, id) == 0; };
  rc.record_us = follows_record(Param::HistoryUsStance);
  rc.record_russia = follows_record(Param::HistoryRussia);
  rc.record_war = follows_record(Param::HistoryWar);
  rc.record_guideline = follows_record(Param::HistoryGuideline);
  rc.scenario_us_policy = us_policy_of(p);
  rc.us_policy = us_policy_in(rc, rc.start_year);
  rc.link_params = {p[Param::Art5Strength], p[Param::Art427Strength], p[Param::NeutralOptOut]};
  rc.reach = agents::allied_reach(p[Param::CrisisAlliedReach], p[Param::MobilityDependence],
                                  p[Param::EuNatoInterop]);
  const double safe_scale =
      p[Param::SafeLoans] / kSafeAllocated * kUsdPerEur * p[Param::SafeUptake];
  for (int i = 0; i < rc.n; ++i) {
    const auto& c = countries[i];
    if (c.is_us()) rc.us = i;
    // An ally that joined after the start year is outside NATO until its accession.
    const int joins = rc.history != nullptr && c.nato
                          ? rc.history->accession_year[static_cast<std::size_t>(i)]
                          : 0;
    rc.accession[i] = joins > rc.start_year ? joins : 0;
    rc.members[i] = {c.nato && rc.accession[i] == 0, c.eu, c.neutral,
                     c.iso3 == "TUR"   ? agents::DisputeSide::Turkiye
                     : c.iso3 == "CYP" ? agents::DisputeSide::Cyprus
                                       : agents::DisputeSide::None};
    rc.europe[i] = !c.is_us() && c.iso3 != "CAN";
    rc.frontline[i] = c.nato && c.frontline_tier == 1;
    rc.base_efficiency[i] = 1.0 - (c.eu ? p[Param::Duplication] : 0.0);
    rc.exposure[i] = c.exposure;
    rc.gdp_2024[i] = c.gdp_2024;
    rc.fiscal_space[i] = c.fiscal_space;
    rc.populism_2024[i] = c.populism;
    rc.aid_share_2024[i] = c.aid_share_2024;
    rc.escape[i] = c.eu && c.escape_clause;
    rc.safe_borrowed[i] = c.eu ? c.safe_loans_eur_bn * safe_scale : 0.0;
    // Each ally's pull to the related target spreads around its core compliance.
    const double spread =
        1.0 +
        p[Param::RelatedDispersion] *
            (2.0 * rng.uniform(Stream::RelatedCompliance, 0, static_cast<std::uint64_t>(i)) - 1.0);
    rc.related_compliance[i] =
        std::clamp(c.compliance * p[Param::ComplianceScale] * spread, 0.0, 1.0);
  }
  build_links(rc);
}

// Russia at the start and the threat's reference: through the record when the run follows it.
void start_russia(const scenarios::ParameterValues& p, RunConstants& rc, World& w) {
  const int start = rc.start_year;
  const double russia_gdp_2024 = kRussiaMilex2024 / kRussiaShare2024;
  w.russia_gdp = russia_gdp_2024 / std::pow(1.0 + p[Param::RussiaGdpGrowth],
                                            static_cast<double>(scenarios::kFirstYear - start));
  if (rc.history != nullptr && rc.record_russia) {
    w.russia_capability = recorded_russia_capability(*rc.history, start, p);
    rc.threat_reference = recorded_russia_capability(*rc.history, scenarios::kHistoryFirstYear, p);
  } else {
    w.russia_capability = agents::initial_russia_capability(
        p[Param::RussiaSpendingShare] * w.russia_gdp, p[Param::RussiaDepreciation],
        p[Param::RussiaWarAbsorption]);
    rc.threat_reference = rc.history != nullptr ? recorded_russia_capability(
                                                      *rc.history, scenarios::kHistoryFirstYear, p)
                                                : w.russia_capability;
  }
  rc.russia_capability_2024 = w.russia_capability;
  w.threat = rc.threat_reference > 0.0 ? w.russia_capability / rc.threat_reference : 1.0;
}

// The start year's world: the data.
void start_world(const std::vector<scenarios::Country>& countries,
                 const scenarios::ParameterValues& p, RunConstants& rc, World& w) {
  const double delta = p[Param::Depreciation];
  const int start = rc.start_year;
  const bool war_recorded = recorded(rc, rc.record_war, start);
  w.year = start;
  w.states = rc.n;
  for (int i = 0; i < rc.n; ++i) {
    const auto& c = countries[i];
    w.gdp[i] = start_gdp(rc, c, i);
    w.share[i] = start_share(rc, c, i);
    w.related_share[i] = 0.0;
    w.spending[i] = w.share[i] * w.gdp[i];
    w.capability[i] = rc.base_efficiency[i] * w.spending[i] / delta;
    // Aid to Ukraine by donor and year is not in the data: the 2024 shares from the full-scale
    // war on, none before (data README, "Missing").
    w.aid_share[i] =
        war_recorded && !war_active_in_record(*rc.history, start) ? 0.0 : c.aid_share_2024;
    w.populism[i] = c.populism;
    w.commitment[i] = std::clamp(1.0 - p[Param::CommitmentPolitics] * c.populism, 0.0, 1.0);
    w.perceived_threat[i] = 0.0;
    w.assessed_share[i] = w.share[i];
    w.capacity[i] = w.spending[i];
    w.planned_share[i] = w.share[i];
  }
  start_russia(p, rc, w);
  w.threat_shock = 0.0;
  w.us_presence = 1.0;
  w.war_state = static_cast<int>(war_recorded && !war_active_in_record(*rc.history, start)
                                     ? agents::WarState::Frozen
                                     : agents::WarState::Active);
  w.crisis_target = -1;
  w.crisis_outcome = 0;
  w.us_aid_ended = false;
  w.ukraine_aid = ukraine_aid_total(w, p[Param::EpfUkraine]);
  // The war's references are 2024's aid, whatever the start year.
  double aid_2024 = p[Param::EpfUkraine];
  for (int i = 0; i < rc.n; ++i) aid_2024 += countries[i].aid_share_2024 * countries[i].gdp_2024;
  rc.ukraine_aid_2024 = aid_2024;
  rc.us_aid_2024 = rc.us >= 0 ? countries[rc.us].aid_share_2024 * countries[rc.us].gdp_2024 : 0.0;
}

// Preferences: each state's security weight at no extra threat (omega). Estimated from the
// panel where the state has an estimate (drawn from its sampling distribution, so parameter
// uncertainty is part of every answer); otherwise calibrated so that the start year is the
// state's desired share under the start year's threat, as a committed US protected it then.
// Then the start year's references: the burden's fairness and the deterrence ratio.
void set_preferences(const std::vector<scenarios::Country>& countries,
                     const scenarios::ParameterValues& p, const RunRng& rng, RunConstants& rc,
                     World& w) {
  const double delta = p[Param::Depreciation];
  const int start = rc.start_year;
  agents::UsPolicyParams committed = rc.us_policy;
  committed.policy = scenarios::UsPolicy::Committed;
  allied_security(rc, w, w.allied_security);
  security_received(rc, w, w.allied_security, w.assessed_share, 1.0, p[Param::UsTheatreShare],
                    committed, w.security_received);
  const double common_weight = p[Param::SecurityWeight];
  const double private_benefit = p[Param::PrivateBenefit];
  const bool use_estimates = year_of(p, Param::Preferences) == 0;
  const double war_premium =
      w.war_state == static_cast<int>(agents::WarState::Active) ? p[Param::WarThreat] : 0.0;
  for (int i = 0; i < rc.n; ++i) {
    const auto& c = countries[i];
    const double compliance = std::clamp(c.compliance * p[Param::ComplianceScale], 0.0, 1.0);
    const double start_threat = rc.exposure[i] * (w.threat - 1.0 + war_premium);
    rc.compliance[i] = compliance;
    if (common_weight >= 0.0) {
      rc.omega[i] = common_weight;
    } else if (use_estimates && c.preference_estimated) {
      const double z = rng.normal(Stream::Preference, 0, static_cast<std::uint64_t>(i));
      rc.omega[i] = agents::weight_of_preference(c.preference + c.preference_sd * z);
    } else {
      const agents::SecuritySituation situation{w.security_received[i], w.gdp[i], delta,
                                                rc.base_efficiency[i]};
      const double norm = rc.members[i].nato ? floor_in(rc, p, start) : 0.0;
      const auto cal = agents::calibrate(w.share[i], situation, private_benefit, compliance, norm);
      rc.omega[i] = agents::reference_weight(cal.omega, p[Param::ThreatSensitivity], start_threat);
      rc.compliance[i] = cal.compliance;
    }
    w.perceived_threat[i] = start_threat;
    w.security_weight[i] =
        agents::security_weight(rc.omega[i], p[Param::ThreatSensitivity], start_threat);
    w.desired_share[i] = w.share[i];
  }
  StateArray allies_share{};
  allies_mean_shares(rc, w, allies_share);
  for (int i = 0; i < rc.n; ++i) {
    rc.fairness_2024[i] = agents::burden_fairness(allies_share[i], w.share[i]);
  }
  end_of_year_deterrence(rc, p, w);
  for (int i = 0; i < rc.n; ++i) rc.deterrence_2024[i] = w.deterrence_ratio[i];
}

void setup(const scenarios::Scenario& scenario, const scenarios::ParameterValues& p,
           const RunRng& rng, RunConstants& rc, World& w) {
  set_constants(scenario, p, rng, rc);
  start_world(scenario.countries, p, rc, w);
  set_preferences(scenario.countries, p, rng, rc, w);
}

// sqrt(nu / chi2_nu), the factor that turns a standard normal into a Student t with nu degrees of
// freedom; chi2_nu is the sum of nu squared normals of the state's own stream (1 for nu = 0).
double tail_factor(const RunRng& rng, std::uint64_t year, int state, int nu) {
  if (nu <= 0) return 1.0;
  double chi2 = 0.0;
  for (int k = 0; 4 * k < nu; ++k) {
    const auto z = rng.normals4(Stream::SpendingTail, year, static_cast<std::uint64_t>(state),
                                static_cast<std::uint64_t>(k));
    for (int j = 0; j < 4 && 4 * k + j < nu; ++j)
      chi2 += z[static_cast<std::size_t>(j)] * z[static_cast<std::size_t>(j)];
  }
  return chi2 > 0.0 ? std::sqrt(static_cast<double>(nu) / chi2) : 1.0;
}

struct StepContext {
  const RunConstants& rc;
  const scenarios::ParameterValues& p;
  const RunRng& rng;
  const RunRecordView& out;
  const ObservedShares* observed;      // the estimator's observed world, else null
  const DecisionOverrides* decisions;  // a seminar game's teams' choices, else null
};

void push_event(const StepContext& cx, int year, EventKind kind, int country, double value) {
  cx.out.push_event(Event{static_cast<std::int16_t>(year), static_cast<std::int8_t>(kind),
                          static_cast<std::int8_t>(country), static_cast<float>(value)});
}

// Russia probes its weakest frontline ally; allies answer against their commitment.
void crisis_step(const StepContext& cx, const World& prev, World& cur, std::uint64_t y,
                 double& shock_added) {
  const auto& rc = cx.rc;
  const auto& p = cx.p;
  cur.crisis_target = -1;
  cur.crisis_outcome = static_cast<int>(agents::CrisisOutcome::None);
  int target = -1;
  for (int i = 0; i < rc.n; ++i) {
    if (!rc.frontline[i]) continue;
    if (target < 0 || prev.deterrence_ratio[i] < prev.deterrence_ratio[target]) target = i;
  }
  // A game's teacher may order a probe of a chosen ally (sim::DecisionOverrides).
  const int ordered = cx.decisions != nullptr ? cx.decisions->probe_at(cur.year) : -1;
  if (ordered >= 0 && ordered < rc.n) target = ordered;
  if (target < 0) return;
  const bool war_active = prev.war_state == static_cast<int>(agents::WarState::Active);
  const agents::ProbeParams probe{p[Param::ProbeBase], p[Param::ProbeWarFactor],
                                  p[Param::ProbeElasticity], p[Param::ProbeMax]};
  const double probability = agents::probe_probability(
      rc.deterrence_2024[target], prev.deterrence_ratio[target], war_active, probe);
  if (!(cx.rng.uniform(Stream::Probe, y, 0) < probability) && target != ordered) return;

  std::array<bool, kMaxStates> responded{};
  double allied = 0.0;
  for (int j = 0; j < rc.n; ++j) {
    if (!rc.ally[j][target]) continue;
    const bool is_us = j == rc.us;
    const double answer_probability =
        is_us ? agents::us_protection(cur.assessed_share[target], rc.us_policy) * cur.us_presence
              : prev.commitment[j];
    if (!(cx.rng.uniform(Stream::CrisisResponse, y, static_cast<std::uint64_t>(j)) <
          answer_probability)) {
      continue;
    }
    responded[j] = true;
    const double theatre = is_us ? p[Param::UsTheatreShare] * cur.us_presence : 1.0;
    allied += rc.link[j][target] * theatre * prev.capability[j];
  }
  // Only part of the answering allies' capability arrives in time; the local defender's counts.
  const double ratio = agents::deterrence_ratio(prev.capability[target], rc.reach * allied,
                                                p[Param::CrisisLocalShare], prev.russia_capability);
  const auto outcome =
      agents::crisis_outcome(ratio, {p[Param::CrisisDeterRatio], p[Param::CrisisContainRatio]});
  if (outcome == agents::CrisisOutcome::Deterred) {
    for (int j = 0; j < rc.n; ++j) {
      if (responded[j]) {
        cur.commitment[j] = std::min(1.0, cur.commitment[j] + p[Param::CrisisCommitmentGain]);
      }
    }
  } else {
    shock_added = p[Param::CrisisThreatShock];
  }
  if (outcome == agents::CrisisOutcome::Failed) {
    for (int j = 0; j < rc.n; ++j) {
      cur.commitment[j] = std::max(0.0, cur.commitment[j] - p[Param::CrisisCommitmentLoss]);
    }
  }
  cur.crisis_target = target;
  cur.crisis_outcome = static_cast<int>(outcome);
  push_event(cx, cur.year, EventKind::Crisis, target, static_cast<double>(outcome));
}

// What every state's decision reads this year besides the two worlds: the norms in force, the
// frictions and the noise, each the same for all states. Filled once a year.
struct YearTerms {
  int year = 0;
  std::uint64_t y = 0;  // the year index, the random streams' year
  bool war_recorded = false;
  agents::WarState war_before = agents::WarState::Active;
  double war_premium = 0.0;  // the full-scale war's extra threat
  double delta = 0.0, speed = 0.0;
  double floor_line = 0.0;   // the guideline in force
  double core = 0.0;         // the core norm allies aim at this year
  double target_line = 0.0;  // the higher line a state holds once reached
  double related = 0.0;      // the related-spending norm
  double escape_extra = 0.0, safe_flow = 0.0, absorption_common = 0.0;
  double substitution = 0.0;  // share of GDP each European donor adds for the US aid gap
  agents::CommitmentDrivers drivers;
  double growth_sd = 0.0, spending_sd = 0.0, commitment_sd = 0.0;
  int noise_df = 0;
  bool any_noise = false;
  double private_benefit = 0.0, growth_cap = 0.0;
};

// The world the states see this year: last year's Russia, this year's US presence.
inline void see_world(const StepContext& cx, const World& prev, World& cur, int year) {
  const auto& rc = cx.rc;
  const auto& p = cx.p;
  cur.us_presence = agents::us_presence(year, rc.us_policy);
  // A Russia with no capability in 2024 (spending share 0) never builds any: its threat index
  // stays at 2024's instead of 0/0.
  cur.threat = rc.threat_reference > 0.0 ? prev.russia_capability / rc.threat_reference : 1.0;
  for (int i = 0; i < rc.n; ++i) {
    cur.assessed_share[i] =
        agents::us_assessment(prev.assessed_share[i], prev.share[i], p[Param::UsAssessmentMemory]);
  }
  security_received(rc, prev, prev.allied_security, cur.assessed_share, cur.us_presence,
                    p[Param::UsTheatreShare], rc.us_policy, cur.security_received);
}

// The US aid gap of last year, shared by European donors in proportion to GDP, i.e. the same
// share of GDP for each.
inline double aid_substitution(const RunConstants& rc, const scenarios::ParameterValues& p,
                               const World& prev) {
  double europe_gdp = 0.0;
  for (int i = 0; i < rc.n; ++i) europe_gdp += rc.europe[i] ? prev.gdp[i] : 0.0;
  const double us_aid_before = rc.us >= 0 ? prev.aid_share[rc.us] * prev.gdp[rc.us] : 0.0;
  const double aid_gap = std::max(0.0, rc.us_aid_2024 - us_aid_before);
  return europe_gdp > 0.0 ? p[Param::AidSubstitution] * aid_gap / europe_gdp : 0.0;
}

inline YearTerms year_terms(const StepContext& cx, const World& prev, int year_index) {
  const auto& rc = cx.rc;
  const auto& p = cx.p;
  YearTerms t;
  t.year = rc.start_year + year_index;
  t.y = static_cast<std::uint64_t>(year_index);
  const int year = t.year;
  t.war_recorded = recorded(rc, rc.record_war, year);
  const bool guideline_recorded = recorded(rc, rc.record_guideline, year);
  t.war_before = static_cast<agents::WarState>(prev.war_state);
  // Russia's full-scale war raises the threat every exposed state perceives (estimated).
  t.war_premium = t.war_before == agents::WarState::Active ? p[Param::WarThreat] : 0.0;
  t.delta = p[Param::Depreciation];
  t.speed = p[Param::AdjustmentSpeed];
  const int target_year = year_of(p, Param::NatoTargetYear);
  // Allies aim ahead on a dated target's path by their adjustment lag (the Hague "credible
  // path"); with no rising target this is the floor.
  const double plan_year = year + agents::planning_lead(t.speed);
  // In recorded years the guideline in force was the Wales 2 % (no dated higher target).
  t.floor_line = floor_in(rc, p, year);
  t.core = guideline_recorded
               ? t.floor_line
               : agents::core_norm(plan_year, t.floor_line, p[Param::NatoCoreTarget], target_year);
  // The guideline lines a state holds once reached: the floor, and a higher core target.
  t.target_line =
      guideline_recorded ? t.floor_line : std::max(t.floor_line, p[Param::NatoCoreTarget]);
  t.escape_extra =
      p[Param::EscapeClauseUse] * p[Param::EscapeClauseRoom] * agents::escape_clause_phase(year);
  t.safe_flow = agents::safe_disbursement(year) * p[Param::SafeAdditionality];
  t.related = guideline_recorded
                  ? 0.0
                  : agents::related_norm(plan_year, p[Param::NatoRelatedTarget], target_year);
  t.absorption_common =
      p[Param::AbsorptionGrowth] +
      (year <= year_of(p, Param::UsPurchaseUntil) ? p[Param::UsPurchaseBridge] : 0.0);
  t.drivers = {p[Param::CommitmentPolitics], p[Param::CommitmentThreat],
               p[Param::CommitmentFairness]};
  t.growth_sd = p[Param::GdpGrowthSd];
  t.spending_sd = p[Param::SpendingNoiseSd];
  t.noise_df = year_of(p, Param::SpendingNoiseDf);
  t.commitment_sd = p[Param::CommitmentNoiseSd];
  t.any_noise = t.growth_sd > 0.0 || t.spending_sd > 0.0 || t.commitment_sd > 0.0;
  t.private_benefit = p[Param::PrivateBenefit];
  t.growth_cap = 1.0 + p[Param::MaxRealGrowth];
  t.substitution = aid_substitution(rc, p, prev);
  return t;
}

// Desired spending share: best response, then the norm pull, plus what EU instruments finance
// on top of the state's own choice. Returns the state's SAFE share (its fiscal room counts it).
inline double decide_share(const RunConstants& rc, const scenarios::ParameterValues& p,
                           const YearTerms& t, const World& prev, World& cur, int i) {
  const auto& m = rc.members[i];
  cur.populism[i] = agents::populism_in(t.year, rc.populism_2024[i], p[Param::PopulismDrift]);
  cur.perceived_threat[i] = rc.exposure[i] * (cur.threat - 1.0 + prev.threat_shock + t.war_premium);
  cur.security_weight[i] =
      agents::security_weight(rc.omega[i], p[Param::ThreatSensitivity], cur.perceived_threat[i]);
  const double best = agents::best_response_share(
      cur.security_weight[i],
      {cur.security_received[i], prev.gdp[i], t.delta, rc.base_efficiency[i]}, t.private_benefit);
  agents::NormPull pull{m.nato ? rc.compliance[i] : 0.0, m.nato ? t.core : 0.0};
  if (m.nato && i != rc.us) {
    pull = agents::us_pressure(
        pull, cur.assessed_share[i], p[Param::UsPressure],
        recorded(rc, rc.record_us, t.year) ? t.floor_line : p[Param::UsPressureTarget],
        rc.us_policy);
  }
  // The escape clause's flexibility (where requested) and the additional part of this year's
  // SAFE loans.
  const double escape_share = rc.escape[i] ? t.escape_extra : 0.0;
  const double safe_share = rc.safe_borrowed[i] * t.safe_flow / prev.gdp[i];
  cur.desired_share[i] =
      agents::desired_share(best, pull.compliance, pull.norm) + escape_share + safe_share;
  return safe_share;
}

// GDP, then the share actually reached under the frictions.
inline void reach_share(const RunConstants& rc, const scenarios::ParameterValues& p,
                        const YearTerms& t, const World& prev, World& cur, int i,
                        const std::array<double, 4>& shocks, double safe_share, double tail,
                        const ObservedShares* observed) {
  const auto& m = rc.members[i];
  const double growth_shock = t.growth_sd * shocks[0];
  cur.gdp[i] =
      rc.history != nullptr && scenarios::History::covers(t.year)
          ? rc.history->gdp(static_cast<std::size_t>(i), t.year, rc.gdp_2024[i])
          : prev.gdp[i] * std::max(kMinGrowthFactor, 1.0 + p[Param::GdpGrowth] + growth_shock);
  // Spending noise scales with the level: a budget's yearly surprises are proportional to it,
  // and has heavy tails (Student t with nu degrees of freedom: z / sqrt(chi2_nu / nu)).
  const double noise = t.spending_sd * prev.share[i] * shocks[1] * tail;
  // Related spending first: its rise uses the same fiscal room as core spending.
  cur.related_share[i] =
      m.nato ? prev.related_share[i] +
                   t.speed * (rc.related_compliance[i] * t.related - prev.related_share[i])
             : 0.0;
  const double related_rise = std::max(0.0, cur.related_share[i] - prev.related_share[i]);
  agents::AdjustmentLimits limits;
  limits.political_drag = p[Param::PoliticalDrag] * cur.populism[i];
  limits.fiscal_room = std::max(
      0.0, agents::fiscal_room(t.year, {p[Param::FiscalRoom], rc.fiscal_space[i], m.eu,
                                        rc.escape[i], p[Param::EscapeClauseRoom], safe_share}) -
               related_rise);
  limits.industry_cap =
      std::max(prev.spending[i], kRestartShare * cur.gdp[i]) * t.growth_cap / cur.gdp[i];
  // The guideline holds as a floor for allies that follow alliance norms at all.
  if (m.nato && rc.compliance[i] > 0.0) {
    limits.guideline_floor = prev.share[i] >= t.target_line  ? t.target_line
                             : prev.share[i] >= t.floor_line ? t.floor_line
                                                             : 0.0;
  }
  cur.planned_share[i] =
      agents::planned_share(prev.share[i], cur.desired_share[i], t.speed, limits);
  // shocks[3] decides whether a surprise through a line it had reached takes the state below;
  // its normal CDF (an erfc) only where that is at stake.
  const bool breaks = agents::line_at_stake(cur.planned_share[i], noise, prev.share[i], limits) &&
                      0.5 * std::erfc(-shocks[3] * 0.7071067811865476) < p[Param::FloorBreakRate];
  cur.share[i] = agents::realised_share(cur.planned_share[i], noise, prev.share[i], limits, breaks);
  if (observed != nullptr) {
    const double seen = observed->at(t.year, i);
    if (!std::isnan(seen)) cur.share[i] = seen;
  }
}

// Capability from spending, as far as industrial capacity absorbs it.
inline void build_capability(const RunConstants& rc, const scenarios::ParameterValues& p,
                             const YearTerms& t, const World& prev, World& cur, int i) {
  cur.spending[i] = cur.share[i] * cur.gdp[i];
  const double absorption =
      t.absorption_common + (rc.members[i].eu ? p[Param::IndustrialProgrammes] : 0.0);
  cur.capacity[i] = agents::next_capacity(prev.capacity[i], absorption, cur.spending[i]);
  const double efficiency =
      agents::capability_efficiency(rc.base_efficiency[i], cur.capacity[i], cur.spending[i]);
  cur.capability[i] = (1.0 - t.delta) * prev.capability[i] + efficiency * cur.spending[i];
}

// Aid to Ukraine: in recorded years 2024's shares from the full-scale war on (by donor and year
// the aid is not in the data), none before.
inline void give_aid(const RunConstants& rc, const scenarios::ParameterValues& p,
                     const YearTerms& t, const World& prev, World& cur, int i) {
  if (t.war_recorded) {
    cur.aid_share[i] = war_active_in_record(*rc.history, t.year) ? rc.aid_share_2024[i] : 0.0;
  } else if (i == rc.us) {
    cur.aid_share[i] =
        cur.us_aid_ended
            ? 0.0
            : agents::next_aid_share(
                  prev.aid_share[i],
                  agents::desired_aid_share(rc.aid_share_2024[i], p[Param::AidThreatElasticity],
                                            cur.perceived_threat[i], t.war_before, 0.0),
                  p[Param::AidAdjustmentSpeed]);
  } else {
    const double desired_aid = agents::desired_aid_share(
        rc.aid_share_2024[i], p[Param::AidThreatElasticity], cur.perceived_threat[i], t.war_before,
        rc.europe[i] ? t.substitution : 0.0);
    cur.aid_share[i] =
        agents::next_aid_share(prev.aid_share[i], desired_aid, p[Param::AidAdjustmentSpeed]);
  }
}

// Commitment: politics, threat and the fairness of the burden, against 2024.
inline void update_commitment(const RunConstants& rc, const scenarios::ParameterValues& p,
                              const YearTerms& t, const World& prev, World& cur, int i,
                              double allies_share, double shock) {
  const double fairness = agents::burden_fairness(allies_share, prev.share[i]);
  const double desired_commitment = agents::desired_commitment(
      t.drivers, cur.populism[i], cur.perceived_threat[i], fairness - rc.fairness_2024[i]);
  cur.commitment[i] =
      agents::next_commitment(prev.commitment[i], desired_commitment,
                              p[Param::CommitmentAdjustment], t.commitment_sd * shock);
}

// A team's choices replace the state's own decisions once its rules have run (so the model's
// random draws, taken whatever the decision, stay the same and the rest of the world stays
// paired with the counterfactual game). The plan stays the model's: it is what the state's
// agent would have done, which the debrief compares with.
inline void override_share(const DecisionOverrides& d, int year, World& cur, int i) {
  const double share = d.share_at(year, i);
  if (!std::isnan(share)) cur.share[i] = share;
}
inline void override_aid_and_commitment(const DecisionOverrides& d, int year, World& cur, int i) {
  const double aid = d.aid_share_at(year, i);
  if (!std::isnan(aid)) cur.aid_share[i] = aid;
  const double commitment = d.commitment_at(year, i);
  if (!std::isnan(commitment)) cur.commitment[i] = commitment;
}

// Every state's decisions of the year, each reading only last year's world.
inline void states_step(const StepContext& cx, const YearTerms& t, const World& prev, World& cur) {
  // Held in locals: reloading them from cx after every call into agents/ cost instructions.
  const RunConstants& rc = cx.rc;
  const scenarios::ParameterValues& p = cx.p;
  const RunRng& rng = cx.rng;
  const ObservedShares* observed = cx.observed;
  const DecisionOverrides* decisions = cx.decisions;
  StateArray allies_share{};
  allies_mean_shares(rc, prev, allies_share);
  // The rules run phase by phase over all states rather than state by state: one state's rules
  // are longer than the CPU's reorder window, so state by state their chains of divisions and
  // square roots ran one after another; phase by phase, states' chains overlap. Each state's
  // operations and their order are unchanged (states read only last year's world and this
  // year's common terms), so the results are the same bits.
  StateArray safe_share;
  for (int i = 0; i < rc.n; ++i) safe_share[i] = decide_share(rc, p, t, prev, cur, i);
  // The state's yearly shocks come from one Philox block, each purpose in its own slot
  // (rng.hpp: Stream::StateShocks); a run with every noise off draws nothing.
  std::array<std::array<double, 4>, kMaxStates> shocks;
  for (int i = 0; i < rc.n; ++i) {
    shocks[i] = t.any_noise ? rng.normals4(Stream::StateShocks, t.y, static_cast<std::uint64_t>(i))
                            : std::array<double, 4>{};
  }
  StateArray tail;
  for (int i = 0; i < rc.n; ++i)
    tail[i] = t.spending_sd > 0.0 ? tail_factor(rng, t.y, i, t.noise_df) : 1.0;
  for (int i = 0; i < rc.n; ++i) {
    reach_share(rc, p, t, prev, cur, i, shocks[i], safe_share[i], tail[i], observed);
    if (decisions != nullptr) override_share(*decisions, t.year, cur, i);
  }
  for (int i = 0; i < rc.n; ++i) {
    build_capability(rc, p, t, prev, cur, i);
    give_aid(rc, p, t, prev, cur, i);
    update_commitment(rc, p, t, prev, cur, i, allies_share[i], shocks[i][2]);
    if (decisions != nullptr) override_aid_and_commitment(*decisions, t.year, cur, i);
  }
}

// Russia rebuilds; an active war absorbs part of it, more the more aid Ukraine gets. In recorded
// years its spending is SIPRI's and the war absorbs it at the reference rate (as in
// recorded_russia_capability).
inline void russia_step(const StepContext& cx, const YearTerms& t, const World& prev, World& cur,
                        double aid_ratio) {
  const auto& rc = cx.rc;
  const auto& p = cx.p;
  const bool russia_recorded = recorded(rc, rc.record_russia, t.year);
  const bool war_active = t.war_before == agents::WarState::Active;
  cur.russia_gdp = prev.russia_gdp * (1.0 + p[Param::RussiaGdpGrowth]);
  const double absorbed = agents::war_absorption(
      war_active, p[Param::RussiaWarAbsorption], russia_recorded ? 1.0 : aid_ratio,
      russia_recorded ? 0.0 : p[Param::RussiaAidElasticity]);
  const double russia_spending =
      russia_recorded
          ? rc.history->russia_milex[static_cast<std::size_t>(scenarios::History::index(t.year))]
          : p[Param::RussiaSpendingShare] * cur.russia_gdp;
  cur.russia_capability = agents::next_russia_capability(
      prev.russia_capability, p[Param::RussiaDepreciation], russia_spending, absorbed, war_active,
      p[Param::RussiaRebuild]);
}

// The war in Ukraine moves on last year's aid.
inline void war_step(const StepContext& cx, const YearTerms& t, World& cur, double aid_ratio) {
  const auto& rc = cx.rc;
  const auto& p = cx.p;
  const agents::WarParams war_params{p[Param::UkraineCeasefire], p[Param::UkraineBreakdown],
                                     p[Param::UkraineFreeze], p[Param::UkraineAidSensitivity]};
  const auto war_after =
      t.war_recorded
          ? (war_active_in_record(*rc.history, t.year) ? agents::WarState::Active
                                                       : agents::WarState::Frozen)
          : agents::next_war_state(t.war_before, std::min(1.0, aid_ratio),
                                   cx.rng.uniform(Stream::UkraineWar, t.y, 0), war_params);
  cur.war_state = static_cast<int>(war_after);
  // A ceasefire a game's teacher declares ends an active war (sim::DecisionOverrides).
  if (cx.decisions != nullptr && cx.decisions->ceasefire_at(t.year) &&
      t.war_before == agents::WarState::Active) {
    cur.war_state = static_cast<int>(agents::WarState::Ceasefire);
  }
  if (cur.war_state != static_cast<int>(t.war_before)) {
    push_event(cx, t.year, EventKind::WarStateChange, -1, static_cast<double>(cur.war_state));
  }
}

// One year: the world the states see, their decisions, Russia, a probe, the war, and the
// deterrence that next year's decisions read.
void step(const StepContext& cx, const World& prev, World& cur, int year_index) {
  const auto& rc = cx.rc;
  const auto& p = cx.p;
  const YearTerms t = year_terms(cx, prev, year_index);
  cur.year = t.year;
  cur.states = rc.n;
  const double aid_ratio = rc.ukraine_aid_2024 > 0.0 ? prev.ukraine_aid / rc.ukraine_aid_2024 : 1.0;
  see_world(cx, prev, cur, t.year);
  cur.us_aid_ended = agents::us_aid_ended(t.year, rc.us_policy);
  if (cur.us_aid_ended && !prev.us_aid_ended) {
    push_event(cx, t.year, EventKind::UsAidEnded, rc.us, 0.0);
  }
  states_step(cx, t, prev, cur);
  cur.ukraine_aid = ukraine_aid_total(cur, p[Param::EpfUkraine]);
  russia_step(cx, t, prev, cur, aid_ratio);

  // A probe, its outcome and its feedback; the threat shock decays into next year. The record
  // has no probe of an ally (2014-2024).
  double shock_added = 0.0;
  if (t.war_recorded) {
    cur.crisis_target = -1;
    cur.crisis_outcome = static_cast<int>(agents::CrisisOutcome::None);
  } else {
    crisis_step(cx, prev, cur, t.y, shock_added);
  }
  cur.threat_shock = (prev.threat_shock + shock_added) * (1.0 - p[Param::CrisisShockDecay]);

  war_step(cx, t, cur, aid_ratio);
  if (rc.us_policy.policy == scenarios::UsPolicy::Disengaging &&
      t.year == rc.us_policy.drawdown_start + rc.us_policy.drawdown_years - 1) {
    push_event(cx, t.year, EventKind::UsFloorReached, rc.us, cur.us_presence);
  }

  end_of_year_deterrence(rc, p, cur);
}

void record(const RunRecordView& out, const World& w, int year_index) {
  for (int i = 0; i < w.states; ++i) {
    const auto put = [&](StateVar v, double x) {
      out.at(v, year_index, i) = static_cast<float>(x);
    };
    put(StateVar::Gdp, w.gdp[i]);
    put(StateVar::SpendingShare, w.share[i]);
    put(StateVar::RelatedShare, w.related_share[i]);
    put(StateVar::Spending, w.spending[i]);
    put(StateVar::Capability, w.capability[i]);
    put(StateVar::AidShare, w.aid_share[i]);
    put(StateVar::Commitment, w.commitment[i]);
    put(StateVar::SecurityWeight, w.security_weight[i]);
    put(StateVar::PerceivedThreat, w.perceived_threat[i]);
    put(StateVar::DeterrenceRatio, w.deterrence_ratio[i]);
  }
  out.at(WorldVar::RussiaCapability, year_index) = static_cast<float>(w.russia_capability);
  out.at(WorldVar::Threat, year_index) = static_cast<float>(w.threat);
  out.at(WorldVar::UsPresence, year_index) = static_cast<float>(w.us_presence);
  out.at(WorldVar::UkraineAid, year_index) = static_cast<float>(w.ukraine_aid);
  out.at(WorldCode::WarState, year_index) = static_cast<std::int8_t>(w.war_state);
  out.at(WorldCode::CrisisTarget, year_index) = static_cast<std::int8_t>(w.crisis_target);
  out.at(WorldCode::CrisisOutcome, year_index) = static_cast<std::int8_t>(w.crisis_outcome);
}

// The run summary, from the recorded series.
void summarise(const RunConstants& rc, const std::vector<scenarios::Country>& countries,
               const RunRecordView& out) {
  const int years = out.shape.years;
  const int last = years - 1;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  float first_crisis = nan;
  int crises = 0;
  int failures = 0;
  for (int t = 1; t < years; ++t) {
    const std::int8_t outcome = out.at(WorldCode::CrisisOutcome, t);
    if (outcome == 0) continue;
    if (crises == 0) first_crisis = static_cast<float>(rc.start_year + t);
    ++crises;
    if (outcome == static_cast<std::int8_t>(agents::CrisisOutcome::Failed)) ++failures;
  }
  double europe_spending = 0.0, europe_gdp = 0.0, nato_spending = 0.0, commitment = 0.0;
  int europeans = 0, at_two = 0;
  for (int i = 0; i < rc.n; ++i) {
    const double spending = out.at(StateVar::Spending, last, i);
    const bool nato = countries[i].nato;
    if (nato) {
      nato_spending += spending;
      if (out.at(StateVar::SpendingShare, last, i) >= 0.02f) ++at_two;
      if (rc.europe[i]) {
        europe_spending += spending;
        europe_gdp += out.at(StateVar::Gdp, last, i);
      }
    }
    if (rc.europe[i]) {
      commitment += out.at(StateVar::Commitment, last, i);
      ++europeans;
    }
  }
  const auto ratio = [nan](double a, double b) {
    return b > 0.0 ? static_cast<float>(a / b) : nan;
  };
  out.at(SummaryVar::FirstCrisisYear) = first_crisis;
  out.at(SummaryVar::Crises) = static_cast<float>(crises);
  out.at(SummaryVar::DeterrenceFailures) = static_cast<float>(failures);
  out.at(SummaryVar::EuropeSpendingShareEnd) = ratio(europe_spending, europe_gdp);
  out.at(SummaryVar::UsShareNatoSpendingEnd) =
      rc.us >= 0 ? ratio(out.at(StateVar::Spending, last, rc.us), nato_spending) : nan;
  out.at(SummaryVar::AlliesAt2PctEnd) = static_cast<float>(at_two);
  out.at(SummaryVar::MeanCommitmentEnd) = ratio(commitment, static_cast<double>(europeans));
  out.at(SummaryVar::WarStateEnd) = static_cast<float>(out.at(WorldCode::WarState, last));
  out.at(SummaryVar::ThreatEnd) = out.at(WorldVar::Threat, last);
}

}  // namespace

Model::Model(const scenarios::Scenario& scenario, int horizon)
    : scenario_(&scenario), horizon_(horizon) {
  if (horizon <= scenario.start_year || horizon > scenarios::kMaxHorizon) {
    throw std::invalid_argument("horizon " + std::to_string(horizon) + " is outside " +
                                std::to_string(scenario.start_year + 1) + ".." +
                                std::to_string(scenarios::kMaxHorizon));
  }
  if (scenario.countries.empty() || scenario.countries.size() > kMaxStates) {
    throw std::invalid_argument("the model needs 1.." + std::to_string(kMaxStates) +
                                " states, the scenario has " +
                                std::to_string(scenario.countries.size()));
  }
  shape_.years = horizon - scenario.start_year + 1;
  shape_.states = static_cast<int>(scenario.countries.size());
}

bool avx2_available() {
#if defined(__x86_64__)
  __builtin_cpu_init();  // idempotent; needed if a Model is made before constructors have run
  return __builtin_cpu_supports("avx2") != 0;
#else
  return false;
#endif
}

void Model::set_instruction_set(InstructionSet isa) {
  if (isa == InstructionSet::Avx2 && !avx2_available()) {
    throw std::invalid_argument(
        "this CPU has no AVX2; the portable instruction set is the only one");
  }
  instruction_set_ = isa;
}

void Model::run(const scenarios::ParameterValues& params, const RunRng& rng,
                const RunRecordView& out, const std::function<void(const World&)>* observer,
                const ObservedShares* observed, const DecisionOverrides* decisions) const {
  RunConstants rc;
  rc.avx2 = instruction_set_ == InstructionSet::Avx2;
  World prev;
  World cur;
  *out.event_count = 0;
  setup(*scenario_, params, rng, rc, prev);
  if (observed != nullptr) {
    for (int i = 0; i < rc.n; ++i) {
      const double seen = observed->at(rc.start_year, i);
      if (!std::isnan(seen)) prev.share[i] = seen;
    }
  }
  record(out, prev, 0);
  if (observer != nullptr) (*observer)(prev);
  const StepContext cx{rc, params, rng, out, observed, decisions};
  for (int t = 1; t < shape_.years; ++t) {
    const int year = rc.start_year + t;
    // A recorded accession: the state is an ally from this year's decisions on.
    bool joined = false;
    for (int i = 0; i < rc.n; ++i) {
      if (rc.accession[i] != year) continue;
      rc.members[i].nato = true;
      joined = true;
      push_event(cx, year, EventKind::Accession, i, 0.0);
    }
    if (joined) build_links(rc);
    rc.us_policy = us_policy_in(rc, year);
    if (decisions != nullptr) order_us_policy(rc, *decisions, year, rc.us_policy);
    step(cx, prev, cur, t);
    record(out, cur, t);
    if (observer != nullptr) (*observer)(cur);
    prev = cur;
  }
  summarise(rc, scenario_->countries, out);
}

void Model::sample_and_run(const RunRng& rng, scenarios::ParameterValues& params,
                           const RunRecordView& out,
                           const std::function<void(const World&)>* observer) const {
  params = sample_parameters(*scenario_, rng);
  run(params, rng, out, observer);
}

}  // namespace rampart::sim
