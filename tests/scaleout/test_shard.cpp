// Shard ranges: contiguous, disjoint, covering every block, sizes within one block of each
// other; "K/N" parsing and its refusals.

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>

#include "rampart/io/shard.hpp"

namespace rampart::engine {
namespace {

TEST(Shard, RangesTileTheBlocksNearlyEqually) {
  for (const std::int64_t total : {0, 1, 5, 16, 17, 1000}) {
    for (int count = 1; count <= 9; ++count) {
      std::int64_t next = 0;
      std::int64_t smallest = total;
      std::int64_t largest = 0;
      for (int k = 0; k < count; ++k) {
        const ShardSpec s = make_shard(k, count, total);
        EXPECT_EQ(s.first_block, next) << k << "/" << count << " of " << total;
        EXPECT_GE(s.end_block, s.first_block);
        next = s.end_block;
        smallest = std::min(smallest, s.blocks());
        largest = std::max(largest, s.blocks());
      }
      EXPECT_EQ(next, total) << count;
      EXPECT_LE(largest - smallest, 1) << count << " of " << total;
    }
  }
}

TEST(Shard, ParsesKOverN) {
  const ShardSpec s = parse_shard("2/3", 17);
  EXPECT_EQ(s.index, 2);
  EXPECT_EQ(s.count, 3);
  EXPECT_EQ(s.first_block, 11);
  EXPECT_EQ(s.end_block, 17);
  EXPECT_EQ(s.label(), "2/3");
  EXPECT_EQ(parse_shard("0/1", 4), make_shard(0, 1, 4));
}

TEST(Shard, RefusesMalformedOrOutOfRange) {
  for (const char* bad : {"", "3", "3/3", "-1/3", "1/0", "a/3", "1/b", "1/3x", "1//3", " 1/3"}) {
    EXPECT_THROW((void)parse_shard(bad, 10), std::invalid_argument) << bad;
  }
  EXPECT_THROW((void)make_shard(4, 4, 10), std::invalid_argument);
}

}  // namespace
}  // namespace rampart::engine
