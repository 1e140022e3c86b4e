#pragma once
// Results files written by the built `rampart` binary for the analysis tests, in one scratch
// folder per test process that is removed when the tests end.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace rampart::analysis::test {

inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("rampart_analysis_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

class ScratchCleanup : public ::testing::Environment {
 public:
  void TearDown() override { std::filesystem::remove_all(scratch_dir()); }
};
inline const auto* const kScratchCleanup = ::testing::AddGlobalTestEnvironment(new ScratchCleanup);

// Runs `rampart run RUN_ARGS --threads 2 --quiet -o scratch/NAME`; the file's path, or an empty
// path when the run failed (its log is scratch/NAME.log).
inline std::filesystem::path write_results(const std::string& name, const std::string& run_args) {
  const auto file = scratch_dir() / name;
  const std::string command = std::string(RAMPART_BINARY) + " run " + run_args +
                              " --threads 2 --quiet -o " + file.string() + " > " + file.string() +
                              ".log 2>&1";
  if (std::system(command.c_str()) != 0) return {};
  return file;
}

}  // namespace rampart::analysis::test
