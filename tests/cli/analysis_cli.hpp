#pragma once
// A CLI suite for one analysis command: a small two-scenario results file, and refusals that must
// exit with status 2 and one clear message (no HDF5 diagnostics, no uncaught exception). Used by
// the summarize and burden CLI tests.

#include <gtest/gtest.h>
#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../engine/cli_process.hpp"
#include "rampart/io/h5.hpp"

namespace rampart::cli_test {

class AnalysisCliTest : public engine::CliProcessTest {
 protected:
  AnalysisCliTest(std::string command, std::string seed)
      : command_(std::move(command)), seed_(std::move(seed)) {}

  // baseline and us_disengagement, `runs` runs each, horizon 2028, into results.h5.
  std::string make_file(const std::string& runs = "64") {
    const std::string file = (dir_ / "results.h5").string();
    const engine::Exit e = run({"run", "baseline", "us_disengagement", "--runs", runs, "--horizon",
                                "2028", "--seed", seed_, "--threads", "2", "--quiet", "-o", file});
    EXPECT_EQ(e.status, 0) << e.output;
    return file;
  }

  // cut.h5.part: a 600-run file marked partial after its first 2 blocks (128 of 1200 runs),
  // which the command refuses without --partial.
  std::filesystem::path make_partial_file() {
    const std::filesystem::path part = dir_ / "cut.h5.part";
    std::filesystem::copy_file(make_file("600"), part);
    {
      const engine::h5::Handle f(H5Fopen(part.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
      engine::h5::write_attribute(f.id(), "status", std::string_view("partial"));
      engine::h5::write_attribute(f.id(), "blocks_done", std::int64_t{2});
    }
    expect_refused({part.string()}, "128 of 1200 runs are complete");
    return part;
  }

  // `rampart COMMAND ARGS` exits with status 2 and a message containing `expected`.
  void expect_refused(const std::vector<std::string>& args, const std::string& expected) {
    std::vector<std::string> all{command_};
    all.insert(all.end(), args.begin(), args.end());
    const engine::Exit e = run(all);
    EXPECT_EQ(e.status, 2) << e.output;
    EXPECT_NE(e.output.find(expected), std::string::npos) << e.output;
    EXPECT_EQ(e.output.find("HDF5-DIAG"), std::string::npos) << e.output;
    EXPECT_EQ(e.output.find("terminate"), std::string::npos) << e.output;
  }

 private:
  std::string command_;
  std::string seed_;
};

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace rampart::cli_test
