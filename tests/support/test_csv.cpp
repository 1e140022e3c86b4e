// The one CSV line splitter: strict for the calibration tables, blank-tolerant for observed data.
#include <gtest/gtest.h>

#include <vector>

#include "rampart/support/csv.hpp"

namespace rampart::support {
namespace {

TEST(Csv, QuotedFieldsKeepCommasAndDoubledQuotes) {
  std::vector<CsvField> fields;
  ASSERT_FALSE(split_csv_line(R"(a,"b, c","d ""e""",)", fields, CsvBlanks::Keep));
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(fields[0].text, "a");
  EXPECT_EQ(fields[1].text, "b, c");
  EXPECT_EQ(fields[1].column, 3);
  EXPECT_EQ(fields[2].text, R"(d "e")");
  EXPECT_EQ(fields[2].column, 10);
  EXPECT_EQ(fields[3].text, "");
  EXPECT_EQ(fields[3].column, 20);
  const auto unclosed = split_csv_line(R"(a,"b)", fields, CsvBlanks::Keep);
  ASSERT_TRUE(unclosed);
  EXPECT_EQ(unclosed->kind, CsvSplitError::Kind::UnclosedQuote);
  EXPECT_EQ(unclosed->column, 3);
  const auto after = split_csv_line(R"(a,"b"c)", fields, CsvBlanks::Keep);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->kind, CsvSplitError::Kind::TextAfterQuote);
  EXPECT_EQ(after->column, 6);
}

TEST(Csv, KeepLeavesBlanksInTheField) {
  std::vector<CsvField> fields;
  ASSERT_FALSE(split_csv_line(" a , b", fields, CsvBlanks::Keep));
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0].text, " a ");
  EXPECT_EQ(fields[1].text, " b");
  EXPECT_EQ(fields[1].column, 5);
  // A blank before a quote makes the quote part of an unquoted field.
  ASSERT_FALSE(split_csv_line(R"(a, "b")", fields, CsvBlanks::Keep));
  EXPECT_EQ(fields[1].text, R"( "b")");
}

TEST(Csv, TrimDropsBlanksAroundFieldsAndQuotes) {
  std::vector<CsvField> fields;
  ASSERT_FALSE(split_csv_line(" a\t, \"b , c\" ,  ", fields, CsvBlanks::Trim));
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[0].text, "a");
  EXPECT_EQ(fields[0].column, 2);
  EXPECT_EQ(fields[1].text, "b , c");
  EXPECT_EQ(fields[1].column, 6);
  EXPECT_EQ(fields[2].text, "");
  const auto after = split_csv_line(R"(a, "b" c)", fields, CsvBlanks::Trim);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->kind, CsvSplitError::Kind::TextAfterQuote);
  EXPECT_EQ(after->column, 8);
}

}  // namespace
}  // namespace rampart::support
