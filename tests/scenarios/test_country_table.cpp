// The calibration table: the real countries_2024.csv joined with attributes, and every way a
// data file can be wrong reported as a DataError naming file, line and column.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "rampart/scenarios/calibration_data.hpp"
#include "rampart/scenarios/country.hpp"
#include "rampart/scenarios/errors.hpp"
#include "rampart/scenarios/history.hpp"
#include "scenario_test_support.hpp"

namespace rampart::scenarios {
namespace {

using support::Diagnostic;
using testing::fixture_library;
using testing::fixture_table;
using testing::TempDir;

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const Country& find(const CountryTable& t, std::string_view iso3) {
  const auto i = t.index_of(iso3);
  EXPECT_TRUE(i.has_value()) << iso3;
  return t.countries.at(*i);
}

TEST(CountryTable, HasThe36StatesOfTheBriefing) {
  const CountryTable& t = fixture_table();
  ASSERT_EQ(t.countries.size(), 36u);
  int nato = 0;
  int nato_at_two_percent = 0;
  int eu = 0;
  for (const Country& c : t.countries) {
    nato += c.nato ? 1 : 0;
    eu += c.eu ? 1 : 0;
    // 2.00 % read from text and divided by 100 is the double nearest 0.02.
    if (c.nato && c.defence_share_2024 >= 0.02) ++nato_at_two_percent;
  }
  EXPECT_EQ(nato, 32);
  EXPECT_EQ(eu, 27);
  EXPECT_EQ(nato_at_two_percent, 23);  // NATO, 17 June 2024: 23 of 32 allies at 2 %
}

TEST(CountryTable, ConvertsPercentToFractionAndIcelandIsZero) {
  const CountryTable& t = fixture_table();
  EXPECT_DOUBLE_EQ(find(t, "NLD").defence_share_2024, 0.0205);
  EXPECT_DOUBLE_EQ(find(t, "USA").defence_share_2024, 0.0338);
  EXPECT_EQ(find(t, "ISL").defence_share_2024, 0.0);
  EXPECT_TRUE(find(t, "ISL").nato);
  EXPECT_DOUBLE_EQ(find(t, "USA").gdp_2024, 28719.94);
  EXPECT_TRUE(find(t, "USA").is_us());
  EXPECT_EQ(find(t, "USA").name, "United States");
  EXPECT_FALSE(find(t, "AUT").nato);
  EXPECT_TRUE(find(t, "AUT").eu);
}

TEST(CountryTable, JoinsTheAttributesOnIso3) {
  const CountryTable& t = fixture_table();  // fixture attributes: see the CSV
  EXPECT_TRUE(find(t, "AUT").neutral);
  EXPECT_FALSE(find(t, "POL").neutral);
  EXPECT_EQ(find(t, "POL").frontline_tier, 1);
  EXPECT_DOUBLE_EQ(find(t, "POL").exposure, 0.9);
  EXPECT_EQ(find(t, "FRA").frontline_tier, 3);
  EXPECT_DOUBLE_EQ(find(t, "USA").aid_share_2024, 0.0005);
}

TEST(CountryTable, RealLibraryDataLoadsWhenPresent) {
  const auto real = testing::repo_library();
  if (!std::filesystem::exists(real / "data" / "country_attributes.csv")) {
    GTEST_SKIP() << "scenarios/data/country_attributes.csv not written yet";
  }
  const CountryTable t = load_country_table(real);
  EXPECT_EQ(t.countries.size(), 36u);
}

// A library folder whose data/ holds modified copies of the fixture CSVs.
class BadData : public ::testing::Test {
 protected:
  BadData() : dir_(::testing::UnitTest::GetInstance()->current_test_info()->name()) {
    countries_ = read_text(fixture_library() / "data" / "countries_2024.csv");
    attributes_ = read_text(fixture_library() / "data" / "country_attributes.csv");
  }
  void write() const {
    dir_.write("data/countries_2024.csv", countries_);
    dir_.write("data/country_attributes.csv", attributes_);
  }
  // The diagnostics of the failed load (the test fails if it loads).
  std::vector<Diagnostic> load_errors() const {
    write();
    try {
      load_country_table(dir_.path());
    } catch (const DataError& e) {
      return e.diagnostics();
    }
    ADD_FAILURE() << "load_country_table accepted bad data";
    return {};
  }
  static void replace(std::string& text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  }

  TempDir dir_;
  std::string countries_;
  std::string attributes_;
};

TEST_F(BadData, MissingFileIsNamed) {
  write();
  std::filesystem::remove(dir_.path() / "data" / "country_attributes.csv");
  try {
    load_country_table(dir_.path());
    FAIL();
  } catch (const DataError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].file, (dir_.path() / "data" / "country_attributes.csv").string());
    EXPECT_EQ(e.diagnostics()[0].format(),
              (dir_.path() / "data" / "country_attributes.csv").string() +
                  ": error: calibration file not found");
  }
}

TEST_F(BadData, NonNumericValueNamesLineAndColumn) {
  // Line 3 is Belgium; column 7 (defence_pct_gdp_2024) starts at character 30.
  replace(countries_, "BEL,Belgium,1,1,655.74,8519.2,1.3,", "BEL,Belgium,1,1,655.74,8519.2,x1.3,");
  const auto d = load_errors();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].line, 3);
  EXPECT_EQ(d[0].column, 31);
  EXPECT_NE(d[0].message.find("defence_pct_gdp_2024: 'x1.3' is not a number"), std::string::npos)
      << d[0].message;
}

TEST_F(BadData, WrongColumnCount) {
  replace(countries_, "BEL,Belgium,1,1,", "BEL,Belgium,1,");
  const auto d = load_errors();
  ASSERT_GE(d.size(), 1u);
  EXPECT_EQ(d[0].line, 3);
  EXPECT_EQ(d[0].column, 1);
  EXPECT_EQ(d[0].message, "expected 13 columns, found 12");
}

TEST_F(BadData, OutOfRangeAttribute) {
  replace(attributes_, "POL,0,1,0.9,", "POL,0,1,1.9,");
  const auto d = load_errors();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].file.find("country_attributes.csv"), std::string::npos);
  EXPECT_EQ(d[0].column, 9);
  EXPECT_EQ(d[0].message, "exposure: 1.9 is outside the allowed range [0, 1]");
}

TEST_F(BadData, DuplicateCountry) {
  const auto line = countries_.find("BEL,");
  const auto end = countries_.find('\n', line);
  countries_ += countries_.substr(line, end - line + 1);  // Belgium again at line 38
  const auto d = load_errors();
  ASSERT_GE(d.size(), 1u);
  EXPECT_EQ(d[0].line, 38);
  EXPECT_EQ(d[0].column, 1);
  EXPECT_EQ(d[0].message, "duplicate country BEL (first on line 3)");
}

TEST_F(BadData, MissingAttributesRow) {
  const auto line = attributes_.find("MLT,");
  attributes_.erase(line);  // Malta is the last row
  const auto d = load_errors();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].message, "no row for country MLT (Malta)");
}

TEST_F(BadData, CountryCountOtherThan36) {
  const auto line = countries_.find("MLT,");
  countries_.erase(line);
  const auto d = load_errors();
  ASSERT_GE(d.size(), 1u);
  EXPECT_EQ(d[0].message, "expected 36 countries, found 35");
}

TEST_F(BadData, UnclosedQuote) {
  replace(countries_, "2024 estimates)\"", "2024 estimates)");  // first: Albania, line 2
  const auto d = load_errors();
  ASSERT_GE(d.size(), 1u);
  EXPECT_EQ(d[0].line, 2);
  EXPECT_EQ(d[0].message, "malformed quoted field");
}

TEST_F(BadData, BadHeader) {
  replace(attributes_, "iso3,neutral,frontline_tier", "iso3,neutral,tier");
  const auto d = load_errors();
  ASSERT_GE(d.size(), 1u);
  EXPECT_EQ(d[0].line, 1);
  EXPECT_EQ(d[0].column, 14);
  EXPECT_EQ(d[0].message, "header column 3 is 'tier'; expected 'frontline_tier'");
}

}  // namespace
// The table built from the files' text read from a folder equals the folder's; the text carries
// every file, and a table rebuilt from stored text names its files by the stored origin.
TEST(CalibrationData, TheTableFromStoredTextEqualsTheFolders) {
  const auto library = testing::repo_library();
  const CalibrationData data = read_calibration_data(library);
  ASSERT_EQ(data.files.size(), calibration_file_paths().size());
  EXPECT_TRUE(data.has_history());
  for (const auto& f : data.files) EXPECT_EQ(f.text, read_text(library / f.path)) << f.path;

  const CountryTable from_folder = load_country_table(library);
  CalibrationData stored = data;
  stored.origin = "run.h5:calibration_text";
  const CountryTable from_text =
      load_country_table(std::make_shared<const CalibrationData>(stored));
  EXPECT_EQ(from_text.countries, from_folder.countries);
  ASSERT_TRUE(from_text.history && from_text.history->loaded);
  EXPECT_EQ(from_text.history->russia_milex, from_folder.history->russia_milex);
  EXPECT_EQ(from_text.history->accession_year, from_folder.history->accession_year);
  EXPECT_EQ(from_text.data->files, data.files);
  EXPECT_TRUE(differing_files(stored, data).empty());

  // A damaged stored file is named by the stored origin, line and column.
  CalibrationFile& countries = stored.files.front();
  ASSERT_EQ(countries.path, "data/countries_2024.csv");
  const auto at = countries.text.find("\nBEL,Belgium,1,1,");
  ASSERT_NE(at, std::string::npos);
  countries.text.replace(at + 17, 1, "x");  // the eu flag
  EXPECT_EQ(differing_files(stored, data), std::vector<std::string>{"data/countries_2024.csv"});
  try {
    load_country_table(std::make_shared<const CalibrationData>(stored));
    FAIL() << "a damaged stored file was accepted";
  } catch (const DataError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(e.diagnostics().front().file, "run.h5:calibration_text/data/countries_2024.csv");
  }
  // A file present on one side only differs too.
  CalibrationData fewer = data;
  fewer.files.pop_back();
  EXPECT_EQ(differing_files(fewer, data).size(), 1U);
}

}  // namespace rampart::scenarios
