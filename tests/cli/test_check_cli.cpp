// `rampart check` and `rampart scenarios` as a user runs them: exit codes, every problem
// printed as FILE:LINE:COL: error: ..., and the resolved TOML.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "shared_files_cli.hpp"

namespace {

namespace fs = std::filesystem;

using Run = rampart::cli_test::Result;

// Runs the CLI with the repository's scenario library, capturing stdout and stderr apart.
Run run_cli(const std::string& args) {
  const fs::path err_file =
      fs::temp_directory_path() / ("rampart_check_cli_" + std::to_string(::getpid()) + ".err");
  Run r = rampart::cli_test::run_shell(
      "RAMPART_DATA_DIR='" RAMPART_SOURCE_DIR "/scenarios' '" RAMPART_BINARY "' " + args, err_file);
  fs::remove(err_file);
  return r;
}

std::string data(const std::string& relative) {
  return std::string(RAMPART_TEST_DATA_DIR) + "/scenarios/" + relative;
}

int count_lines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

TEST(CheckCli, ValidFileIsOk) {
  const auto r = run_cli("check " + data("good/child.toml") + " baseline");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, data("good/child.toml") + ": ok\n" + RAMPART_SOURCE_DIR +
                       "/scenarios/baseline.toml: ok\n");
  EXPECT_EQ(r.err, "");
}

TEST(CheckCli, EveryProblemIsPrintedAndExitIsTwo) {
  const auto file = data("bad/multiple_errors.toml");
  const auto r = run_cli("check " + file);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(count_lines(r.err), 5) << r.err;
  for (const char* where : {":2:11: error: horizon 2060", ":5:15: error: nato.core_target",
                            ":6:1: error: unknown key 'core_targt'",
                            ":9:14: error: economy.gdp_growth", ":11:12: error: unknown country"}) {
    EXPECT_NE(r.err.find(file + where), std::string::npos) << where << "\n" << r.err;
  }
}

TEST(CheckCli, GoodAndBadFilesTogether) {
  const auto r = run_cli("check baseline " + data("bad/empty.toml"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("baseline.toml: ok"), std::string::npos);
  EXPECT_EQ(r.err, data("bad/empty.toml") +
                       ": error: file is empty; a scenario needs at least name = \"...\"\n");
}

TEST(CheckCli, PrintShowsTheResolvedScenario) {
  const auto r = run_cli("check --print " + data("good/child.toml"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("name = \"child\""), std::string::npos);
  EXPECT_NE(r.out.find("target_year = 2032"), std::string::npos);
  EXPECT_NE(r.out.find("core_target = 0.035"), std::string::npos);  // from the parent
  EXPECT_NE(r.out.find("[countries.MLT]"), std::string::npos);
  EXPECT_EQ(r.out.find("extends"), std::string::npos);
}

TEST(CheckCli, PrintedScenarioChecksClean) {
  const auto printed = run_cli("check --print baseline");
  ASSERT_EQ(printed.status, 0);
  const fs::path file =
      fs::temp_directory_path() / ("rampart_resolved_" + std::to_string(::getpid()) + ".toml");
  std::ofstream(file) << printed.out;
  const auto r = run_cli("check --print " + file.string());
  fs::remove(file);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, printed.out);  // the resolved text is a fixed point
}

TEST(CheckCli, UsageErrors) {
  EXPECT_EQ(run_cli("check").status, 2);
  const auto unknown = run_cli("check nonexistent_scenario_name");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("nonexistent_scenario_name: error: no such file"), std::string::npos)
      << unknown.err;
  const auto help = run_cli("check --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("--print"), std::string::npos);
}

TEST(ScenariosCli, ListsTheLibrary) {
  const auto r = run_cli("scenarios");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("NAME", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\nbaseline "), std::string::npos) << r.out;
  // Aligned: every row's description starts in the header's DESCRIPTION column.
  const auto column = r.out.find("DESCRIPTION");
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    ASSERT_GT(line.size(), column);
    EXPECT_EQ(line[column - 1], ' ') << line;
    EXPECT_NE(line[column], ' ') << line;
  }
}

TEST(ScenariosCli, ShowsOneScenarioResolved) {
  const auto r = run_cli("scenarios baseline");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("name = \"baseline\""), std::string::npos);
  EXPECT_NE(r.out.find("gdp_growth = { dist = \"uniform\", low = 0.005, high = 0.025 }"),
            std::string::npos);
  EXPECT_EQ(run_cli("scenarios no_such_scenario").status, 2);
}

}  // namespace
