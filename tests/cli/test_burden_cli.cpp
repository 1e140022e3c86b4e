// `rampart burden` as a user runs it: observed data and results files in every format, exit
// status 2 with one clear message for bad requests and bad CSV files, partial files, and the
// same output at any thread count.

#include <gtest/gtest.h>
#include <hdf5.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analysis_cli.hpp"
#include "rampart/io/h5.hpp"

namespace rampart::engine {
namespace {

const std::string kObserved = RAMPART_SOURCE_DIR "/scenarios/data/observed/nato_2014_2024.csv";

class BurdenCli : public rampart::cli_test::AnalysisCliTest {
 protected:
  BurdenCli() : AnalysisCliTest("burden", "5") {}
};

using rampart::cli_test::lines_of;

std::size_t fields_in(const std::string& line) {
  return static_cast<std::size_t>(std::count(line.begin(), line.end(), ',')) + 1;
}

TEST_F(BurdenCli, ObservedDataAsText) {
  const Exit e = run({"burden", kObserved});
  ASSERT_EQ(e.status, 0) << e.output;
  for (const char* expected :
       {"year  allies  us_share_nato  at_2pct  at_3_5pct", "2014      28         0.6928        3",
        "2024      32          0.656       23", "Olson-Zeckhauser"}) {
    EXPECT_NE(e.output.find(expected), std::string::npos) << expected << "\n" << e.output;
  }
}

TEST_F(BurdenCli, ObservedDataInEveryFormat) {
  const Exit csv = run({"burden", kObserved, "--format", "csv", "--years", "2024"});
  ASSERT_EQ(csv.status, 0) << csv.output;
  const auto lines = lines_of(csv.output);
  ASSERT_EQ(lines.size(), 2U) << csv.output;
  EXPECT_EQ(lines[0], "year,allies,us_share_nato,at_2pct,at_3_5pct,oz_rho,oz_p,gini");
  EXPECT_EQ(lines[1].rfind("2024,32,0.655972907941", 0), 0U) << lines[1];
  const Exit json = run({"burden", kObserved, "--format", "json"});
  ASSERT_EQ(json.status, 0) << json.output;
  EXPECT_NE(json.output.find("{\"year\": 2014, \"allies\": 28, "), std::string::npos)
      << json.output;
  const Exit markdown = run({"burden", kObserved, "--format", "md"});
  ASSERT_EQ(markdown.status, 0) << markdown.output;
  EXPECT_NE(markdown.output.find("| year | allies | us_share_nato |"), std::string::npos)
      << markdown.output;
  EXPECT_NE(markdown.output.find("| 2014 | 28 | 0.6928 | 3 | 1 |"), std::string::npos)
      << markdown.output;
}

TEST_F(BurdenCli, BadCsvGivesFileLineColumn) {
  const std::string bad = RAMPART_TEST_DATA_DIR "/observed/unknown_country.csv";
  expect_refused({bad}, bad + ":2:1: error: unknown country 'Germny'; did you mean 'Germany'?");
  const std::string several = RAMPART_TEST_DATA_DIR "/observed/several_problems.csv";
  const Exit e = run({"burden", several});
  EXPECT_EQ(e.status, 2);
  EXPECT_NE(e.output.find(several + ":3:5: error: gdp is empty"), std::string::npos) << e.output;
  EXPECT_NE(e.output.find(several + ":5:1: error: empty country"), std::string::npos) << e.output;
}

TEST_F(BurdenCli, ResultsFileTidyCsv) {
  const std::string file = make_file();
  const Exit e = run({"burden", file, "--format", "csv"});
  ASSERT_EQ(e.status, 0) << e.output;
  const auto lines = lines_of(e.output);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "scenario,year,index,runs,mean,se,ci_low,ci_high,q05,q50,q95");
  // Default years 2024 (data), 2025 (first simulated and divisible by 5), 2028 (last); 12
  // indices; two scenarios.
  ASSERT_EQ(lines.size(), 1U + 2U * 3U * 12U) << e.output;
  for (const auto& line : lines) EXPECT_EQ(fields_in(line), 11U) << line;
  EXPECT_NE(e.output.find("baseline,2024,at_2pct,64,23,0,23,23,23,23,23\n"), std::string::npos)
      << e.output;
  EXPECT_NE(e.output.find("us_disengagement,2028,P(deterrence failure by year),64,"),
            std::string::npos)
      << e.output;
}

TEST_F(BurdenCli, ResultsFileTextAndThreads) {
  const std::string file = make_file();
  const Exit one = run({"burden", file, "--years", "all", "--threads", "1"});
  const Exit many = run({"burden", file, "--years", "all", "--threads", "4"});
  ASSERT_EQ(one.status, 0) << one.output;
  EXPECT_EQ(one.output, many.output);
  for (const char* expected : {"scenario", "oz_p_below_0.05", "europe_capability",
                               "frontline_deterrence", "Wilson 95 %", "2027"}) {
    EXPECT_NE(one.output.find(expected), std::string::npos) << expected << "\n" << one.output;
  }
}

TEST_F(BurdenCli, BadRequestsExitTwo) {
  const std::string file = make_file();
  expect_refused({file, "--scenarios", "baselin"}, "did you mean 'baseline'");
  expect_refused({file, "--years", "2040"}, "2040");
  expect_refused({file, "--format", "xml"}, "text, csv, json, markdown");
  expect_refused({file, "--confidence", "1.5"}, "--confidence");
  expect_refused({file, "--threads", "0"}, "--threads");
  expect_refused({kObserved, "--scenarios", "baseline"}, "applies to results files");
  expect_refused({kObserved, "--years", "2030"}, "no year of the data in '2030'");
  expect_refused({}, "no data or results file given");
  expect_refused({(dir_ / "none.csv").string()}, "none.csv: error: cannot open file");
  expect_refused({(dir_ / "none.h5").string()}, "none.h5: error: no such file");
}

TEST_F(BurdenCli, PartialFilesNeedTheFlag) {
  const fs::path part = make_partial_file();
  const Exit e = run({"burden", part.string(), "--partial", "--format", "csv"});
  ASSERT_EQ(e.status, 0) << e.output;
  EXPECT_NE(e.output.find("warning: " + part.string() + " is partial"), std::string::npos)
      << e.output;
  EXPECT_NE(e.output.find("baseline,2025,allies,128,"), std::string::npos) << e.output;
  EXPECT_EQ(e.output.find("us_disengagement,"), std::string::npos) << e.output;
}

TEST_F(BurdenCli, Help) {
  const Exit e = run({"burden", "--help"});
  EXPECT_EQ(e.status, 0);
  EXPECT_NE(e.output.find("--partial"), std::string::npos) << e.output;
  EXPECT_NE(e.output.find("--confidence"), std::string::npos) << e.output;
}

}  // namespace
}  // namespace rampart::engine
