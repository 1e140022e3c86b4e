// Replays the fuzz targets' checks (tests/fuzz/fuzz_inputs.hpp) in the ordinary suites, on the
// seed corpus (the shipped scenario and sweep files, the test inputs) and on every input a fuzzer
// once failed on (tests/fuzz/regressions/<parser>/), so a fixed crash stays fixed without clang.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "../fuzz/fuzz_inputs.hpp"

namespace rampart::fuzz {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> files_under(const std::vector<fs::path>& roots, const std::string& ext) {
  std::vector<fs::path> files;
  for (const auto& root : roots) {
    if (fs::is_regular_file(root)) {
      files.push_back(root);
      continue;
    }
    if (!fs::is_directory(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.is_regular_file() && (ext.empty() || entry.path().extension() == ext)) {
        files.push_back(entry.path());
      }
    }
  }
  return files;
}

std::string text_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const fs::path kSource = RAMPART_SOURCE_DIR;

TEST(FuzzRegressions, ScenarioParserOnTheSeedCorpusAndPastFailures) {
  auto files = files_under({kSource / "scenarios", kSource / "tests/data/scenarios"}, ".toml");
  const auto past = files_under({kSource / "tests/fuzz/regressions/scenario"}, "");
  files.insert(files.end(), past.begin(), past.end());
  ASSERT_GE(files.size(), 40U);
  for (const auto& f : files) {
    SCOPED_TRACE(f.string());
    EXPECT_NO_THROW(fuzz_scenario_text(text_of(f)));
  }
}

TEST(FuzzRegressions, SweepParserOnTheSeedCorpusAndPastFailures) {
  auto files = files_under({kSource / "scenarios/sweeps", kSource / "tests/data/sweeps"}, ".toml");
  const auto past = files_under({kSource / "tests/fuzz/regressions/sweep"}, "");
  files.insert(files.end(), past.begin(), past.end());
  ASSERT_GE(files.size(), 5U);
  for (const auto& f : files) {
    SCOPED_TRACE(f.string());
    EXPECT_NO_THROW(fuzz_sweep_text(text_of(f)));
  }
}

TEST(FuzzRegressions, ObservedCsvParserOnTheSeedCorpusAndPastFailures) {
  auto files = files_under({kSource / "scenarios/data", kSource / "tests/data/observed"}, ".csv");
  const auto past = files_under({kSource / "tests/fuzz/regressions/observed_csv"}, "");
  files.insert(files.end(), past.begin(), past.end());
  ASSERT_GE(files.size(), 5U);
  for (const auto& f : files) {
    SCOPED_TRACE(f.string());
    EXPECT_NO_THROW(fuzz_observed_csv_text(text_of(f)));
  }
}

}  // namespace
}  // namespace rampart::fuzz
