#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <random>
#include <vector>

#include "rampart/stats/descriptive.hpp"
#include "rampart/stats/errors.hpp"
#include "rampart/stats/order_statistics.hpp"

namespace rampart::stats {
namespace {

constexpr std::array<double, 10> kProbabilities{0.0,  0.05, 0.25, 0.5,   0.75,
                                                0.95, 1.0,  0.01, 0.999, 0.3333};

// Radix selection against a sort of the same values widened to double, bit for bit.
void expect_as_sorted(const std::vector<float>& sample) {
  std::vector<double> out(kProbabilities.size());
  float_quantiles(sample, kProbabilities, out);
  const std::vector<double> widened(sample.begin(), sample.end());
  const std::vector<double> expected = quantiles(widened, kProbabilities);
  for (std::size_t q = 0; q < out.size(); ++q) {
    // Interpolating from -infinity gives NaN either way.
    if (std::isnan(expected[q])) {
      EXPECT_TRUE(std::isnan(out[q]));
      continue;
    }
    EXPECT_EQ(out[q], expected[q]) << "p = " << kProbabilities[q] << ", n = " << sample.size();
  }
}

std::vector<float> normal_sample(std::size_t n, float mean, float sd, unsigned seed) {
  std::mt19937 engine(seed);
  std::normal_distribution<float> normal(mean, sd);
  std::vector<float> sample(n);
  for (auto& x : sample) x = normal(engine);
  return sample;
}

TEST(FloatQuantiles, EqualTheSortedQuantilesAtEverySize) {
  // Below, at and above the size where a histogram replaces a sort.
  for (const std::size_t n : {1U, 2U, 3U, 100U, 4095U, 4096U, 4097U, 20000U, 200000U}) {
    expect_as_sorted(normal_sample(n, 0.0F, 1.0F, static_cast<unsigned>(n)));
  }
}

TEST(FloatQuantiles, EqualTheSortedQuantilesOfConcentratedSamples) {
  // All in one or two high digits: the low digits decide, by histogram (many) or sort (few).
  expect_as_sorted(std::vector<float>(50000, 53976.0F));
  expect_as_sorted(normal_sample(60000, 1000.0F, 0.01F, 7));
  expect_as_sorted(normal_sample(60000, -1000.0F, 0.01F, 8));
  std::vector<float> two_digits = normal_sample(30000, 1.0F, 1e-4F, 9);
  for (std::size_t i = 0; i < 20; ++i) two_digits[i] = 1000.0F;
  expect_as_sorted(two_digits);
}

TEST(FloatQuantiles, OrderNegativesZerosInfinitiesAndSubnormals) {
  std::vector<float> sample = normal_sample(10000, 0.0F, 100.0F, 11);
  const float specials[] = {0.0F,
                            -0.0F,
                            std::numeric_limits<float>::infinity(),
                            -std::numeric_limits<float>::infinity(),
                            std::numeric_limits<float>::denorm_min(),
                            -std::numeric_limits<float>::denorm_min(),
                            std::numeric_limits<float>::max(),
                            std::numeric_limits<float>::lowest()};
  for (std::size_t i = 0; i < sample.size(); i += 7) sample[i] = specials[(i / 7) % 8];
  expect_as_sorted(sample);
  // Heavy ties on a few values, signs mixed.
  std::vector<float> ties(9000);
  for (std::size_t i = 0; i < ties.size(); ++i) ties[i] = static_cast<float>(i % 5) - 2.0F;
  expect_as_sorted(ties);
}

TEST(FloatQuantiles, ZeroOrderStatisticIsPositiveZero) {
  for (const std::size_t n : {10U, 10000U}) {
    const std::vector<float> zeros(n, -0.0F);
    std::vector<double> out(kProbabilities.size());
    float_quantiles(zeros, kProbabilities, out);
    for (const double q : out) {
      EXPECT_EQ(q, 0.0);
      EXPECT_FALSE(std::signbit(q));
    }
  }
}

TEST(FloatQuantiles, RefuseWhatHasNoQuantile) {
  std::vector<double> out(1);
  const std::vector<double> half{0.5};
  EXPECT_THROW(float_quantiles(std::vector<float>{}, half, out), StatisticsError);
  EXPECT_THROW(float_quantiles(std::vector<float>{1.0F, std::nanf(""), 2.0F}, half, out),
               StatisticsError);
  EXPECT_THROW(float_quantiles(std::vector<float>{1.0F}, std::vector<double>{1.5}, out),
               StatisticsError);
  std::vector<double> two(2);
  EXPECT_THROW(float_quantiles(std::vector<float>{1.0F}, half, two), StatisticsError);
}

}  // namespace
}  // namespace rampart::stats
