// Runs that start in the record, end to end through the CLI: a counterfactual history and the
// record itself in one file, replayed bit for bit, summarised from their start year; and the
// refusal to mix start years in one file.
#include <gtest/gtest.h>

#include <string>

#include "../engine/cli_process.hpp"

namespace rampart::cli_test {
namespace {

class HistoryCli : public engine::CliProcessTest {};

TEST_F(HistoryCli, ACounterfactualHistoryRunsReplaysAndSummarises) {
  const std::string file = (dir_ / "history.h5").string();
  const auto r = run({"run", "history_us_exit_2017", "history_2014", "--runs", "12", "--threads",
                      "2", "--quiet", "-o", file});
  ASSERT_EQ(r.status, 0) << r.output;
  const auto replay = run({"replay", file, "--run", "5", "--scenario", "history_us_exit_2017"});
  EXPECT_EQ(replay.status, 0) << replay.output;
  EXPECT_NE(replay.output.find("match"), std::string::npos) << replay.output;
  const auto summary = run({"summarize", file, "--groups", "NATO-Europe", "--years", "2014,2024",
                            "--no-events", "--format", "csv"});
  ASSERT_EQ(summary.status, 0) << summary.output;
  EXPECT_NE(summary.output.find("2014,spending_share,NATO-Europe"), std::string::npos)
      << summary.output;
}

TEST_F(HistoryCli, ScenariosWithDifferentStartYearsAreRefused) {
  const auto r = run({"run", "baseline", "history_2014", "--runs", "4", "--horizon", "2030",
                      "--quiet", "-o", (dir_ / "mixed.h5").string()});
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("start in different years"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "mixed.h5"));
}

}  // namespace
}  // namespace rampart::cli_test
