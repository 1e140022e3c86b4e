// The other decision rules: links, the US, Russia, Ukraine, crises, adjustment, commitment.

#include <gtest/gtest.h>

#include <cmath>

#include "rampart/agents/alliance_links.hpp"
#include "rampart/agents/commitment.hpp"
#include "rampart/agents/crisis.hpp"
#include "rampart/agents/russia.hpp"
#include "rampart/agents/spending_adjustment.hpp"
#include "rampart/agents/ukraine.hpp"
#include "rampart/agents/united_states.hpp"

namespace rampart::agents {
namespace {

using scenarios::UsPolicy;

TEST(AllianceLinks, TreatyStrengths) {
  const LinkParams p{1.0, 0.6, 0.3};
  const Membership deu{true, true, false, DisputeSide::None};
  const Membership fra{true, true, false, DisputeSide::None};
  const Membership usa{true, false, false, DisputeSide::None};
  const Membership aut{false, true, true, DisputeSide::None};
  const Membership tur{true, false, false, DisputeSide::Turkiye};
  const Membership cyp{false, true, false, DisputeSide::Cyprus};
  EXPECT_EQ(link_strength(fra, deu, p), 1.0);  // Art. 5 beats Art. 42(7)
  // Art. 5 across the EU border is Art. 5: EU-NATO cooperation acts on reach, not on the treaty.
  EXPECT_EQ(link_strength(usa, deu, p), 1.0);
  EXPECT_EQ(link_strength(deu, usa, p), 1.0);
  EXPECT_EQ(link_strength(usa, aut, p), 0.0);          // no treaty
  EXPECT_DOUBLE_EQ(link_strength(aut, deu, p), 0.18);  // neutral helper: 0.6 * 0.3
  EXPECT_DOUBLE_EQ(link_strength(deu, aut, p), 0.6);
  EXPECT_EQ(link_strength(tur, cyp, p), 0.0);
  EXPECT_EQ(link_strength(cyp, tur, p), 0.0);
  EXPECT_EQ(link_strength(tur, deu, p), 1.0);
  EXPECT_EQ(treaty_link(usa, deu, p), 1.0);
}

TEST(AllianceLinks, CooperationScalesTheReachOfReinforcements) {
  EXPECT_DOUBLE_EQ(allied_reach(0.05, 0.5, 1.0), 0.05);  // full cooperation: the whole reach
  EXPECT_DOUBLE_EQ(allied_reach(0.05, 0.5, 0.8), 0.045);
  EXPECT_DOUBLE_EQ(allied_reach(0.05, 0.5, 0.0), 0.025);
  EXPECT_DOUBLE_EQ(allied_reach(0.05, 0.0, 0.0), 0.05);  // nothing depends on cooperation
  EXPECT_LT(allied_reach(0.05, 0.5, 0.7), allied_reach(0.05, 0.5, 0.9));
}

UsPolicyParams us(UsPolicy policy) {
  UsPolicyParams u;
  u.policy = policy;
  u.drawdown_start = 2026;
  u.drawdown_years = 5;
  u.presence_floor = 0.1;
  return u;
}

TEST(UnitedStates, PresenceFallsLinearlyToTheFloor) {
  const auto d = us(UsPolicy::Disengaging);
  EXPECT_EQ(us_presence(2025, d), 1.0);
  EXPECT_DOUBLE_EQ(us_presence(2026, d), 1.0 - 0.9 / 5.0);
  EXPECT_DOUBLE_EQ(us_presence(2030, d), 0.1);
  EXPECT_DOUBLE_EQ(us_presence(2040, d), 0.1);
  EXPECT_EQ(us_presence(2040, us(UsPolicy::Committed)), 1.0);
  EXPECT_EQ(us_presence(2040, us(UsPolicy::Transactional)), 1.0);
}

TEST(UnitedStates, ProtectionAndPressure) {
  const auto t = us(UsPolicy::Transactional);
  EXPECT_DOUBLE_EQ(us_protection(0.025, t), 0.95 * 0.8);
  EXPECT_DOUBLE_EQ(us_protection(0.015, t), 0.95 * 0.8 * t.laggard_protection);
  EXPECT_EQ(us_protection(0.015, us(UsPolicy::Committed)), 0.95);
  const NormPull base{0.5, 0.02};
  const auto laggard = us_pressure(base, 0.015, 0.3, 0.05, t);
  EXPECT_DOUBLE_EQ(laggard.compliance, 0.8);
  EXPECT_EQ(laggard.norm, 0.05);
  EXPECT_EQ(us_pressure(base, 0.025, 0.3, 0.05, t).norm, 0.02);
  EXPECT_EQ(us_pressure({0.9, 0.02}, 0.015, 0.3, 0.05, t).compliance, 1.0);
  EXPECT_EQ(us_pressure(base, 0.015, 0.3, 0.05, us(UsPolicy::Committed)).compliance, 0.5);
}

// The finding of the v1.1 review: a transactional US protected payers (1.0) more than a committed
// one (0.95). Now, for any ally, assessment and parameters, committed >= transactional >=
// disengaging (whose presence, at most 1, multiplies its protection).
TEST(UnitedStates, PoliciesAreOrderedForEveryAllyAndParameterSet) {
  int cases = 0;
  for (double commitment : {0.0, 0.5, 0.95, 1.0}) {
    for (double credibility : {0.0, 0.3, 0.8, 1.0}) {
      for (double laggard : {0.0, 0.3, 1.0}) {
        for (double assessed : {0.0, 0.0199, 0.02, 0.05}) {
          for (int year : {2025, 2027, 2030, 2040}) {
            auto c = us(UsPolicy::Committed);
            c.commitment = commitment;
            c.transactional_credibility = credibility;
            c.laggard_protection = laggard;
            auto t = c;
            t.policy = UsPolicy::Transactional;
            auto d = c;
            d.policy = UsPolicy::Disengaging;
            const double committed = us_protection(assessed, c) * us_presence(year, c);
            const double transactional = us_protection(assessed, t) * us_presence(year, t);
            const double disengaging = us_protection(assessed, d) * us_presence(year, d);
            EXPECT_GE(committed, transactional);
            EXPECT_GE(transactional, disengaging);
            ++cases;
          }
        }
      }
    }
  }
  EXPECT_EQ(cases, 768);
}

TEST(UnitedStates, AssessmentFollowsTheTrendNotOneYear) {
  EXPECT_DOUBLE_EQ(us_assessment(0.018, 0.022, 0.5), 0.02);
  EXPECT_EQ(us_assessment(0.018, 0.022, 0.0), 0.022);  // no memory: last year's share
  // One noisy year above the line does not make a laggard a payer with memory 0.5.
  const double once = us_assessment(0.017, 0.021, 0.5);
  EXPECT_LT(once, 0.02);
}

TEST(UnitedStates, AidEnds) {
  auto c = us(UsPolicy::Committed);
  c.aid_end_year = 2027;
  EXPECT_FALSE(us_aid_ended(2026, c));
  EXPECT_TRUE(us_aid_ended(2027, c));
  const auto d = us(UsPolicy::Disengaging);
  EXPECT_FALSE(us_aid_ended(2029, d));
  EXPECT_TRUE(us_aid_ended(2030, d));
}

TEST(Russia, CapabilityAndAbsorption) {
  EXPECT_DOUBLE_EQ(initial_russia_capability(149.0, 0.1, 0.8), 298.0);
  // The initial stock is a steady state at 2024 aid.
  const double r0 = initial_russia_capability(149.0, 0.1, 0.8);
  const double absorbed = war_absorption(true, 0.8, 1.0, 0.5);
  EXPECT_DOUBLE_EQ(next_russia_capability(r0, 0.1, 149.0, absorbed, true, 2.0), r0);
  EXPECT_EQ(war_absorption(false, 0.8, 1.0, 0.5), 0.0);
  EXPECT_LT(war_absorption(true, 0.8, 0.5, 0.5), 0.8);  // less aid, less absorbed
  EXPECT_EQ(war_absorption(true, 0.8, 4.0, 1.0), 1.0);
  EXPECT_DOUBLE_EQ(next_russia_capability(100.0, 0.1, 10.0, 0.0, false, 2.0), 110.0);
}

TEST(Russia, ProbeProbability) {
  const ProbeParams p{0.05, 0.3, 2.0, 0.5};
  EXPECT_DOUBLE_EQ(probe_probability(10.0, 10.0, false, p), 0.05);
  EXPECT_DOUBLE_EQ(probe_probability(10.0, 5.0, false, p), 0.2);
  EXPECT_DOUBLE_EQ(probe_probability(10.0, 10.0, true, p), 0.015);
  EXPECT_EQ(probe_probability(10.0, 1.0, false, p), 0.5);
  EXPECT_EQ(probe_probability(10.0, 0.0, false, p), 0.5);
  EXPECT_EQ(probe_probability(10.0, 1.0, false, {0.0, 0.3, 2.0, 0.5}), 0.0);
}

TEST(Ukraine, WarChain) {
  const WarParams p{0.15, 0.15, 0.20, 1.0};
  EXPECT_EQ(next_war_state(WarState::Active, 1.0, 0.14, p), WarState::Ceasefire);
  EXPECT_EQ(next_war_state(WarState::Active, 1.0, 0.16, p), WarState::Active);
  EXPECT_EQ(next_war_state(WarState::Active, 0.5, 0.20, p), WarState::Ceasefire);  // 0.225
  EXPECT_EQ(next_war_state(WarState::Ceasefire, 1.0, 0.10, p), WarState::Active);
  EXPECT_EQ(next_war_state(WarState::Ceasefire, 1.0, 0.30, p), WarState::Frozen);
  EXPECT_EQ(next_war_state(WarState::Ceasefire, 1.0, 0.40, p), WarState::Ceasefire);
  EXPECT_EQ(next_war_state(WarState::Frozen, 1.0, 0.07, p), WarState::Active);
  EXPECT_EQ(next_war_state(WarState::Frozen, 1.0, 0.08, p), WarState::Frozen);
}

TEST(Ukraine, Aid) {
  EXPECT_DOUBLE_EQ(desired_aid_share(0.002, 1.0, 0.5, WarState::Active, 0.0), 0.003);
  EXPECT_DOUBLE_EQ(desired_aid_share(0.002, 1.0, -0.5, WarState::Frozen, 0.001), 0.002);
  EXPECT_DOUBLE_EQ(next_aid_share(0.002, 0.004, 0.25), 0.0025);
}

TEST(Crisis, OutcomesAndRatio) {
  EXPECT_EQ(crisis_outcome(1.0, {1.0, 0.5}), CrisisOutcome::Deterred);
  EXPECT_EQ(crisis_outcome(0.5, {1.0, 0.5}), CrisisOutcome::Contained);
  EXPECT_EQ(crisis_outcome(0.49, {1.0, 0.5}), CrisisOutcome::Failed);
  EXPECT_DOUBLE_EQ(deterrence_ratio(10.0, 30.0, 0.2, 100.0), 2.0);
  EXPECT_EQ(deterrence_ratio(10.0, 30.0, 0.0, 100.0), kMaxDeterrenceRatio);
  EXPECT_EQ(deterrence_ratio(0.0, 0.0, 0.0, 0.0), kMaxDeterrenceRatio);
}

TEST(SpendingAdjustment, FrictionsCapRisesNotCuts) {
  AdjustmentLimits free{0.0, 1.0, 1.0};
  EXPECT_DOUBLE_EQ(planned_share(0.02, 0.03, 0.5, free), 0.025);
  AdjustmentLimits drag{0.5, 1.0, 1.0};
  EXPECT_DOUBLE_EQ(planned_share(0.02, 0.03, 0.5, drag), 0.0225);
  AdjustmentLimits fiscal{0.0, 0.001, 1.0};
  EXPECT_DOUBLE_EQ(planned_share(0.02, 0.03, 0.5, fiscal), 0.021);
  AdjustmentLimits industry{0.0, 1.0, 0.022};
  EXPECT_DOUBLE_EQ(planned_share(0.02, 0.03, 0.5, industry), 0.022);
  AdjustmentLimits tight{0.9, 0.0, 0.0};
  EXPECT_DOUBLE_EQ(planned_share(0.02, 0.01, 0.5, tight), 0.015);  // cuts pass
  // The budget surprise comes after the plan, uncapped, and never below 0.
  EXPECT_EQ(realised_share(0.001, -0.01), 0.0);
  EXPECT_DOUBLE_EQ(realised_share(planned_share(0.02, 0.02, 0.3, free), 0.001), 0.021);
  EXPECT_DOUBLE_EQ(realised_share(planned_share(0.02, 0.03, 0.5, fiscal), 0.002), 0.023);
}

TEST(SpendingAdjustment, GuidelineIsAFloorOfThePlanOnceReached) {
  AdjustmentLimits held{0.0, 1.0, 1.0, 0.02};
  // A lower desired share would take the state below the line: it plans to stay at the line.
  EXPECT_EQ(planned_share(0.021, 0.015, 0.3, held), 0.02);
  EXPECT_EQ(planned_share(0.02, 0.0, 1.0, held), 0.02);
  // Above the line it moves freely; a state below the line is not lifted.
  EXPECT_DOUBLE_EQ(planned_share(0.025, 0.015, 0.5, held), 0.02);
  EXPECT_DOUBLE_EQ(planned_share(0.03, 0.026, 0.5, held), 0.028);
  EXPECT_DOUBLE_EQ(planned_share(0.019, 0.015, 0.5, held), 0.017);
  // The year's surprise takes it through the line only when the floor breaks.
  EXPECT_DOUBLE_EQ(realised_share(0.0205, -0.002, 0.0205, held, true), 0.0185);
  EXPECT_EQ(realised_share(0.0205, -0.002, 0.0205, held, false), 0.02);
  EXPECT_DOUBLE_EQ(realised_share(0.019, -0.001, 0.019, held, false), 0.018);  // below: free
}

// The model evaluates the floor-break draw only where line_at_stake says it decides anything:
// everywhere else the two answers of realised_share must agree, and where it is at stake they
// must differ (else the draw is skipped where it counts, or evaluated for nothing).
TEST(SpendingAdjustment, TheLineIsAtStakeExactlyWhereTheBreakDrawDecides) {
  int at_stake = 0;
  for (const double floor : {0.0, 0.02, 0.035}) {
    const AdjustmentLimits limits{0.0, 1.0, 1.0, floor};
    for (const double previous : {0.0, 0.015, 0.02, 0.0201, 0.03, 0.035, 0.05}) {
      for (const double plan : {0.0, 0.01, 0.02, 0.0205, 0.034, 0.035, 0.04, 0.99}) {
        for (const double noise : {-0.5, -0.01, -0.0005, -1e-12, 0.0, 1e-12, 0.0005, 0.02, 0.5}) {
          const bool differs = realised_share(plan, noise, previous, limits, true) !=
                               realised_share(plan, noise, previous, limits, false);
          EXPECT_EQ(line_at_stake(plan, noise, previous, limits), differs)
              << "floor " << floor << " previous " << previous << " plan " << plan << " noise "
              << noise;
          at_stake += differs ? 1 : 0;
        }
      }
    }
  }
  EXPECT_GT(at_stake, 20);  // the grid reaches both answers
}

TEST(SpendingAdjustment, FiscalRoom) {
  FiscalRoomInputs in{0.004, 0.5, true, true, 0.015, 0.0005};
  EXPECT_DOUBLE_EQ(fiscal_room(2026, in), 0.002 + 0.00375 + 0.0005);
  EXPECT_DOUBLE_EQ(fiscal_room(2029, in), 0.002 + 0.0005);
  in.safe_share = 0.0;
  EXPECT_DOUBLE_EQ(fiscal_room(2031, in), 0.002);
  in.eu = false;
  EXPECT_DOUBLE_EQ(fiscal_room(2026, in), 0.002);
}

TEST(SpendingAdjustment, EuInstrumentSchedules) {
  double safe = 0.0;
  for (int year = 2024; year <= 2035; ++year) safe += safe_disbursement(year);
  EXPECT_NEAR(safe, 1.0, 1e-12);  // the whole allocation, 2026-2030
  EXPECT_EQ(safe_disbursement(2025), 0.0);
  EXPECT_EQ(safe_disbursement(2031), 0.0);
  EXPECT_EQ(escape_clause_phase(2024), 0.0);
  EXPECT_DOUBLE_EQ(escape_clause_phase(2026), 0.5);
  EXPECT_EQ(escape_clause_phase(2028), 1.0);
  EXPECT_EQ(escape_clause_phase(2035), 1.0);
}

TEST(SpendingAdjustment, CapacityBindsASustainedRampUp) {
  // Within absorption capacity follows demand and every euro buys capability.
  EXPECT_EQ(next_capacity(100.0, 0.1, 105.0), 105.0);
  EXPECT_EQ(capability_efficiency(0.9, 105.0, 105.0), 0.9);
  EXPECT_EQ(capability_efficiency(0.9, 100.0, 0.0), 0.9);
  // Spending 20 % a year above a 10 % absorption: efficiency falls year after year.
  double capacity = 100.0;
  double spending = 100.0;
  double last = 1.0;
  for (int year = 0; year < 5; ++year) {
    spending *= 1.2;
    capacity = next_capacity(capacity, 0.1, spending);
    const double efficiency = capability_efficiency(1.0, capacity, spending);
    EXPECT_LT(efficiency, last);
    last = efficiency;
  }
  EXPECT_NEAR(last, std::pow(1.1 / 1.2, 5), 1e-12);
  // Capacity does not shrink when spending falls.
  EXPECT_EQ(next_capacity(150.0, 0.1, 80.0), 150.0);
}

TEST(Commitment, Rules) {
  EXPECT_DOUBLE_EQ(burden_fairness(0.03, 0.02), 0.5);
  EXPECT_EQ(burden_fairness(0.03, 0.0), 1.0);
  EXPECT_EQ(burden_fairness(0.0, 0.05), -1.0);
  const CommitmentDrivers d{0.1, 0.1, 0.1};
  EXPECT_DOUBLE_EQ(desired_commitment(d, 0.5, 1.0, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(desired_commitment(d, 0.5, 0.0, -1.0), 0.85);
  EXPECT_DOUBLE_EQ(next_commitment(0.8, 1.0, 0.2, 0.0), 0.84);
  EXPECT_EQ(next_commitment(0.99, 1.0, 0.2, 0.5), 1.0);
  EXPECT_DOUBLE_EQ(populism_in(2034, 0.3, 0.01), 0.4);
  EXPECT_EQ(populism_in(2034, 0.3, -0.1), 0.0);
}

}  // namespace
}  // namespace rampart::agents
