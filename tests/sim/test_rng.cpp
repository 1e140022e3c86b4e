// The run's random streams: the ziggurat normals are standard normal (moments, the whole
// distribution by Kolmogorov-Smirnov, the tail beyond the ziggurat's base strip), each slot of a
// block is its own draw, and the values are those of model version 3 (a change of the sampler,
// Boost's tables or the counter layout changes every result and must bump sim::kModelVersion).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "rampart/sim/model.hpp"
#include "rampart/sim/rng.hpp"

namespace {

using rampart::sim::RunRng;
using rampart::sim::Stream;

std::vector<double> draw_normals(std::uint64_t seed, std::size_t blocks) {
  const RunRng rng(seed, 3);
  std::vector<double> z;
  z.reserve(4 * blocks);
  for (std::uint64_t b = 0; b < blocks; ++b) {
    for (const double v : rng.normals4(Stream::StateShocks, b / 40, b % 40)) z.push_back(v);
  }
  return z;
}

double standard_normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

TEST(RunRngNormals, MomentsAreThoseOfAStandardNormal) {
  const auto z = draw_normals(20250601, 500000);
  const auto n = static_cast<double>(z.size());
  double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
  for (const double v : z) {
    m1 += v;
    m2 += v * v;
    m3 += v * v * v;
    m4 += v * v * v * v;
  }
  m1 /= n, m2 /= n, m3 /= n, m4 /= n;
  // Five standard errors of each sample moment of a standard normal (sd 1, √2, √15, √96).
  EXPECT_NEAR(m1, 0.0, 5 * 1.0 / std::sqrt(n));
  EXPECT_NEAR(m2, 1.0, 5 * std::sqrt(2.0 / n));
  EXPECT_NEAR(m3, 0.0, 5 * std::sqrt(15.0 / n));
  EXPECT_NEAR(m4, 3.0, 5 * std::sqrt(96.0 / n));
}

TEST(RunRngNormals, KolmogorovSmirnovAcceptsTheNormalDistribution) {
  auto z = draw_normals(7, 250000);
  std::sort(z.begin(), z.end());
  const auto n = static_cast<double>(z.size());
  double d = 0;
  for (std::size_t i = 0; i < z.size(); ++i) {
    const double f = standard_normal_cdf(z[i]);
    d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
  }
  EXPECT_LT(d * std::sqrt(n), 1.95) << "D = " << d;  // the 0.1 % critical value
}

TEST(RunRngNormals, TheTailBeyondTheBaseStripHasItsProbability) {
  // The ziggurat's base strip ends at r = 3.4426...: values beyond come only from the tail
  // method, and |z| > 4 only from its repeated draws.
  const auto z = draw_normals(11, 1000000);
  const auto n = static_cast<double>(z.size());
  for (const double cut : {3.4426198558966521214, 4.0}) {
    const auto beyond = static_cast<double>(
        std::count_if(z.begin(), z.end(), [&](double v) { return std::abs(v) > cut; }));
    const double p = 2.0 * standard_normal_cdf(-cut);
    EXPECT_NEAR(beyond / n, p, 5.0 * std::sqrt(p * (1 - p) / n)) << "beyond " << cut;
  }
}

TEST(RunRngNormals, ASingleNormalIsTheBlocksFirstSlotAndSlotsDiffer) {
  const RunRng rng(99, 12);
  for (std::uint64_t agent = 0; agent < 1000; ++agent) {
    const auto four = rng.normals4(Stream::SpendingTail, 2030, agent, 1);
    EXPECT_EQ(rng.normal(Stream::SpendingTail, 2030, agent, 1), four[0]);
    EXPECT_NE(four[0], four[1]);
    EXPECT_NE(four[2], four[3]);
  }
}

TEST(RunRngNormals, ValuesArePinnedToModelVersion3) {
  // Regression values of this sampler (recorded when it was introduced with model version 3):
  // another value means every result changes, so sim::kModelVersion must change with it.
  static_assert(rampart::sim::kModelVersion == 3, "update these values with the model version");
  const RunRng rng(20250601, 0);
  const auto z = rng.normals4(Stream::StateShocks, 1, 0);
  const double pinned[4] = {-0x1.6c6ab8a629007p+1, -0x1.0d9dfad76eccfp+0, 0x1.e90423d93dad5p-2,
                            -0x1.fa76645478db2p-4};
  for (std::size_t j = 0; j < 4; ++j) EXPECT_EQ(z[j], pinned[j]) << "slot " << j;
  // Agent 438's block has a value from the tail method (|z| > 3.44), drawn with overflow words.
  const auto tail = rng.normals4(Stream::StateShocks, 1, 438);
  EXPECT_EQ(*std::max_element(tail.begin(), tail.end()), 0x1.cef4f3427f747p+1);
}

}  // namespace
