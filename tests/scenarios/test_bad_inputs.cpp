// Golden-style checks of the bad-input corpus (tests/data/scenarios/bad): each file gives
// exactly the diagnostics listed, at the listed line and column.

#include <gtest/gtest.h>

#include <fstream>

#include "rampart/scenarios/scenario.hpp"
#include "rampart/support/errors.hpp"
#include "scenario_test_support.hpp"

namespace rampart::scenarios {
namespace {

using support::Diagnostic;
using support::InputError;

using testing::bad_dir;
using testing::fixture_table;
namespace fs = std::filesystem;

struct Expected {
  std::string file;  // file name the diagnostic names
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

std::vector<Diagnostic> diagnostics_of(const fs::path& file) {
  try {
    load_scenario(file, fixture_table());
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  ADD_FAILURE() << file << " loaded without error";
  return {};
}

class BadInput : public ::testing::TestWithParam<Case> {};

TEST_P(BadInput, GivesExactlyTheExpectedDiagnostics) {
  const Case& c = GetParam();
  const auto found = diagnostics_of(bad_dir() / c.file);
  std::string all;
  for (const auto& d : found) all += d.format() + "\n";
  ASSERT_EQ(found.size(), c.diagnostics.size()) << all;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const Expected& e = c.diagnostics[i];
    EXPECT_EQ(fs::path(found[i].file).filename().string(), e.file) << all;
    EXPECT_EQ(found[i].line, e.line) << all;
    EXPECT_EQ(found[i].column, e.column) << all;
    EXPECT_NE(found[i].message.find(e.message), std::string::npos)
        << "expected '" << e.message << "' in\n"
        << all;
  }
}

Case one(const std::string& file, int line, int column, const std::string& message) {
  return {file, {{file, line, column, message}}};
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, BadInput,
    ::testing::Values(
        one("syntax_error.toml", 2, 11, "TOML syntax error: "),
        one("not_utf8.toml", 2, 18, "file is not valid UTF-8 text"),
        one("empty.toml", 0, 0, "file is empty"),
        one("missing_name.toml", 0, 0, "missing required key 'name'"),
        one("bad_name.toml", 1, 8, "name 'Bad-Name' must be lower-case letters, digits and '_'"),
        one("unknown_top_key.toml", 2, 1, "unknown key 'horizn'; did you mean 'horizon'?"),
        one("unknown_section.toml", 3, 2, "unknown key 'natto'; did you mean 'nato'?"),
        one("unknown_param_key.toml", 4, 1,
            "unknown key 'core_targt' in [nato]; did you mean 'core_target'? allowed keys: "
            "art5_strength, floor, core_target, related_target, target_year"),
        one("wrong_type.toml", 4, 15,
            "nato.core_target: expected a number or a distribution table, not a boolean"),
        one("out_of_range.toml", 4, 15,
            "nato.core_target: 0.5 is outside the allowed range [0, 0.1]"),
        one("horizon_range.toml", 2, 11, "horizon 2051 is outside the allowed range [2025, 2050]"),
        one("negative_seed.toml", 2, 8, "seed must be a non-negative integer"),
        one("integer_param.toml", 4, 15,
            "nato.target_year: 2030.5 must be an integer (unit 'year')"),
        one("continuous_integer_param.toml", 4, 24,
            "nato.target_year takes integer values (unit 'year')"),
        one("unknown_dist.toml", 4, 23,
            "unknown distribution 'lognormal'; did you mean 'normal'? allowed: uniform, normal, "
            "triangular, beta, discrete"),
        one("missing_dist.toml", 4, 14, "distribution table has no 'dist' field"),
        one("missing_field.toml", 4, 14, "uniform distribution is missing field 'high'"),
        one("extra_field.toml", 4, 58,
            "unknown field 'mode' in a uniform distribution; allowed: dist, low, high"),
        one("low_above_high.toml", 4, 14, "low 0.03 is greater than high 0.01"),
        one("support_out_of_range.toml", 4, 14,
            "distribution support [0, 0.5] is outside the allowed range [-0.05, 0.1]"),
        one("bad_category.toml", 4, 10,
            "unknown category 'disengaged'; did you mean 'disengaging'? allowed: committed, "
            "transactional, disengaging"),
        one("negative_weight.toml", 4, 88, "each weight must be a number >= 0"),
        one("weights_length.toml", 4, 82, "one weight per value (2)"),
        one("weights_zero.toml", 4, 58, "the weights must not all be zero"),
        one("unknown_country.toml", 3, 12,
            "unknown country 'POLL' in [countries]; did you mean 'POL'?"),
        one("unknown_country_key.toml", 4, 1,
            "unknown key 'exposur' in [countries.POL]; did you mean 'exposure'?"),
        Case{"country_out_of_range.toml",
             {{"country_out_of_range.toml", 4, 12,
               "countries.POL.exposure: 1.5 is outside the allowed range [0, 1]"},
              {"country_out_of_range.toml", 5, 18,
               "countries.POL.frontline_tier: 4 is outside the allowed range [1, 3]"}}},
        Case{"country_not_fixed.toml",
             {{"country_not_fixed.toml", 4, 12, "country attributes take fixed values only"},
              {"country_not_fixed.toml", 5, 11,
               "countries.POL.neutral: expected true or false, not an integer"}}},
        one("extends_missing.toml", 2, 11, "extends: file 'no_such_parent.toml' not found"),
        // The cycle closes in the second file: that is where it is reported.
        Case{"extends_cycle_a.toml",
             {{"extends_cycle_b.toml", 2, 11,
               "extends cycle: extends_cycle_a.toml -> extends_cycle_b.toml -> "
               "extends_cycle_a.toml"}}},
        Case{"extends_bad_parent.toml",
             {{"bad_parent.toml", 4, 14, "economy.gdp_growth: 0.9 is outside the allowed range"},
              {"extends_bad_parent.toml", 5, 9, "nato.floor: 0.2 is outside the allowed range"}}},
        Case{"multiple_errors.toml",
             {{"multiple_errors.toml", 2, 11, "horizon 2060"},
              {"multiple_errors.toml", 5, 15, "nato.core_target: 0.5"},
              {"multiple_errors.toml", 6, 1, "unknown key 'core_targt' in [nato]"},
              {"multiple_errors.toml", 9, 14, "normal distribution is missing field 'sd'"},
              {"multiple_errors.toml", 11, 12, "unknown country 'XYZ'"}}}),
    [](const ::testing::TestParamInfo<Case>& param_info) {
      std::string name = fs::path(param_info.param.file).stem().string();
      return name;
    });

TEST(BadInputFiles, EveryCorpusFileIsRejected) {
  for (const auto& entry : fs::directory_iterator(bad_dir())) {
    SCOPED_TRACE(entry.path().string());
    EXPECT_THROW(load_scenario(entry.path(), fixture_table()), InputError);
  }
}

TEST(BadInputFiles, MissingFile) {
  const auto d = diagnostics_of(bad_dir() / "does_not_exist.toml");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].format(), (bad_dir() / "does_not_exist.toml").string() + ": error: no such file");
}

TEST(BadInputFiles, DirectoryGiven) {
  const auto d = diagnostics_of(bad_dir());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].message, "is a directory, not a scenario file");
}

TEST(BadInputFiles, UnreadableFile) {
  testing::TempDir dir("unreadable");
  dir.write("locked.toml", "name = \"locked\"\n");
  const auto file = dir.path() / "locked.toml";
  fs::permissions(file, fs::perms::none);
  if (std::ifstream(file).good()) GTEST_SKIP() << "running with rights that ignore permissions";
  const auto d = diagnostics_of(file);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].message, "cannot read file (permission denied or I/O error)");
}

}  // namespace
}  // namespace rampart::scenarios
