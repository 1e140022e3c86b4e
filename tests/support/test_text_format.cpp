// "Did you mean" suggestions count a swapped pair or a wrong case as one slip.
#include <gtest/gtest.h>

#include <array>
#include <string_view>

#include "rampart/support/text_format.hpp"

namespace {

using rampart::support::closest_name;
using rampart::support::edit_distance;

constexpr std::array<std::string_view, 4> kCodes{"DEU", "DNK", "EST", "ESP"};

TEST(EditDistance, CountsATranspositionAsOneEdit) {
  EXPECT_EQ(edit_distance("DUE", "DEU"), 1U);
  EXPECT_EQ(edit_distance("policy", "polciy"), 1U);
  EXPECT_EQ(edit_distance("abc", "abc"), 0U);
  EXPECT_EQ(edit_distance("", "abc"), 3U);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
}

TEST(EditDistance, IgnoresCase) {
  EXPECT_EQ(edit_distance("deu", "DEU"), 0U);
}

TEST(ClosestName, SuggestsNearMissesOnly) {
  EXPECT_EQ(closest_name("DUE", kCodes), "DEU");
  EXPECT_EQ(closest_name("est", kCodes), "EST");
  EXPECT_EQ(closest_name("XYZ", kCodes), "");
}

}  // namespace
