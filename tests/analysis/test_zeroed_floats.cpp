// ZeroedFloats: every table starts at zero, whether it is small (the allocator may hand back
// memory a freed table wrote) or large (freshly mapped, asked for in huge pages), and a move
// hands the values over.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <span>
#include <utility>

#include "rampart/analysis/zeroed_floats.hpp"

namespace rampart::analysis {
namespace {

bool all_zero(const ZeroedFloats& table) {
  return std::all_of(table.begin(), table.end(), [](float x) { return x == 0.0F; });
}

TEST(ZeroedFloats, EveryTableStartsAtZero) {
  EXPECT_EQ(ZeroedFloats().size(), 0U);
  EXPECT_EQ(ZeroedFloats(0).size(), 0U);
  // Small tables of the same size, one after another: the second may reuse the first's memory.
  for (const std::size_t size : {std::size_t{1}, std::size_t{1000}, std::size_t{70000}}) {
    for (int round = 0; round < 3; ++round) {
      ZeroedFloats table(size);
      ASSERT_EQ(table.size(), size);
      EXPECT_TRUE(all_zero(table)) << size << " floats, round " << round;
      std::fill(table.begin(), table.end(), 7.5F);
    }
  }
  // Large enough for whole 2 MiB pages.
  ZeroedFloats large(std::size_t{3} << 20);
  EXPECT_TRUE(all_zero(large));
  large[large.size() - 1] = 1.0F;
  EXPECT_EQ(std::span<const float>(large).back(), 1.0F);
}

TEST(ZeroedFloats, AMoveHandsTheValuesOver) {
  ZeroedFloats a(100);
  a[42] = 3.0F;
  ZeroedFloats b(std::move(a));
  EXPECT_EQ(b.size(), 100U);
  EXPECT_EQ(b[42], 3.0F);
  ZeroedFloats c(5);
  c = std::move(b);
  EXPECT_EQ(c.size(), 100U);
  EXPECT_EQ(c[42], 3.0F);
}

}  // namespace
}  // namespace rampart::analysis
