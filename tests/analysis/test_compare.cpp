// compare: a scenario against itself differs by exactly 0; the US share falls when the US
// disengages; pairing (common random numbers) reduces the variance of positively correlated
// outcomes; files with different seeds are compared unpaired, with a warning; NaN pairs dropped.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "rampart/analysis/compare.hpp"
#include "rampart/analysis/errors.hpp"
#include "rampart/analysis/results_scan.hpp"

namespace rampart::analysis {
namespace {

namespace fs = std::filesystem;

class CompareTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("rampart_compare_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    make("two.h5", "baseline us_disengagement --seed 5");
    make("seed5.h5", "baseline --seed 5");
    make("seed6.h5", "baseline --seed 6");
    make("short.h5", "baseline --seed 5 --horizon 2030");
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static void make(const std::string& name, const std::string& args) {
    const std::string command = std::string(RAMPART_BINARY) + " run " + args +
                                " --runs 64 --threads 1 -q --force -o " + (dir_ / name).string() +
                                " > " + (dir_ / "log.txt").string() + " 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  static fs::path path(const std::string& name) { return dir_ / name; }

  static const OutcomeComparison& row(const ComparisonResult& r, const std::string& outcome) {
    for (const auto& x : r.rows) {
      if (x.outcome == outcome) return x;
    }
    throw std::runtime_error("no row " + outcome);
  }

  static fs::path dir_;
};

fs::path CompareTest::dir_;

TEST_F(CompareTest, AScenarioAgainstItselfDiffersByExactlyZero) {
  const ResultsScan scan(path("two.h5"));
  const auto result = compare_scenarios(scan, {"us_disengagement", "us_disengagement"}, {});
  ASSERT_EQ(result.rows.size(), default_compare_outcomes(scan).size());
  EXPECT_TRUE(result.paired);
  for (const auto& r : result.rows) {
    EXPECT_EQ(r.pairs + r.dropped, 64U) << r.outcome;
    EXPECT_EQ(r.difference, 0.0) << r.outcome;
    EXPECT_EQ(r.standard_error, 0.0) << r.outcome;  // every per-run difference is 0
    EXPECT_EQ(r.mean_a, r.mean_b) << r.outcome;
    EXPECT_TRUE(std::isnan(r.variance_reduction)) << r.outcome;
  }
}

TEST_F(CompareTest, PairedDifferenceIsTheMeanOfPerRunDifferences) {
  const ResultsScan scan(path("two.h5"));
  CompareRequest request;
  request.outcomes = {"crises", "threat_end", "first_crisis_year"};
  const auto result = compare_scenarios(scan, {"baseline", "us_disengagement"}, request);
  const auto& reader = scan.reader();
  for (const auto& [name, var] :
       {std::pair{"crises", sim::SummaryVar::Crises},
        std::pair{"threat_end", sim::SummaryVar::ThreatEnd},
        std::pair{"first_crisis_year", sim::SummaryVar::FirstCrisisYear}}) {
    const auto a = reader.summary_over_runs(var, 0);
    const auto b = reader.summary_over_runs(var, 1);
    double sum = 0.0;
    std::size_t pairs = 0;
    for (std::size_t k = 0; k < a.size(); ++k) {
      if (std::isnan(a[k]) || std::isnan(b[k])) continue;
      sum += double{b[k]} - double{a[k]};
      ++pairs;
    }
    const auto& r = row(result, name);
    EXPECT_EQ(r.pairs, pairs) << name;
    EXPECT_EQ(r.dropped, 64U - pairs) << name;
    if (pairs > 0) {
      EXPECT_NEAR(r.difference, sum / static_cast<double>(pairs), 1e-9) << name;
    }
  }
}

TEST_F(CompareTest, UsShareFallsWhenTheUsDisengagesAndPairingHelps) {
  const ResultsScan scan(path("two.h5"));
  const auto result = compare_scenarios(scan, {"baseline", "us_disengagement"}, {});
  const auto& us = row(result, "us_share_nato@" + std::to_string(scan.years().back()));
  EXPECT_LT(us.difference, 0.0);
  EXPECT_LT(us.upper, 0.0);
  EXPECT_LE(us.lower, us.difference);
  // Europe's spending share is strongly correlated run by run across the two scenarios (same
  // draws), so pairing shrinks the variance of the difference.
  const auto& europe =
      row(result, "spending_share[NATO-Europe]@" + std::to_string(scan.years().back()));
  EXPECT_GT(europe.variance_reduction, 1.0);
  EXPECT_LT(europe.standard_error, europe.unpaired_standard_error);
}

TEST_F(CompareTest, FilesWithTheSameSeedArePaired) {
  const ResultsScan a(path("seed5.h5"));
  const ResultsScan b(path("two.h5"));
  const auto result = compare_files(a, "", b, "baseline", {});
  EXPECT_TRUE(result.paired);
  EXPECT_TRUE(result.warnings.empty());
  for (const auto& r : result.rows) EXPECT_EQ(r.difference, 0.0) << r.outcome;
}

TEST_F(CompareTest, FilesWithDifferentSeedsAreUnpairedWithAWarning) {
  const ResultsScan a(path("seed5.h5"));
  const ResultsScan b(path("seed6.h5"));
  CompareRequest request;
  request.outcomes = {"threat_end"};
  const auto result = compare_files(a, "", b, "", request);
  EXPECT_FALSE(result.paired);
  ASSERT_EQ(result.warnings.size(), 1U);
  EXPECT_NE(result.warnings[0].find("seeds differ"), std::string::npos);
  const auto x = a.reader().summary_over_runs(sim::SummaryVar::ThreatEnd, 0);
  const auto y = b.reader().summary_over_runs(sim::SummaryVar::ThreatEnd, 0);
  const auto moments = [](const std::vector<float>& v) {
    double mean = 0.0;
    for (const float f : v) mean += double{f};
    mean /= static_cast<double>(v.size());
    double ss = 0.0;
    for (const float f : v) ss += (double{f} - mean) * (double{f} - mean);
    return std::pair{mean, ss / static_cast<double>(v.size() - 1)};
  };
  const auto [mean_x, var_x] = moments(x);
  const auto [mean_y, var_y] = moments(y);
  const auto& r = result.rows.at(0);
  EXPECT_NEAR(r.difference, mean_y - mean_x, 1e-12);
  EXPECT_NEAR(r.standard_error, std::sqrt(var_x / 64.0 + var_y / 64.0), 1e-12);
  EXPECT_TRUE(std::isnan(r.variance_reduction));
  const Table table = to_table(result);
  const auto& pairs_cell = table.rows().at(0).at(3);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(pairs_cell));
  bool says_unpaired = false;
  for (const auto& note : table.notes()) says_unpaired |= note.find("unpaired") == 0;
  EXPECT_TRUE(says_unpaired);
}

TEST_F(CompareTest, FilesWithDifferentYearsNeedExplicitYears) {
  const ResultsScan a(path("seed5.h5"));
  const ResultsScan b(path("short.h5"));
  CompareRequest request;
  request.outcomes = {"threat"};  // the last year: 2035 in one file, 2030 in the other
  EXPECT_THROW((void)compare_files(a, "", b, "", request), RequestError);
  request.outcomes = {"threat@2030", "us_share_nato@2028"};
  const auto result = compare_files(a, "", b, "", request);
  EXPECT_TRUE(result.paired);
  // Same seed and scenario: the years both files simulated agree run by run.
  for (const auto& r : result.rows) EXPECT_EQ(r.difference, 0.0) << r.outcome;
}

TEST_F(CompareTest, ConditionsAreComparedAsProbabilities) {
  const ResultsScan scan(path("two.h5"));
  CompareRequest request;
  request.outcomes = {"crises >= 1"};
  const auto result = compare_scenarios(scan, {"baseline", "us_disengagement"}, request);
  const auto& r = result.rows.at(0);
  EXPECT_EQ(r.outcome, "P(crises >= 1)");
  const auto a = scan.reader().summary_over_runs(sim::SummaryVar::Crises, 0);
  double hits = 0.0;
  for (const float f : a) hits += f >= 1.0F ? 1.0 : 0.0;
  EXPECT_NEAR(r.mean_a, hits / 64.0, 1e-12);
  EXPECT_EQ(r.pairs, 64U);
}

TEST_F(CompareTest, TableHasTheTidyColumnsAndNotes) {
  const ResultsScan scan(path("two.h5"));
  CompareRequest request;
  request.confidence = 0.9;
  const auto table = to_table(compare_scenarios(scan, {"baseline", "us_disengagement"}, request));
  const std::vector<std::string> columns{
      "outcome",    "scenario_a", "scenario_b", "pairs",   "mean_a",      "mean_b",
      "difference", "se",         "ci_low",     "ci_high", "unpaired_se", "variance_reduction"};
  EXPECT_EQ(table.columns(), columns);
  EXPECT_EQ(table.rows().size(), default_compare_outcomes(scan).size());
  std::ostringstream text;
  table.write(text, TableFormat::Text);
  EXPECT_NE(text.str().find("90 %"), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("variance_reduction ="), std::string::npos) << text.str();
}

TEST_F(CompareTest, BadRequestsAreRequestErrors) {
  const ResultsScan scan(path("two.h5"));
  EXPECT_THROW((void)compare_scenarios(scan, {"baseline"}, {}), RequestError);
  EXPECT_THROW((void)compare_scenarios(scan, {"baseline", "us_disengagment"}, {}), RequestError);
  CompareRequest bad;
  bad.outcomes = {"crisis"};
  EXPECT_THROW((void)compare_scenarios(scan, {"baseline", "us_disengagement"}, bad), RequestError);
  CompareRequest confidence;
  confidence.confidence = 1.0;
  EXPECT_THROW((void)compare_scenarios(scan, {"baseline", "us_disengagement"}, confidence),
               RequestError);
  const ResultsScan other(path("seed5.h5"));
  EXPECT_THROW((void)compare_files(scan, "nope", other, "", {}), RequestError);
}

}  // namespace
}  // namespace rampart::analysis
