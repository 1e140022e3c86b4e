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

// A fresh folder outside the source tree and the library, removed at the end.
class OutsideFolder {
 public:
  OutsideFolder()
      : path_(fs::temp_directory_path() / ("rampart_outside_" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~OutsideFolder() { fs::remove_all(path_); }
  OutsideFolder(const OutsideFolder&) = delete;
  OutsideFolder& operator=(const OutsideFolder&) = delete;
  [[nodiscard]] std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(CheckCli, ExtendsFindsALibraryScenarioFromAnyFolder) {
  const OutsideFolder dir;
  for (const char* parent : {"baseline", "baseline.toml"}) {
    const auto file = dir.write("mine.toml", "name = \"mine\"\nextends = \"" + std::string(parent) +
                                                 "\"\nhorizon = 2030\n");
    const auto r = run_cli("check " + file);
    EXPECT_EQ(r.status, 0) << parent << ": " << r.err;
    EXPECT_EQ(r.out, file + ": ok\n");
  }
  // A missing parent: every place looked in, as absolute paths, and how library names read.
  const auto file = dir.write("orphan.toml", "name = \"orphan\"\nextends = \"no_such\"\n");
  const auto r = run_cli("check " + file);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(file + ":2:11: error: extends: file 'no_such' not found (looked for " +
                       (dir.path() / "no_such").string() + ", " + RAMPART_SOURCE_DIR +
                       "/scenarios/no_such, " + RAMPART_SOURCE_DIR + "/scenarios/no_such.toml)"),
            std::string::npos)
      << r.err;
}

TEST(CheckCli, SweepFilesAreCheckedAsSweeps) {
  const std::string sweep = RAMPART_SOURCE_DIR "/scenarios/sweeps/presence_threat_grid.toml";
  const auto r = run_cli("check " + sweep);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind(sweep + ": ok (sweep presence_threat_grid: full_factorial, ", 0), 0U)
      << r.out;
  EXPECT_NE(r.out.find(" = 600 runs of "), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
  // A broken sweep is reported as a sweep (its keys), not as four unknown scenario keys.
  const OutsideFolder dir;
  const auto bad =
      dir.write("bad_sweep.toml",
                "name = \"bad\"\nbase = \"baseline\"\nseed = 1\n[design]\n"
                "type = \"full_factorial\"\n[[factors]]\nparameter = \"us.presence_flor\"\n"
                "values = [0.1, 0.2]\n");
  const auto b = run_cli("check " + bad);
  EXPECT_EQ(b.status, 2);
  EXPECT_NE(b.err.find("us.presence_flor"), std::string::npos) << b.err;
  EXPECT_EQ(b.err.find("unknown key"), std::string::npos) << b.err;
}

TEST(CheckCli, RunOnASweepFileNamesTheSweepCommand) {
  const std::string sweep = RAMPART_SOURCE_DIR "/scenarios/sweeps/presence_threat_grid.toml";
  const OutsideFolder dir;
  const auto r = run_cli("run " + sweep + " -o " + (dir.path() / "x.h5").string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(
      r.err.find("'" + sweep + "' is a sweep file: run it with 'rampart sweep " + sweep + "'"),
      std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("unknown key"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "x.h5"));
}

TEST(CheckCli, ScenarioGivenTwiceNamesBothFiles) {
  const OutsideFolder dir;
  const auto mine = dir.write("my_baseline.toml", "name = \"baseline\"\nextends = \"baseline\"\n");
  const auto r = run_cli("run baseline " + mine + " -o " + (dir.path() / "x.h5").string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("scenario 'baseline' is given twice (" RAMPART_SOURCE_DIR
                       "/scenarios/baseline.toml and " +
                       mine + ")"),
            std::string::npos)
      << r.err;
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
