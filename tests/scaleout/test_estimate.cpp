// `rampart run --estimate` and `rampart sweep --estimate`: print the predicted wall time, file size
// and memory, writes no file, and its size prediction is within a factor 1.5 of the real file's
// size.

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "../engine/cli_process.hpp"

namespace rampart::engine {
namespace {

using EstimateTest = CliProcessTest;

double number_after(const std::string& text, const std::string& pattern) {
  std::smatch match;
  const std::regex re(pattern);
  if (!std::regex_search(text, match, re)) {
    ADD_FAILURE() << "no '" << pattern << "' in:\n" << text;
    return -1;
  }
  return std::stod(match[1].str());
}

TEST_F(EstimateTest, PredictsTimeSizeAndMemoryWithoutWritingAFile) {
  const fs::path out = dir_ / "results.h5";
  const std::vector<std::string> request = {
      "run", "baseline", "us_transactional", "--runs", "600", "--threads", "2", "-o", out.string()};
  std::vector<std::string> estimate = request;
  estimate.push_back("--estimate");
  const Exit e = run(estimate);
  ASSERT_EQ(e.status, 0) << e.output;
  EXPECT_TRUE(outputs().empty()) << "the estimate left a file";
  const double seconds = number_after(e.output, R"(wall time +([0-9.]+) s)");
  const double bytes = number_after(e.output, R"(file size .*\(([0-9]+) bytes)");
  const double memory = number_after(e.output, R"(memory .*\(([0-9]+) bytes peak)");
  EXPECT_GT(seconds, 0.0);
  EXPECT_GT(memory, 1e6);
  EXPECT_NE(e.output.find("estimate for 1200 runs"), std::string::npos) << e.output;

  std::vector<std::string> real = request;
  real.push_back("--quiet");
  ASSERT_EQ(run(real).status, 0);
  const auto actual = static_cast<double>(fs::file_size(out));
  EXPECT_LT(bytes, 1.5 * actual) << e.output;
  EXPECT_GT(bytes, actual / 1.5) << e.output;
}

TEST_F(EstimateTest, SweepEstimatesItsWholeDesignAndComparesWithFreeSpace) {
  const fs::path out = dir_ / "grid.h5";
  const Exit e = run({"sweep", RAMPART_SOURCE_DIR "/scenarios/sweeps/presence_threat_grid.toml",
                      "--estimate", "--threads", "2", "-o", out.string()});
  ASSERT_EQ(e.status, 0) << e.output;
  EXPECT_TRUE(outputs().empty()) << "the estimate left a file";
  EXPECT_NE(e.output.find("estimate for 600 runs"), std::string::npos) << e.output;
  EXPECT_GT(number_after(e.output, R"(file size .*\(([0-9]+) bytes)"), 0.0);
  EXPECT_TRUE(std::regex_search(e.output, std::regex("disk +[0-9.]+ [KMGT]?i?B free in .*: the "
                                                     "file fits")))
      << e.output;
  EXPECT_EQ(run({"sweep", RAMPART_SOURCE_DIR "/scenarios/sweeps/presence_threat_grid.toml",
                 "--estimate", "--resume", "-o", out.string()})
                .status,
            2);
}

TEST_F(EstimateTest, RefusesResumeAndNoOutput) {
  EXPECT_EQ(run({"run", "baseline", "--runs", "10", "--estimate", "--no-output"}).status, 2);
  EXPECT_EQ(run({"run", "baseline", "--runs", "10", "--estimate", "--resume"}).status, 2);
}

}  // namespace
}  // namespace rampart::engine
