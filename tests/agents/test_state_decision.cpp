// The state's decision rule: best response, security weight, norms, desired share, calibration.

#include <gtest/gtest.h>

#include "rampart/agents/state_decision.hpp"
#include "rampart/sim/rng.hpp"

namespace rampart::agents {
namespace {

SecuritySituation situation(double q, double income, double delta, double eta) {
  return {q, income, delta, eta};
}

TEST(StateDecision, BestResponseWithoutPrivateBenefitIsOlsonZeckhauser) {
  // s = w - (1-w) delta Q / (eta Y) = 0.1 - 0.9 * 0.1 * 50 / (0.9 * 100) = 0.05
  EXPECT_NEAR(best_response_share(0.1, situation(50.0, 100.0, 0.1, 0.9), 0.0), 0.05, 1e-15);
  EXPECT_EQ(best_response_share(0.1, situation(5000.0, 100.0, 0.1, 0.9), 0.0), 0.0);  // free rider
  EXPECT_EQ(best_response_share(0.3, situation(0.0, 100.0, 0.1, 1.0), 0.0), 0.3);  // alone: s = w
}

TEST(StateDecision, JointProductBestResponseSolvesTheFirstOrderCondition) {
  const sim::RunRng rng(17, 0);
  for (std::uint64_t k = 0; k < 2000; ++k) {
    const auto u = [&](std::uint64_t j) { return rng.uniform(sim::Stream::Parameters, k, j); };
    const double w = 0.9 * u(0);
    const double beta = u(1);
    const SecuritySituation sit{2000.0 * u(2), 1.0 + 1000.0 * u(3), 0.05 + 0.3 * u(4),
                                0.5 + 0.5 * u(5)};
    const double s = best_response_share(w, sit, beta);
    ASSERT_GT(s, 0.0);
    ASSERT_LT(s, 1.0);
    // Marginal utility of spending is zero: (1-w)/(Y-D) = w a [(1-beta)/(x+Q) + beta/x].
    const double a = sit.efficiency / sit.depreciation;
    const double d = s * sit.income;
    const double x = a * d;
    const double cost = (1.0 - w) / (sit.income - d);
    const double gain = w * a * ((1.0 - beta) / (x + sit.received) + beta / x);
    EXPECT_NEAR(gain / cost, 1.0, 1e-9) << w << ' ' << beta;
  }
}

TEST(StateDecision, PrivateBenefitKeepsAFloorAndDampsTheResponseToAllies) {
  // A small ally under a large umbrella: Q = 1000 a Y.
  const auto small = situation(1.0e6, 100.0, 0.1, 1.0);
  EXPECT_EQ(best_response_share(0.5, small, 0.0), 0.0);  // pure public good: free rides
  const double floor = best_response_share(0.5, small, 0.5);
  EXPECT_GT(floor, 0.0);
  // With Q >> x the private term dominates: s ~ beta odds / (1 + beta odds) = 1/3 at w = 0.5.
  EXPECT_NEAR(floor, 1.0 / 3.0, 2e-3);
  // Doubling the allies' capability barely moves the share (it moved to zero without beta).
  const double doubled = best_response_share(0.5, situation(2.0e6, 100.0, 0.1, 1.0), 0.5);
  EXPECT_LT(floor - doubled, 2e-3);
  EXPECT_GT(floor - doubled, 0.0);
  // beta = 1: security is wholly private, Q is irrelevant, s = w.
  EXPECT_NEAR(best_response_share(0.2, small, 1.0), 0.2, 1e-12);
  // Alone (Q = 0) the share is w whatever beta.
  EXPECT_NEAR(best_response_share(0.2, situation(0.0, 100.0, 0.1, 0.9), 0.5), 0.2, 1e-15);
}

TEST(StateDecision, SecurityWeightMovesTheOdds) {
  EXPECT_EQ(security_weight(0.1, 0.5, 0.0), 0.1);  // no extra threat: the calibrated weight
  // Odds 1/9 times 1.5: w = (1/6) / (7/6) = 1/7.
  EXPECT_DOUBLE_EQ(security_weight(0.1, 0.5, 1.0), 1.0 / 7.0);
  // Falls are bounded: the odds never drop below a fifth.
  EXPECT_DOUBLE_EQ(security_weight(0.5, 0.5, -10.0), 0.2 / 1.2);
  EXPECT_LT(security_weight(0.98, 5.0, 100.0), 1.0);  // bounded below 1
  EXPECT_EQ(security_weight(0.0, 0.5, 2.0), 0.0);
  EXPECT_EQ(security_weight(1.0, 0.5, -2.0), 1.0);
}

TEST(StateDecision, CoreNormPath) {
  EXPECT_EQ(core_norm(2025, 0.02, 0.035, 2035), 0.02);
  EXPECT_DOUBLE_EQ(core_norm(2030, 0.02, 0.035, 2035), 0.0275);
  EXPECT_EQ(core_norm(2035, 0.02, 0.035, 2035), 0.035);
  EXPECT_EQ(core_norm(2040, 0.02, 0.035, 2035), 0.035);
  EXPECT_EQ(core_norm(2030, 0.02, 0.01, 2035), 0.02);               // a target below the floor
  EXPECT_EQ(core_norm(2026, 0.02, 0.035, 2025), 0.035);             // due at once
  EXPECT_DOUBLE_EQ(core_norm(2027.5, 0.02, 0.035, 2035), 0.02375);  // a planning year
  EXPECT_DOUBLE_EQ(planning_lead(0.25), 3.0);  // mean lag of partial adjustment
  EXPECT_EQ(planning_lead(1.0), 0.0);
  EXPECT_EQ(planning_lead(0.0), 0.0);
}

TEST(StateDecision, RelatedNormPath) {
  EXPECT_EQ(related_norm(2024, 0.015, 2035), 0.0);
  EXPECT_DOUBLE_EQ(related_norm(2029, 0.015, 2034), 0.0075);
  EXPECT_EQ(related_norm(2040, 0.015, 2035), 0.015);
}

TEST(StateDecision, DesiredShareIsPulledOnlyUpToTheNorm) {
  EXPECT_DOUBLE_EQ(desired_share(0.01, 0.5, 0.02), 0.015);
  EXPECT_EQ(desired_share(0.03, 0.5, 0.02), 0.03);
  EXPECT_EQ(desired_share(0.01, 0.0, 0.02), 0.01);
}

// Calibration must make the desired share on the 2024 world equal the 2024 share.
double reproduced(double share, double c, double beta, double compliance, double norm) {
  // delta = eta = Y = 1, so delta Q / (eta Y) = c.
  const SecuritySituation sit{c, 1.0, 1.0, 1.0};
  const auto cal = calibrate(share, sit, beta, compliance, norm);
  EXPECT_GE(cal.omega, 0.0);
  EXPECT_LT(cal.omega, 1.0);
  EXPECT_GE(cal.compliance, 0.0);
  EXPECT_LE(cal.compliance, 1.0);
  const double best = best_response_share(cal.omega, sit, beta);
  return desired_share(best, cal.compliance, norm);
}

TEST(StateDecision, CalibrationReproducesTheShare) {
  for (const double beta : {0.0, 0.5, 1.0}) {
    EXPECT_NEAR(reproduced(0.0338, 0.01, beta, 0.3, 0.02), 0.0338, 1e-15);  // above the norm
    EXPECT_NEAR(reproduced(0.0150, 0.50, beta, 0.5, 0.02), 0.0150, 1e-15);  // below, s_BR > 0
    EXPECT_NEAR(reproduced(0.0100, 0.50, beta, 0.9, 0.02), 0.0100, 1e-15);  // below, revealed
    EXPECT_NEAR(reproduced(0.0100, 0.50, beta, 1.0, 0.02), 0.0100, 1e-15);  // lambda = 1
    EXPECT_NEAR(reproduced(0.0024, 2.00, beta, 0.3, 0.0), 0.0024, 1e-15);   // outside NATO
    EXPECT_NEAR(reproduced(0.0, 5.00, beta, 0.3, 0.02), 0.0, 1e-15);        // Iceland
  }
  // Without a private benefit the old rules hold: Iceland at the free-riding boundary, the
  // revealed compliance s/N.
  const SecuritySituation sit{5.0, 1.0, 1.0, 1.0};
  const auto iceland = calibrate(0.0, sit, 0.0, 0.3, 0.02);
  EXPECT_EQ(iceland.compliance, 0.0);
  EXPECT_DOUBLE_EQ(iceland.omega, 5.0 / 6.0);
  EXPECT_DOUBLE_EQ(calibrate(0.01, {0.5, 1.0, 1.0, 1.0}, 0.0, 0.9, 0.02).compliance, 0.5);
  // With one, a zero share means no weight on security, and the over-explained share is split
  // half own interest, half norm: lambda = (s/2) / (N - s/2).
  EXPECT_EQ(calibrate(0.0, sit, 0.5, 0.3, 0.02).omega, 0.0);
  EXPECT_DOUBLE_EQ(calibrate(0.01, {0.5, 1.0, 1.0, 1.0}, 0.5, 0.9, 0.02).compliance, 0.005 / 0.015);
}

// The weight the calibration finds is never near 1 for a small ally with a private benefit,
// while the pure public good needs w -> 1 (finding 3 of model v1).
TEST(StateDecision, PrivateBenefitKeepsCalibratedWeightsModerate) {
  const SecuritySituation montenegro{400.0, 1.0, 0.1, 1.0};  // Q = 40 Y
  const double pure = calibrate(0.02, montenegro, 0.0, 0.5, 0.02).omega;
  const double joint = calibrate(0.02, montenegro, 0.5, 0.5, 0.02).omega;
  EXPECT_GT(pure, 0.95);
  EXPECT_LT(joint, 0.1);
}

TEST(StateDecision, CalibrationOverRandomStates) {
  const sim::RunRng rng(99, 0);
  for (std::uint64_t k = 0; k < 2000; ++k) {
    const double share = 0.06 * rng.uniform(sim::Stream::Parameters, k, 0);
    const double c = 3.0 * rng.uniform(sim::Stream::Parameters, k, 1);
    const double compliance = rng.uniform(sim::Stream::Parameters, k, 2);
    const double norm = rng.uniform(sim::Stream::Parameters, k, 3) < 0.2 ? 0.0 : 0.02;
    const double beta = rng.uniform(sim::Stream::Parameters, k, 4);
    EXPECT_NEAR(reproduced(share, c, beta, compliance, norm), share, 1e-14)
        << share << ' ' << c << ' ' << compliance << ' ' << norm << ' ' << beta;
  }
}

// Monotonicity: more threat (a higher w) or less protection (a smaller Q) never lowers the
// desired share.
TEST(StateDecision, DesiredShareIsMonotone) {
  const sim::RunRng rng(5, 0);
  for (std::uint64_t k = 0; k < 2000; ++k) {
    const auto u = [&](std::uint64_t j) { return rng.uniform(sim::Stream::Parameters, k, j); };
    const double omega = 0.5 * u(0);
    const double theta = 5.0 * u(1);
    const double threat_low = 2.0 * u(2) - 1.0;
    const double threat_high = threat_low + u(3);
    const double q_high = 1000.0 * u(4);
    const double q_low = q_high * u(5);
    const double income = 10.0 + 1000.0 * u(6);
    const double lambda = u(7);
    const double norm = 0.05 * u(8);
    const double beta = u(9);
    const auto desired = [&](double threat, double q) {
      const double w = security_weight(omega, theta, threat);
      return desired_share(best_response_share(w, {q, income, 0.1, 0.9}, beta), lambda, norm);
    };
    EXPECT_GE(desired(threat_high, q_high), desired(threat_low, q_high));
    EXPECT_GE(desired(threat_low, q_low), desired(threat_low, q_high));
  }
}

}  // namespace
}  // namespace rampart::agents
