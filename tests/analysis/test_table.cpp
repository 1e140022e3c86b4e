#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

#include "rampart/analysis/table.hpp"

namespace rampart::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

std::string render(const Table& table, TableFormat format) {
  std::ostringstream out;
  table.write(out, format);
  return out.str();
}

Table small_table() {
  Table table("Spending", {"country", "year", "share"});
  table.add_row({std::string("Poland"), std::int64_t{2024}, 4.12});
  table.add_row({std::string("Türkiye"), std::int64_t{2014}, kNaN});
  table.add_note("share in % of GDP");
  return table;
}

TEST(TableFormatTest, ParsesNamesAndRejectsOthers) {
  EXPECT_EQ(parse_table_format("text"), TableFormat::Text);
  EXPECT_EQ(parse_table_format("csv"), TableFormat::Csv);
  EXPECT_EQ(parse_table_format("json"), TableFormat::Json);
  EXPECT_EQ(parse_table_format("markdown"), TableFormat::Markdown);
  EXPECT_EQ(parse_table_format("md"), TableFormat::Markdown);
  try {
    (void)parse_table_format("xml");
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("text, csv, json, markdown"), std::string::npos);
  }
}

TEST(TableTest, RejectsRowOfWrongLength) {
  Table table("t", {"a", "b"});
  EXPECT_THROW(table.add_row({1.0}), std::invalid_argument);
  EXPECT_THROW(table.add_row({1.0, 2.0, 3.0}), std::invalid_argument);
  EXPECT_NO_THROW(table.add_row({1.0, std::monostate{}}));
  EXPECT_EQ(table.rows().size(), 1U);
}

TEST(TableTextTest, AlignsTextLeftAndNumbersRight) {
  const std::string expected =
      "Spending\n"
      "\n"
      "country  year  share\n"
      "-------  ----  -----\n"
      "Poland   2024   4.12\n"
      "Türkiye  2014    NaN\n"
      "\n"
      "share in % of GDP\n";
  EXPECT_EQ(render(small_table(), TableFormat::Text), expected);
}

TEST(TableTextTest, ReadableNumbersWithoutExponentForOrdinaryMagnitudes) {
  Table table("", {"x"});
  for (const double x :
       {1234567.0, 0.000123456, 2.0, -0.00001, 1e20, 9.99996, -1e-30, 0.5, 100.0}) {
    table.add_row({x});
  }
  table.add_row({kInf});
  table.add_row({std::monostate{}});
  const std::string expected =
      "        x\n"
      "---------\n"
      "  1234567\n"
      "0.0001235\n"
      "        2\n"
      "   -1e-05\n"
      "    1e+20\n"
      "       10\n"
      "   -1e-30\n"
      "      0.5\n"
      "      100\n"
      "      inf\n"
      "\n";
  EXPECT_EQ(render(table, TableFormat::Text), expected);
}

TEST(TableTextTest, SignificantDigitsAreConfigurable) {
  Table table("", {"x"});
  table.add_row({3.14159265});
  table.set_significant_digits(2);
  EXPECT_EQ(render(table, TableFormat::Text), "  x\n---\n3.1\n");
  table.set_significant_digits(6);
  EXPECT_EQ(render(table, TableFormat::Text), "      x\n-------\n3.14159\n");
}

TEST(TableTextTest, ControlCharactersDoNotBreakLines) {
  Table table("", {"name"});
  table.add_row({std::string("a\nb\tc")});
  EXPECT_EQ(render(table, TableFormat::Text), "name\n-----\na b c\n");
}

TEST(TableCsvTest, QuotesPerRfc4180AndWritesNaNAsEmpty) {
  Table table("ignored title", {"name", "value", "n"});
  table.add_row({std::string("plain"), 0.1, std::int64_t{-3}});
  table.add_row({std::string("a,b"), kNaN, std::monostate{}});
  table.add_row({std::string("say \"hi\""), 1e300, std::int64_t{0}});
  table.add_row({std::string("two\nlines"), -kInf, std::int64_t{7}});
  table.add_note("notes are not part of CSV");
  const std::string expected =
      "name,value,n\n"
      "plain,0.1,-3\n"
      "\"a,b\",,\n"
      "\"say \"\"hi\"\"\",1e+300,0\n"
      "\"two\nlines\",-inf,7\n";
  EXPECT_EQ(render(table, TableFormat::Csv), expected);
}

TEST(TableCsvTest, DoublesRoundTripExactly) {
  Table table("", {"x"});
  const double third = 1.0 / 3.0;
  table.add_row({third});
  const std::string csv = render(table, TableFormat::Csv);
  const std::string value = csv.substr(2, csv.size() - 3);
  EXPECT_EQ(std::stod(value), third);
}

TEST(TableJsonTest, EscapesStringsAndWritesNullForNonFinite) {
  Table table("A \"quoted\" title", {"name", "value"});
  table.add_row({std::string("back\\slash\ttab\x01"), kNaN});
  table.add_row({std::string("é ok, \xff bad"), 2.5});
  table.add_row({std::monostate{}, kInf});
  table.add_note("line\nbreak");
  const std::string expected =
      "{\n"
      "  \"title\": \"A \\\"quoted\\\" title\",\n"
      "  \"columns\": [\"name\", \"value\"],\n"
      "  \"rows\": [\n"
      "    {\"name\": \"back\\\\slash\\ttab\\u0001\", \"value\": null},\n"
      "    {\"name\": \"é ok, \\ufffd bad\", \"value\": 2.5},\n"
      "    {\"name\": null, \"value\": null}\n"
      "  ],\n"
      "  \"notes\": [\"line\\nbreak\"]\n"
      "}\n";
  EXPECT_EQ(render(table, TableFormat::Json), expected);
}

TEST(TableJsonTest, EmptyTableIsValidJson) {
  const Table table("", {"a"});
  EXPECT_EQ(
      render(table, TableFormat::Json),
      "{\n  \"title\": \"\",\n  \"columns\": [\"a\"],\n  \"rows\": [],\n  \"notes\": []\n}\n");
}

TEST(TableMarkdownTest, PipeTableWithEscapedPipesAndRightAlignedNumbers) {
  Table table("T|1", {"name", "value"});
  table.add_row({std::string("a|b"), 0.25});
  table.add_row({std::string("c\\d"), kNaN});
  table.add_note("a note");
  const std::string expected =
      "**T\\|1**\n"
      "\n"
      "| name | value |\n"
      "| --- | ---: |\n"
      "| a\\|b | 0.25 |\n"
      "| c\\\\d | NaN |\n"
      "\n"
      "a note\n";
  EXPECT_EQ(render(table, TableFormat::Markdown), expected);
}

}  // namespace
}  // namespace rampart::analysis
