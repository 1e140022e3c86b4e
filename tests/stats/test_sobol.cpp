#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "rampart/scenarios/sweep.hpp"
#include "rampart/stats/errors.hpp"
#include "rampart/stats/sobol.hpp"

namespace rampart::stats {
namespace {

constexpr std::size_t kFactors = 3;
constexpr std::size_t kBaseSamples = 4096;

double ishigami(double x1, double x2, double x3) {
  constexpr double a = 7.0;
  constexpr double b = 0.1;
  const double s2 = std::sin(x2);
  return std::sin(x1) + a * s2 * s2 + b * x3 * x3 * x3 * x3 * std::sin(x1);
}

// Outputs of the Ishigami function on the project's Saltelli design (rows A, B, AB_1..AB_3),
// unit coordinates mapped to [-pi, pi].
struct DesignOutputs {
  std::vector<double> f_a;
  std::vector<double> f_b;
  std::vector<double> f_ab;
};

DesignOutputs ishigami_on_saltelli_design(double (*noise)(std::size_t replicate), int replicates) {
  const std::vector<double> unit = scenarios::saltelli_unit(kBaseSamples, kFactors);
  const std::size_t rows = unit.size() / kFactors;
  EXPECT_EQ(rows, kBaseSamples * (kFactors + 2));
  const auto r = static_cast<std::size_t>(replicates);
  std::vector<double> outputs;
  for (std::size_t row = 0; row < rows; ++row) {
    double x[kFactors];
    for (std::size_t i = 0; i < kFactors; ++i) {
      x[i] = -std::numbers::pi + 2.0 * std::numbers::pi * unit[row * kFactors + i];
    }
    for (std::size_t k = 0; k < r; ++k) outputs.push_back(ishigami(x[0], x[1], x[2]) + noise(k));
  }
  const auto block = static_cast<std::ptrdiff_t>(kBaseSamples * r);
  DesignOutputs d;
  d.f_a.assign(outputs.begin(), outputs.begin() + block);
  d.f_b.assign(outputs.begin() + block, outputs.begin() + 2 * block);
  d.f_ab.assign(outputs.begin() + 2 * block, outputs.end());
  return d;
}

double no_noise(std::size_t) {
  return 0.0;
}

// Additive noise that depends only on the replicate (common random numbers: replicate k draws
// the same stream at every design point). Values -3, -1, 1, 3: population variance 5.
double replicate_noise(std::size_t replicate) {
  return 2.0 * static_cast<double>(replicate) - 3.0;
}

// The analytic indices for a = 7, b = 0.1 (Ishigami & Homma 1990; Sobol' & Levitan 1999).
constexpr double kFirst[kFactors] = {0.3139, 0.4424, 0.0};
constexpr double kTotal[kFactors] = {0.5576, 0.4424, 0.2437};

void expect_within_interval(const IndexEstimate& e, double analytic) {
  const double lower = std::min(e.lower, e.estimate - 0.03);
  const double upper = std::max(e.upper, e.estimate + 0.03);
  EXPECT_LE(e.lower, e.estimate);
  EXPECT_GE(e.upper, e.estimate);
  EXPECT_GE(analytic, lower) << "estimate " << e.estimate;
  EXPECT_LE(analytic, upper) << "estimate " << e.estimate;
}

TEST(Sobol, IshigamiIndicesWithinBootstrapIntervals) {
  const DesignOutputs d = ishigami_on_saltelli_design(no_noise, 1);
  const SobolIndices s = sobol_indices(d.f_a, d.f_b, d.f_ab);
  ASSERT_EQ(s.first_order.size(), kFactors);
  ASSERT_EQ(s.total_order.size(), kFactors);
  EXPECT_EQ(s.base_samples, kBaseSamples);
  // Analytic variance: a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2.
  const double pi4 = std::pow(std::numbers::pi, 4);
  const double variance = 49.0 / 8.0 + 0.1 * pi4 / 5.0 + 0.01 * pi4 * pi4 / 18.0 + 0.5;
  EXPECT_NEAR(s.variance, variance, 0.05 * variance);
  for (std::size_t i = 0; i < kFactors; ++i) {
    SCOPED_TRACE(i);
    expect_within_interval(s.first_order[i], kFirst[i]);
    expect_within_interval(s.total_order[i], kTotal[i]);
  }
  EXPECT_DOUBLE_EQ(s.noise_variance_share, 0.0);
}

TEST(Sobol, BootstrapIsDeterministicForASeed) {
  const DesignOutputs d = ishigami_on_saltelli_design(no_noise, 1);
  SobolOptions options;
  options.bootstrap_samples = 200;
  const SobolIndices first = sobol_indices(d.f_a, d.f_b, d.f_ab, options);
  const SobolIndices again = sobol_indices(d.f_a, d.f_b, d.f_ab, options);
  options.seed += 1;
  const SobolIndices other = sobol_indices(d.f_a, d.f_b, d.f_ab, options);
  EXPECT_EQ(first.first_order[0].lower, again.first_order[0].lower);
  EXPECT_EQ(first.total_order[2].upper, again.total_order[2].upper);
  EXPECT_NE(first.first_order[0].lower, other.first_order[0].lower);
  EXPECT_EQ(first.first_order[0].estimate, other.first_order[0].estimate);
}

TEST(Sobol, ReplicateNoiseIsSeparated) {
  const int replicates = 4;
  const DesignOutputs d = ishigami_on_saltelli_design(replicate_noise, replicates);
  const SobolIndices s = sobol_indices_replicated(d.f_a, d.f_b, d.f_ab, replicates);
  EXPECT_EQ(s.replicates, replicates);
  // Within-point sample variance of -3, -1, 1, 3 is 20/3; the noise is the same at every point,
  // so the point means carry none of it and B = V(point means) = s.variance.
  const double within = 20.0 / 3.0;
  EXPECT_NEAR(s.noise_variance_share, within / (within + s.variance), 1e-12);
  for (std::size_t i = 0; i < kFactors; ++i) {
    SCOPED_TRACE(i);
    expect_within_interval(s.first_order[i], kFirst[i]);
    expect_within_interval(s.total_order[i], kTotal[i]);
  }
}

TEST(Sobol, RejectsInconsistentInput) {
  const std::vector<double> four{1, 2, 3, 4};
  const std::vector<double> three{1, 2, 3};
  const std::vector<double> constant{1, 1, 1, 1};
  EXPECT_THROW(sobol_indices(four, three, four), StatisticsError);
  EXPECT_THROW(sobol_indices(four, four, three), StatisticsError);
  EXPECT_THROW(sobol_indices(constant, constant, constant), StatisticsError);
  EXPECT_THROW(sobol_indices_replicated(four, four, three, 2), StatisticsError);
  EXPECT_THROW(sobol_indices_replicated(four, four, four, 0), StatisticsError);
}

}  // namespace
}  // namespace rampart::stats
