// The state's decision rule: best response, security weight, norms, desired share, calibration.

#include <gtest/gtest.h>

#include "rampart/agents/state_decision.hpp"
#include "rampart/sim/rng.hpp"

namespace rampart::agents {
namespace {

TEST(StateDecision, BestResponseFormula) {
  // s = w - (1-w) delta Q / (eta Y) = 0.1 - 0.9 * 0.1 * 50 / (0.9 * 100) = 0.05
  EXPECT_NEAR(best_response_share(0.1, 50.0, 100.0, 0.1, 0.9), 0.05, 1e-15);
  EXPECT_EQ(best_response_share(0.1, 5000.0, 100.0, 0.1, 0.9), 0.0);  // free rider
  EXPECT_EQ(best_response_share(0.3, 0.0, 100.0, 0.1, 1.0), 0.3);     // alone: s = w
}

TEST(StateDecision, SecurityWeightIsClamped) {
  EXPECT_DOUBLE_EQ(security_weight(0.1, 0.02, 2.0), 0.14);
  EXPECT_EQ(security_weight(0.98, 0.5, 2.0), 0.99);
  EXPECT_EQ(security_weight(0.01, 0.5, -2.0), 0.0);
}

TEST(StateDecision, CoreNormPath) {
  EXPECT_EQ(core_norm(2025, 0.02, 0.035, 2035), 0.02);
  EXPECT_DOUBLE_EQ(core_norm(2030, 0.02, 0.035, 2035), 0.0275);
  EXPECT_EQ(core_norm(2035, 0.02, 0.035, 2035), 0.035);
  EXPECT_EQ(core_norm(2040, 0.02, 0.035, 2035), 0.035);
  EXPECT_EQ(core_norm(2030, 0.02, 0.01, 2035), 0.02);    // a target below the floor
  EXPECT_EQ(core_norm(2026, 0.02, 0.035, 2025), 0.035);  // due at once
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
double reproduced(double share, double c, double compliance, double norm) {
  const auto cal = calibrate(share, c, compliance, norm);
  // delta Q / (eta Y) = c with delta = eta = Y = 1.
  const double best = best_response_share(cal.omega, c, 1.0, 1.0, 1.0);
  return desired_share(best, cal.compliance, norm);
}

TEST(StateDecision, CalibrationReproducesTheShare) {
  EXPECT_NEAR(reproduced(0.0338, 0.01, 0.3, 0.02), 0.0338, 1e-15);  // above the norm
  EXPECT_NEAR(reproduced(0.0150, 0.50, 0.5, 0.02), 0.0150, 1e-15);  // below, s_BR > 0
  EXPECT_NEAR(reproduced(0.0100, 0.50, 0.9, 0.02), 0.0100, 1e-15);  // below, revealed lambda
  EXPECT_NEAR(reproduced(0.0100, 0.50, 1.0, 0.02), 0.0100, 1e-15);  // lambda = 1
  EXPECT_NEAR(reproduced(0.0024, 2.00, 0.3, 0.0), 0.0024, 1e-15);   // outside NATO
  EXPECT_NEAR(reproduced(0.0, 5.00, 0.3, 0.02), 0.0, 1e-15);        // Iceland
  const auto iceland = calibrate(0.0, 5.0, 0.3, 0.02);
  EXPECT_EQ(iceland.compliance, 0.0);
  EXPECT_DOUBLE_EQ(iceland.omega, 5.0 / 6.0);
  const auto revealed = calibrate(0.01, 0.5, 0.9, 0.02);
  EXPECT_DOUBLE_EQ(revealed.compliance, 0.5);
}

TEST(StateDecision, CalibrationOverRandomStates) {
  const sim::RunRng rng(99, 0);
  for (std::uint64_t k = 0; k < 2000; ++k) {
    const double share = 0.06 * rng.uniform(sim::Stream::Parameters, k, 0);
    const double c = 3.0 * rng.uniform(sim::Stream::Parameters, k, 1);
    const double compliance = rng.uniform(sim::Stream::Parameters, k, 2);
    const double norm = rng.uniform(sim::Stream::Parameters, k, 3) < 0.2 ? 0.0 : 0.02;
    EXPECT_NEAR(reproduced(share, c, compliance, norm), share, 1e-14)
        << share << ' ' << c << ' ' << compliance << ' ' << norm;
  }
}

// Monotonicity: more threat (a higher w) or less protection (a smaller Q) never lowers the
// desired share.
TEST(StateDecision, DesiredShareIsMonotone) {
  const sim::RunRng rng(5, 0);
  for (std::uint64_t k = 0; k < 2000; ++k) {
    const auto u = [&](std::uint64_t j) { return rng.uniform(sim::Stream::Parameters, k, j); };
    const double omega = 0.5 * u(0);
    const double theta = 0.5 * u(1);
    const double threat_low = 2.0 * u(2) - 1.0;
    const double threat_high = threat_low + u(3);
    const double q_high = 1000.0 * u(4);
    const double q_low = q_high * u(5);
    const double income = 10.0 + 1000.0 * u(6);
    const double lambda = u(7);
    const double norm = 0.05 * u(8);
    const auto desired = [&](double threat, double q) {
      const double w = security_weight(omega, theta, threat);
      return desired_share(best_response_share(w, q, income, 0.1, 0.9), lambda, norm);
    };
    EXPECT_GE(desired(threat_high, q_high), desired(threat_low, q_high));
    EXPECT_GE(desired(threat_low, q_low), desired(threat_low, q_high));
  }
}

}  // namespace
}  // namespace rampart::agents
