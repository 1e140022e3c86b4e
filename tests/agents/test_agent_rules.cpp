// The other decision rules: links, the US, Russia, Ukraine, crises, adjustment, commitment.

#include <gtest/gtest.h>

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
  const LinkParams p{1.0, 0.6, 0.3, 0.8};
  const Membership deu{true, true, false, DisputeSide::None};
  const Membership fra{true, true, false, DisputeSide::None};
  const Membership usa{true, false, false, DisputeSide::None};
  const Membership aut{false, true, true, DisputeSide::None};
  const Membership tur{true, false, false, DisputeSide::Turkiye};
  const Membership cyp{false, true, false, DisputeSide::Cyprus};
  EXPECT_EQ(link_strength(fra, deu, p), 1.0);         // Art. 5 beats Art. 42(7)
  EXPECT_DOUBLE_EQ(link_strength(usa, deu, p), 0.8);  // Art. 5 across the EU border
  EXPECT_DOUBLE_EQ(link_strength(deu, usa, p), 0.8);
  EXPECT_EQ(link_strength(usa, aut, p), 0.0);          // no treaty
  EXPECT_DOUBLE_EQ(link_strength(aut, deu, p), 0.18);  // neutral helper: 0.6 * 0.3
  EXPECT_DOUBLE_EQ(link_strength(deu, aut, p), 0.6);
  EXPECT_EQ(link_strength(tur, cyp, p), 0.0);
  EXPECT_EQ(link_strength(cyp, tur, p), 0.0);
  EXPECT_DOUBLE_EQ(link_strength(tur, deu, p), 0.8);
  EXPECT_EQ(treaty_link(usa, deu, p), 1.0);
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
  EXPECT_EQ(us_protection(0.025, t), 1.0);
  EXPECT_EQ(us_protection(0.015, t), t.laggard_protection);
  EXPECT_EQ(us_protection(0.015, us(UsPolicy::Committed)), 0.95);
  const NormPull base{0.5, 0.02};
  const auto laggard = us_pressure(base, 0.015, 0.3, 0.05, t);
  EXPECT_DOUBLE_EQ(laggard.compliance, 0.8);
  EXPECT_EQ(laggard.norm, 0.05);
  EXPECT_EQ(us_pressure(base, 0.025, 0.3, 0.05, t).norm, 0.02);
  EXPECT_EQ(us_pressure({0.9, 0.02}, 0.015, 0.3, 0.05, t).compliance, 1.0);
  EXPECT_EQ(us_pressure(base, 0.015, 0.3, 0.05, us(UsPolicy::Committed)).compliance, 0.5);
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
  EXPECT_DOUBLE_EQ(adjust_share(0.02, 0.03, 0.5, 0.0, free), 0.025);
  AdjustmentLimits drag{0.5, 1.0, 1.0};
  EXPECT_DOUBLE_EQ(adjust_share(0.02, 0.03, 0.5, 0.0, drag), 0.0225);
  AdjustmentLimits fiscal{0.0, 0.001, 1.0};
  EXPECT_DOUBLE_EQ(adjust_share(0.02, 0.03, 0.5, 0.0, fiscal), 0.021);
  AdjustmentLimits industry{0.0, 1.0, 0.022};
  EXPECT_DOUBLE_EQ(adjust_share(0.02, 0.03, 0.5, 0.0, industry), 0.022);
  AdjustmentLimits tight{0.9, 0.0, 0.0};
  EXPECT_DOUBLE_EQ(adjust_share(0.02, 0.01, 0.5, 0.0, tight), 0.015);   // cuts pass
  EXPECT_EQ(adjust_share(0.001, 0.0, 1.0, -0.01, tight), 0.0);          // never below 0
  EXPECT_DOUBLE_EQ(adjust_share(0.02, 0.02, 0.3, 0.001, free), 0.021);  // noise
}

TEST(SpendingAdjustment, FiscalRoom) {
  FiscalRoomInputs in{0.004, 0.5, true, true, 0.015, 0.0005};
  EXPECT_DOUBLE_EQ(fiscal_room(2026, in), 0.002 + 0.00375 + 0.0005);
  EXPECT_DOUBLE_EQ(fiscal_room(2029, in), 0.002 + 0.0005);
  EXPECT_DOUBLE_EQ(fiscal_room(2031, in), 0.002);
  in.eu = false;
  EXPECT_DOUBLE_EQ(fiscal_room(2026, in), 0.002);
}

TEST(SpendingAdjustment, CapabilityEfficiency) {
  EXPECT_EQ(capability_efficiency(0.9, 0.1, 100.0, 105.0), 0.9);  // within absorption
  EXPECT_DOUBLE_EQ(capability_efficiency(1.0, 0.1, 100.0, 220.0), 0.5);
  EXPECT_EQ(capability_efficiency(0.9, 0.1, 100.0, 0.0), 0.9);
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
