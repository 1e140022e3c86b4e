// The historical data of scenarios/data/history/ (issue 15): every CSV there has the expected
// header, ISO3 codes that countries_2024.csv knows (or a listed aggregate or non-member), years in
// range, finite and plausible values, and no duplicate (iso3, year) or (year, key) rows.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "rampart/support/csv.hpp"

namespace rampart::scenarios {
namespace {

namespace fs = std::filesystem;

fs::path data_dir() {
  return fs::path(RAMPART_SOURCE_DIR) / "scenarios" / "data";
}
fs::path history_dir() {
  return data_dir() / "history";
}

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;  // 1-based line of each row
};

// Reads a whole CSV; every record must split cleanly and have as many fields as the header.
Table read_csv(const fs::path& file) {
  Table t;
  std::ifstream in(file);
  EXPECT_TRUE(in.good()) << "cannot open " << file;
  std::string line;
  int number = 0;
  std::vector<support::CsvField> fields;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const auto problem = support::split_csv_line(line, fields, support::CsvBlanks::Keep);
    EXPECT_FALSE(problem) << file.filename() << ":" << number << ":"
                          << (problem ? problem->column : 0) << ": malformed CSV";
    std::vector<std::string> cells;
    cells.reserve(fields.size());
    for (const support::CsvField& f : fields) cells.push_back(f.text);
    if (t.header.empty()) {
      t.header = cells;
      continue;
    }
    EXPECT_EQ(cells.size(), t.header.size())
        << file.filename() << ":" << number << ": field count differs from the header";
    cells.resize(t.header.size());
    t.rows.push_back(cells);
    t.lines.push_back(number);
  }
  return t;
}

std::set<std::string> known_iso3() {
  const Table t = read_csv(data_dir() / "countries_2024.csv");
  std::set<std::string> codes;
  for (const auto& row : t.rows) codes.insert(row.at(0));
  return codes;
}

// A number written as published: the whole field must parse and be finite.
bool parse_number(const std::string& text, double& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(value);
}

std::string where(const char* file, const Table& t, std::size_t i) {
  return std::string(file) + ":" + std::to_string(t.lines.at(i));
}

TEST(HistoryData, KnownCountriesAreThe36States) {
  EXPECT_EQ(known_iso3().size(), 36u);
}

TEST(HistoryData, NatoPanelIsTheSharedPanelWithSharesForEveryYear) {
  const Table t = read_csv(history_dir() / "nato_panel_2014_2024.csv");
  std::vector<std::string> expected = {"iso3", "country"};
  for (int year = 2014; year <= 2024; ++year)
    expected.push_back("share_gdp_pct_" + std::to_string(year));
  ASSERT_EQ(t.header, expected);

  const std::set<std::string> countries = known_iso3();
  const std::set<std::string> aggregates = {"NATO_EUR_CAN", "NATO_TOTAL"};
  std::set<std::string> seen;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& row = t.rows[i];
    const std::string& iso3 = row[0];
    EXPECT_TRUE(countries.count(iso3) || aggregates.count(iso3))
        << where("nato_panel_2014_2024.csv", t, i) << ": unknown code " << iso3;
    EXPECT_TRUE(seen.insert(iso3).second)
        << where("nato_panel_2014_2024.csv", t, i) << ": duplicate " << iso3;
    for (std::size_t c = 2; c < row.size(); ++c) {
      double share = 0.0;
      EXPECT_TRUE(parse_number(row[c], share)) << where("nato_panel_2014_2024.csv", t, i) << ": "
                                               << t.header[c] << " = '" << row[c] << "'";
      EXPECT_GT(share, 0.0) << iso3 << " " << t.header[c];
      EXPECT_LE(share, 40.0) << iso3 << " " << t.header[c];
    }
  }
  // 31 allies (Iceland has no armed forces and no figure) and the two aggregates.
  EXPECT_EQ(seen.size(), 33u);
  EXPECT_FALSE(seen.count("ISL"));
  for (const char* ally : {"USA", "DEU", "POL", "FIN", "SWE", "MNE", "MKD"})
    EXPECT_TRUE(seen.count(ally)) << ally;
}

TEST(HistoryData, AccessionsAreTheFourOfTheWindowWithDatesAndCitations) {
  const Table t = read_csv(history_dir() / "accessions.csv");
  ASSERT_EQ(t.header, (std::vector<std::string>{"iso3", "country", "accession_date", "year",
                                                "nato_member_number", "citation"}));
  const std::set<std::string> countries = known_iso3();
  std::map<std::string, int> year_of;
  std::set<int> numbers;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& row = t.rows[i];
    EXPECT_TRUE(countries.count(row[0])) << where("accessions.csv", t, i) << ": " << row[0];
    double year = 0.0;
    ASSERT_TRUE(parse_number(row[3], year)) << where("accessions.csv", t, i);
    EXPECT_GE(year, 2014.0);
    EXPECT_LE(year, 2024.0);
    // accession_date is YYYY-MM-DD in the row's year.
    ASSERT_EQ(row[2].size(), 10u) << where("accessions.csv", t, i);
    EXPECT_EQ(row[2].substr(0, 4), row[3]) << where("accessions.csv", t, i);
    EXPECT_EQ(row[2][4], '-');
    EXPECT_EQ(row[2][7], '-');
    double number = 0.0;
    ASSERT_TRUE(parse_number(row[4], number)) << where("accessions.csv", t, i);
    EXPECT_TRUE(numbers.insert(static_cast<int>(number)).second) << "duplicate member number";
    EXPECT_FALSE(row[5].empty()) << where("accessions.csv", t, i) << ": no citation";
    EXPECT_TRUE(year_of.emplace(row[0], static_cast<int>(year)).second)
        << where("accessions.csv", t, i) << ": duplicate " << row[0];
  }
  const std::map<std::string, int> expected = {
      {"MNE", 2017}, {"MKD", 2020}, {"FIN", 2023}, {"SWE", 2024}};
  EXPECT_EQ(year_of, expected);
  EXPECT_EQ(numbers, (std::set<int>{29, 30, 31, 32}));
}

TEST(HistoryData, PolicyCalendarHasOneUsStancePerYearAndPlausibleValues) {
  const Table t = read_csv(history_dir() / "policy_calendar.csv");
  ASSERT_EQ(t.header, (std::vector<std::string>{"year", "event", "key", "value", "citation"}));
  std::set<std::pair<int, std::string>> seen;
  std::map<int, std::string> us_stance;
  std::set<std::string> instruments;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& row = t.rows[i];
    double year = 0.0;
    ASSERT_TRUE(parse_number(row[0], year)) << where("policy_calendar.csv", t, i);
    EXPECT_GE(year, 2014.0);
    EXPECT_LE(year, 2025.0);
    for (std::size_t c = 1; c < row.size(); ++c)
      EXPECT_FALSE(row[c].empty())
          << where("policy_calendar.csv", t, i) << ": empty " << t.header[c];
    const std::string& key = row[2];
    const std::string& value = row[3];
    if (key == "us_stance") {
      EXPECT_TRUE(value == "committed" || value == "transactional")
          << where("policy_calendar.csv", t, i) << ": " << value;
      EXPECT_TRUE(us_stance.emplace(static_cast<int>(year), value).second)
          << where("policy_calendar.csv", t, i) << ": two US stances for one year";
      continue;
    }
    if (key == "eu_instrument") {
      instruments.insert(value);
      continue;
    }
    if (key == "russia_aggression") continue;
    // Every other key is a number in the unit its suffix names.
    EXPECT_TRUE(seen.emplace(static_cast<int>(year), key).second)
        << where("policy_calendar.csv", t, i) << ": duplicate (year, key) " << key;
    double number = 0.0;
    ASSERT_TRUE(parse_number(value, number))
        << where("policy_calendar.csv", t, i) << ": " << key << " = '" << value << "'";
    EXPECT_GT(number, 0.0) << key;
    if (key.size() > 8 && key.compare(key.size() - 8, 8, "_pct_gdp") == 0) {
      EXPECT_LE(number, 40.0) << key;
    } else if (key.size() > 5 && key.compare(key.size() - 5, 5, "_year") == 0) {
      EXPECT_GE(number, 2014.0) << key;
      EXPECT_LE(number, 2050.0) << key;
    } else {
      const bool money = (key.size() > 7 && key.compare(key.size() - 7, 7, "_eur_bn") == 0) ||
                         (key.size() > 7 && key.compare(key.size() - 7, 7, "_eur_mn") == 0);
      EXPECT_TRUE(money) << where("policy_calendar.csv", t, i) << ": unknown unit in " << key;
    }
  }
  for (int year = 2014; year <= 2024; ++year) {
    ASSERT_TRUE(us_stance.count(year)) << "no US stance for " << year;
    EXPECT_EQ(us_stance[year], year >= 2017 && year <= 2020 ? "transactional" : "committed")
        << year;
  }
  EXPECT_EQ(instruments, (std::set<std::string>{"ASAP", "EDF", "EDIRPA", "EPF"}));
  EXPECT_TRUE(seen.count({2014, "nato_guideline_pct_gdp"}));
  EXPECT_TRUE(seen.count({2025, "nato_target_pct_gdp"}));
  EXPECT_TRUE(seen.count({2025, "safe_loans_eur_bn"}));
  EXPECT_TRUE(seen.count({2025, "escape_clause_max_pct_gdp"}));
}

TEST(HistoryData, SipriSpendingIsFiniteSourcedAndUniquePerCountryYear) {
  const Table t = read_csv(history_dir() / "sipri_milex.csv");
  ASSERT_EQ(t.header, (std::vector<std::string>{"iso3", "country", "year", "milex_cur_usd_mn",
                                                "share_gdp_pct", "source"}));
  std::set<std::string> codes = known_iso3();
  codes.insert("RUS");  // Russia is not one of the 36 states; SIPRI is its source.
  std::set<std::pair<std::string, int>> seen;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& row = t.rows[i];
    EXPECT_TRUE(codes.count(row[0])) << where("sipri_milex.csv", t, i) << ": " << row[0];
    double year = 0.0;
    double milex = 0.0;
    double share = 0.0;
    ASSERT_TRUE(parse_number(row[2], year)) << where("sipri_milex.csv", t, i);
    ASSERT_TRUE(parse_number(row[3], milex)) << where("sipri_milex.csv", t, i);
    ASSERT_TRUE(parse_number(row[4], share)) << where("sipri_milex.csv", t, i);
    EXPECT_GE(year, 2014.0);
    EXPECT_LE(year, 2024.0);
    EXPECT_GT(milex, 0.0);
    EXPECT_GT(share, 0.0);
    EXPECT_LE(share, 40.0);
    EXPECT_FALSE(row[5].empty()) << where("sipri_milex.csv", t, i) << ": no source";
    EXPECT_TRUE(seen.emplace(row[0], static_cast<int>(year)).second)
        << where("sipri_milex.csv", t, i) << ": duplicate (iso3, year)";
  }
  // Russia's first and last years are there (2015-2020 are missing: see history/README.md).
  EXPECT_TRUE(seen.count({"RUS", 2014}));
  EXPECT_TRUE(seen.count({"RUS", 2024}));
}

TEST(HistoryData, RussiaRealSpendingCoversEveryYearAndMatchesTheRelease) {
  const Table t = read_csv(history_dir() / "russia_milex_const2023.csv");
  ASSERT_EQ(t.header, (std::vector<std::string>{"iso3", "country", "year", "milex_const2023_usd_mn",
                                                "source"}));
  std::map<int, std::string> by_year;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const auto& row = t.rows[i];
    EXPECT_EQ(row[0], "RUS") << where("russia_milex_const2023.csv", t, i);
    double year = 0.0;
    double milex = 0.0;
    ASSERT_TRUE(parse_number(row[2], year)) << where("russia_milex_const2023.csv", t, i);
    ASSERT_TRUE(parse_number(row[3], milex)) << where("russia_milex_const2023.csv", t, i);
    EXPECT_GT(milex, 10000.0) << row[2];
    EXPECT_LT(milex, 500000.0) << row[2];
    EXPECT_FALSE(row[4].empty()) << where("russia_milex_const2023.csv", t, i) << ": no source";
    EXPECT_TRUE(by_year.emplace(static_cast<int>(year), row[3]).second)
        << where("russia_milex_const2023.csv", t, i) << ": duplicate year";
  }
  ASSERT_EQ(by_year.size(), 11u);
  EXPECT_EQ(by_year.begin()->first, 2014);
  EXPECT_EQ(by_year.rbegin()->first, 2024);
  // The release's own figures, as the shared SIPRI file holds them: constant-2023 US$ in 2024,
  // and in 2023 (the base year) the current-US$ figure.
  const fs::path shared_file = fs::path(RAMPART_SOURCE_DIR).parent_path() / "shared" / "data" /
                               "sipri_context_2014_2024.csv";
  if (!fs::exists(shared_file)) GTEST_SKIP() << "no shared SIPRI file beside the checkout";
  const Table shared = read_csv(shared_file);
  for (const auto& row : shared.rows) {
    if (row[0] != "RUS") continue;
    EXPECT_EQ(by_year[2024], row[12]);
    EXPECT_EQ(by_year[2023], row[8]);
  }
}

TEST(HistoryData, EveryCsvInTheFolderIsDocumentedAndChecked) {
  const std::set<std::string> checked = {"nato_panel_2014_2024.csv", "accessions.csv",
                                         "policy_calendar.csv", "sipri_milex.csv",
                                         "russia_milex_const2023.csv"};
  std::ifstream readme(history_dir() / "README.md");
  ASSERT_TRUE(readme.good());
  const std::string text((std::istreambuf_iterator<char>(readme)),
                         std::istreambuf_iterator<char>());
  std::set<std::string> found;
  for (const auto& entry : fs::directory_iterator(history_dir())) {
    if (entry.path().extension() != ".csv") continue;
    const std::string name = entry.path().filename().string();
    found.insert(name);
    EXPECT_TRUE(checked.count(name)) << name << " has no validator here";
    EXPECT_NE(text.find("`" + name + "`"), std::string::npos) << name << " is not in README.md";
  }
  EXPECT_EQ(found, checked);
}

}  // namespace
}  // namespace rampart::scenarios
