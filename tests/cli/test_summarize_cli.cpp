// `rampart summarize` as a user runs it: output formats that parse back, exit status 2 with one
// clear message for every kind of bad request, and partial files.

#include <gtest/gtest.h>
#include <hdf5.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analysis_cli.hpp"
#include "rampart/io/h5.hpp"

namespace rampart::engine {
namespace {

class SummarizeCli : public rampart::cli_test::AnalysisCliTest {
 protected:
  SummarizeCli() : AnalysisCliTest("summarize", "3") {}
};

using rampart::cli_test::lines_of;

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

TEST_F(SummarizeCli, TextByDefault) {
  const std::string file = make_file();
  const Exit e = run({"summarize", file});
  ASSERT_EQ(e.status, 0) << e.output;
  for (const char* expected :
       {"scenario baseline", "scenario us_disengagement", "NATO-Europe", "EU-in-NATO", "frontline",
        "spending_share", "P(crisis by year)", "P(deterrence failure by year)", "ci_high", "q95",
        "95 % CI", "Wilson"}) {
    EXPECT_NE(e.output.find(expected), std::string::npos) << expected << "\n" << e.output;
  }
}

TEST_F(SummarizeCli, CsvParsesBack) {
  const std::string file = make_file();
  const Exit e =
      run({"summarize", file, "--format", "csv", "--var", "spending_share,threat", "--var",
           "crises", "--groups", "NATO", "--countries", "POL", "--years", "2025-2026"});
  ASSERT_EQ(e.status, 0) << e.output;
  const auto lines = lines_of(e.output);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0],
            "scenario,year,variable,selection,runs,mean,sd,se,ci_low,ci_high,q05,q25,"
            "q50,q75,q95");
  // Per scenario: spending_share 2 years x 2 selections, threat 2 years, crises 1, events 2 x 2.
  ASSERT_EQ(lines.size(), 1U + 2U * (4 + 2 + 1 + 4)) << e.output;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto f = fields_of(lines[i]);
    ASSERT_EQ(f.size(), 15U) << lines[i];
    EXPECT_TRUE(f[0] == "baseline" || f[0] == "us_disengagement") << lines[i];
    EXPECT_EQ(f[4], "64") << lines[i];
    char* end = nullptr;
    std::strtod(f[5].c_str(), &end);
    EXPECT_EQ(*end, '\0') << "mean is not a number: " << lines[i];
    const bool event = f[2].rfind("P(", 0) == 0;
    EXPECT_EQ(f[14].empty(), event) << lines[i];
    if (f[2] == "crises") {
      EXPECT_EQ(f[1], "");
    }
  }
}

TEST_F(SummarizeCli, JsonHasColumnsRowsAndNotes) {
  const std::string file = make_file();
  const Exit e = run({"summarize", file, "--format", "json", "--groups", "US", "--scenarios",
                      "baseline", "--no-events", "--confidence", "0.9"});
  ASSERT_EQ(e.status, 0) << e.output;
  EXPECT_EQ(e.output.rfind("{\n  \"title\": ", 0), 0U) << e.output;
  EXPECT_NE(e.output.find("\"columns\": [\"scenario\", \"year\", \"variable\", \"selection\", "
                          "\"runs\", \"mean\""),
            std::string::npos)
      << e.output;
  EXPECT_NE(e.output.find("90 % CI"), std::string::npos) << e.output;
  EXPECT_NE(e.output.find("\"notes\": [\""), std::string::npos) << e.output;
  int rows = 0;
  for (const auto& line : lines_of(e.output)) {
    if (line.rfind("    {\"scenario\": \"baseline\", ", 0) == 0) ++rows;
  }
  EXPECT_EQ(rows, 2);  // default years 2025 and the horizon 2028, one selection, no events
  EXPECT_EQ(e.output.find("P(crisis"), std::string::npos);
}

TEST_F(SummarizeCli, SameOutputAtAnyThreadCount) {
  const std::string file = make_file("600");
  const Exit one = run({"summarize", file, "--years", "all", "--threads", "1"});
  const Exit two = run({"summarize", file, "--years", "all", "--threads", "2"});
  ASSERT_EQ(one.status, 0) << one.output;
  EXPECT_EQ(one.output, two.output);
}

TEST_F(SummarizeCli, BadRequestsExitTwoWithOneMessage) {
  const std::string file = make_file();
  expect_refused({file, "--var", "spending_shar"}, "did you mean 'spending_share'");
  expect_refused({file, "--groups", "NATO,Nordics"}, "unknown country or group 'Nordics'");
  expect_refused({file, "--countries", "DEUU"}, "did you mean 'DEU'");
  expect_refused({file, "--scenarios", "baseline,hague"}, "no scenario 'hague' in this file");
  expect_refused({file, "--years", "2040"}, "year 2040 is not in this file (it holds 2024-2028)");
  expect_refused({file, "--years", "soon"}, "--years: 'soon' is not a year");
  expect_refused({file, "--format", "xml"}, "allowed: text, csv, json, markdown");
  expect_refused({file, "--confidence", "95"}, "--confidence must be between 0 and 1");
  expect_refused({file, "--threads", "0"}, "--threads must be positive");
  expect_refused({file, "--max-memory", "0"}, "above --max-memory 0 MiB");
  expect_refused({file, "--bogus"}, "unrecognised option");
  expect_refused({}, "no results file given");
  expect_refused({(dir_ / "none.h5").string()}, "none.h5: error: no such file");
  const std::string text = (dir_ / "notes.txt").string();
  std::ofstream(text) << "hello\n";
  expect_refused({text}, "notes.txt: error: not an HDF5 file");
}

// A sweep of many points (here a Sobol design of 80) is not printed point by point unless the
// user chooses points: summarize, burden and compare say how, and what to use instead.
TEST_F(SummarizeCli, LargeSweepsNeedAPointSelection) {
  const std::string design = (dir_ / "many.toml").string();
  std::ofstream(design) << "name = \"many\"\nbase = \"" RAMPART_SOURCE_DIR
                           "/scenarios/us_disengagement.toml\"\nseed = 2\n"
                           "[design]\ntype = \"sobol\"\nbase_samples = 16\n"
                           "[[factors]]\nparameter = \"us.presence_floor\"\nlow = 0.0\nhigh = 0.5\n"
                           "[[factors]]\nparameter = \"russia.rebuild_multiplier\"\nlow = 1.0\n"
                           "high = 2.0\n[[factors]]\nparameter = \"state.political_drag\"\n"
                           "low = 0.3\nhigh = 0.7\n";
  const std::string file = (dir_ / "many.h5").string();
  const Exit made =
      run({"sweep", design, "--horizon", "2026", "--threads", "2", "--quiet", "-o", file});
  ASSERT_EQ(made.status, 0) << made.output;
  expect_refused({file}, "many.h5 is a sweep of 80 design points; rampart summarize would print");
  expect_refused({file}, "--scenarios point_00000,point_00001,...");
  expect_refused({file}, "'rampart sensitivity " + file + " --outcome OUTCOME'");
  for (const char* command : {"burden", "compare"}) {
    const Exit e = run({command, file});
    EXPECT_EQ(e.status, 2) << e.output;
    EXPECT_NE(e.output.find(std::string("rampart ") + command + " would print every one"),
              std::string::npos)
        << e.output;
  }
  const Exit chosen = run({"summarize", file, "--scenarios", "point_00003,point_00042", "--years",
                           "2026", "--format", "csv"});
  EXPECT_EQ(chosen.status, 0) << chosen.output;
  EXPECT_NE(chosen.output.find("point_00042"), std::string::npos);
  EXPECT_EQ(run({"compare", file, "--scenarios", "point_00000,point_00001"}).status, 0);
}

TEST_F(SummarizeCli, PartialFilesNeedTheFlag) {
  const fs::path part = make_partial_file();
  expect_refused({part.string()}, "--resume -o " + (dir_ / "cut.h5").string());
  const Exit e =
      run({"summarize", part.string(), "--partial", "--format", "csv", "--groups", "EU"});
  ASSERT_EQ(e.status, 0) << e.output;
  EXPECT_NE(e.output.find("warning: " + part.string() + " is partial"), std::string::npos)
      << e.output;
  EXPECT_NE(e.output.find("baseline,2025,spending_share,EU,128,"), std::string::npos) << e.output;
  EXPECT_EQ(e.output.find("us_disengagement,"), std::string::npos) << e.output;
}

TEST_F(SummarizeCli, Help) {
  const Exit e = run({"summarize", "--help"});
  EXPECT_EQ(e.status, 0);
  EXPECT_NE(e.output.find("--max-memory"), std::string::npos) << e.output;
  EXPECT_NE(e.output.find("--partial"), std::string::npos) << e.output;
}

}  // namespace
}  // namespace rampart::engine
