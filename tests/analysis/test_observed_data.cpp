// The observed-data CSV parser: good files, the bad-input corpus (tests/data/observed, golden
// diagnostics like tests/scenarios/test_bad_inputs.cpp) and damaged bytes that must never crash.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "rampart/analysis/observed_data.hpp"
#include "rampart/scenarios/country.hpp"
#include "rampart/support/errors.hpp"

namespace rampart::analysis {
namespace {

namespace fs = std::filesystem;

const scenarios::CountryTable& country_table() {
  static const auto table = scenarios::load_country_table(RAMPART_SOURCE_DIR "/scenarios");
  return table;
}

std::vector<ObservedYear> parse(const std::string& text) {
  return parse_observed_csv(text, "test.csv", country_table());
}

TEST(ObservedDataTest, ParsesPercentNamesCommentsAndMembershipFromTheTable) {
  const auto years = parse(
      "# a comment\r\n"
      "country, gdp ,spending_pct\r\n"
      "\r\n"
      "USA,28719.94,3.38\r\n"
      "\"Germany\",4610.04,2.12\r\n"
      "AUT,525.95,1.0\r\n");
  ASSERT_EQ(years.size(), 1U);
  const auto& y = years.front();
  EXPECT_EQ(y.year, 0);
  EXPECT_EQ(y.countries, (std::vector<std::string>{"USA", "DEU", "AUT"}));
  EXPECT_EQ(y.gdp, (std::vector<double>{28719.94, 4610.04, 525.95}));
  EXPECT_DOUBLE_EQ(y.spending_share[0], 0.0338);
  EXPECT_DOUBLE_EQ(y.spending_share[1], 0.0212);
  EXPECT_EQ(y.nato, (std::vector<unsigned char>{1, 1, 0}));  // Austria is neutral
  EXPECT_EQ(y.us_index, 0);
}

TEST(ObservedDataTest, YearsComeOutAscendingWithTheirOwnMembership) {
  const auto years = parse(
      "year,country,nato,gdp,spending_share\n"
      "2024,FIN,1,302.72,0.0241\n"
      "2014,FIN,0,274.93,0.0145\n"
      "2014,\"Atlantis, Republic of\",1,1,0.5\n"
      "2014,United States,1,17608.14,0.0371\n");
  ASSERT_EQ(years.size(), 2U);
  EXPECT_EQ(years[0].year, 2014);
  EXPECT_EQ(years[1].year, 2024);
  EXPECT_EQ(years[0].countries, (std::vector<std::string>{"FIN", "Atlantis, Republic of", "USA"}));
  EXPECT_EQ(years[0].nato, (std::vector<unsigned char>{0, 1, 1}));
  EXPECT_EQ(years[0].us_index, 2);
  EXPECT_EQ(years[1].us_index, -1);
  EXPECT_DOUBLE_EQ(years[0].spending_share[1], 0.5);
}

TEST(ObservedDataTest, ShippedExampleHoldsNato2014And2024) {
  const auto years = load_observed_csv(
      RAMPART_SOURCE_DIR "/scenarios/data/observed/nato_2014_2024.csv", country_table());
  ASSERT_EQ(years.size(), 2U);
  EXPECT_EQ(years[0].year, 2014);
  EXPECT_EQ(years[1].year, 2024);
  for (const auto& y : years) {
    EXPECT_EQ(y.countries.size(), 36U);
    ASSERT_GE(y.us_index, 0);
    EXPECT_EQ(y.countries[static_cast<std::size_t>(y.us_index)], "USA");
  }
  int allies_2014 = 0;
  for (const auto member : years[0].nato) allies_2014 += member;
  EXPECT_EQ(allies_2014, 28);  // before Montenegro, North Macedonia, Finland and Sweden
}

TEST(ObservedDataTest, MissingFileAndDirectoryAreInputErrors) {
  EXPECT_THROW(
      load_observed_csv(RAMPART_TEST_DATA_DIR "/observed/no_such_file.csv", country_table()),
      support::InputError);
  EXPECT_THROW(load_observed_csv(RAMPART_TEST_DATA_DIR "/observed", country_table()),
               support::InputError);
}

struct Expected {
  int line;
  int column;
  std::string message;  // a substring of the message
};

struct Case {
  std::string file;
  std::vector<Expected> diagnostics;
};

std::ostream& operator<<(std::ostream& os, const Case& c) {
  return os << c.file;
}

class BadObservedCsv : public ::testing::TestWithParam<Case> {};

TEST_P(BadObservedCsv, GivesExactlyTheExpectedDiagnostics) {
  const Case& c = GetParam();
  const fs::path file = fs::path(RAMPART_TEST_DATA_DIR) / "observed" / c.file;
  std::vector<support::Diagnostic> found;
  try {
    load_observed_csv(file, country_table());
    ADD_FAILURE() << file << " loaded without error";
  } catch (const support::InputError& e) {
    found = e.diagnostics();
  }
  std::string all;
  for (const auto& d : found) all += d.format() + "\n";
  ASSERT_EQ(found.size(), c.diagnostics.size()) << all;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const Expected& e = c.diagnostics[i];
    EXPECT_EQ(found[i].file, file.string()) << all;
    EXPECT_EQ(found[i].line, e.line) << all;
    EXPECT_EQ(found[i].column, e.column) << all;
    EXPECT_NE(found[i].message.find(e.message), std::string::npos)
        << "expected '" << e.message << "' in\n"
        << all;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, BadObservedCsv,
    ::testing::Values(
        Case{"empty.csv", {{0, 0, "file is empty"}}},
        Case{"only_comments.csv", {{0, 0, "file is empty"}}},
        Case{"unknown_column.csv",
             {{1, 9,
               "unknown column 'gdpp'; did you mean 'gdp'? allowed columns: year, country, gdp, "
               "spending_share, spending_pct, nato"},
              {1, 1, "missing column 'gdp'"}}},
        Case{"both_share_columns.csv",
             {{1, 28, "give either 'spending_share' (fraction) or 'spending_pct' (percent)"}}},
        Case{"missing_share.csv", {{1, 1, "missing column 'spending_share' (fraction of GDP)"}}},
        Case{"duplicate_column.csv", {{1, 26, "duplicate column 'gdp'"}}},
        Case{"unknown_country.csv", {{2, 1, "unknown country 'Germny'; did you mean 'Germany'?"}}},
        Case{"bad_numbers.csv",
             {{2, 5, "gdp 'abc' is not a number"},
              {3, 5, "gdp -848.86 is negative"},
              {4, 13, "spending_pct is empty"},
              {5, 13, "spending_pct 'nan' is not a number"}}},
        Case{"duplicate_country.csv",
             {{4, 6, "duplicate country 'DEU' in year 2024 (first on line 2)"}}},
        Case{"wrong_field_count.csv",
             {{2, 1, "row has 2 fields, the header 3"}, {3, 17, "row has 4 fields, the header 3"}}},
        Case{"unclosed_quote.csv", {{2, 1, "quoted field is not closed"}}},
        Case{"text_after_quote.csv", {{2, 6, "unexpected text after a closing quote"}}},
        Case{"not_utf8.csv", {{3, 2, "file is not valid UTF-8 text"}}},
        Case{"bad_nato.csv", {{2, 5, "nato '2' must be 0 or 1"}}},
        Case{"bad_year.csv", {{2, 1, "year '20x4' is not a whole number"}}},
        Case{"header_only.csv", {{2, 1, "no data rows after the header"}}},
        Case{"percent_as_share.csv",
             {{2, 13, "spending_share 2.12 is above 1; is it in percent?"}}},
        Case{"percent_above_100.csv", {{2, 13, "spending_pct 250 is above 100 %"}}},
        Case{"several_problems.csv",
             {{3, 5, "gdp is empty"}, {4, 1, "unknown country 'XYZ'"}, {5, 1, "empty country"}}}));

TEST(ObservedDataTest, StopsCollectingAfterFiftyProblems) {
  std::string text = "country,gdp,spending_pct\n";
  for (int i = 0; i < 200; ++i) text += "DEU,x,1\n";
  try {
    parse(text);
    FAIL() << "expected InputError";
  } catch (const support::InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 51U);
    EXPECT_NE(e.diagnostics().back().message.find("too many errors"), std::string::npos);
  }
}

// Damaged input (every prefix of the shipped file; every byte replaced by a troublesome one)
// either parses or throws InputError with at least one diagnostic: never a crash or a hang.
TEST(ObservedDataTest, DamagedBytesNeverCrash) {
  std::ifstream in(RAMPART_SOURCE_DIR "/scenarios/data/observed/nato_2014_2024.csv",
                   std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  const std::string good = content.str().substr(content.str().find("year,country"), 400);
  const auto survives = [](const std::string& text) {
    try {
      const auto years = parse(text);
      for (const auto& y : years) {
        if (y.countries.size() != y.gdp.size() || y.gdp.size() != y.spending_share.size() ||
            y.nato.size() != y.gdp.size()) {
          return false;
        }
      }
      return true;
    } catch (const support::InputError& e) {
      return !e.diagnostics().empty();
    }
  };
  for (std::size_t cut = 0; cut <= good.size(); ++cut) {
    EXPECT_TRUE(survives(good.substr(0, cut))) << "prefix of " << cut << " bytes";
  }
  const std::string replacements{'"', ',', '\n', '\r', '\0', '\xff', '\xc3', '-', '#', 'e'};
  for (std::size_t at = 0; at < good.size(); ++at) {
    for (const char replacement : replacements) {
      std::string damaged = good;
      damaged[at] = replacement;
      EXPECT_TRUE(survives(damaged)) << "byte " << at << " replaced by " << int{replacement};
    }
  }
}

}  // namespace
}  // namespace rampart::analysis
