// The --years syntax shared by `rampart summarize` and `rampart burden`.
#include <gtest/gtest.h>

#include "rampart/support/text_parse.hpp"
#include "rampart/support/year_list.hpp"

namespace rampart::support {
namespace {

TEST(YearList, YearsAndRangesInTheOrderWritten) {
  const auto items = parse_year_list(" 2030 , 2025 - 2027,2040");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_TRUE(items[0].valid);
  EXPECT_EQ(items[0].first, 2030);
  EXPECT_EQ(items[0].last, 2030);
  EXPECT_EQ(items[0].text, "2030");
  EXPECT_EQ(items[1].first, 2025);
  EXPECT_EQ(items[1].last, 2027);
  EXPECT_EQ(items[1].text, "2025 - 2027");
  EXPECT_EQ(items[2].first, 2040);
}

TEST(YearList, InvalidItemsAreKeptForTheMessage) {
  const auto items = parse_year_list("2030-2025,abc,,+2030");
  ASSERT_EQ(items.size(), 4u);
  for (const auto& item : items) EXPECT_FALSE(item.valid) << item.text;
  EXPECT_EQ(items[1].text, "abc");
  EXPECT_EQ(items[2].text, "");
}

TEST(TextParse, TrimAndParseInt) {
  EXPECT_EQ(trim(" \ta b\t "), "a b");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(parse_int("-12"), -12);
  EXPECT_FALSE(parse_int(""));
  EXPECT_FALSE(parse_int("+1"));
  EXPECT_FALSE(parse_int("1 "));
  EXPECT_FALSE(parse_int("99999999999"));
}

}  // namespace
}  // namespace rampart::support
