#pragma once
// A CLI suite whose tests share results files made once in SetUpTestSuite (sweeps take seconds
// to write): a folder per suite and process, and the binary run through the shell with stdout
// and stderr captured apart. Used by the compare, discover and sensitivity CLI tests; run_shell
// also by the check CLI tests.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace rampart::cli_test {

struct Result {
  int status = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `command` through the shell with its stderr in `err_file`: stdout and stderr apart.
inline Result run_shell(const std::string& command, const std::filesystem::path& err_file) {
  const std::string cmd = command + " 2>'" + err_file.string() + "'";
  Result r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf{};
  while (fgets(buf.data(), static_cast<int>(buf.size()), pipe) != nullptr) r.out += buf.data();
  const int raw = pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream in(err_file);
  r.err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return r;
}

class SharedFilesCliTest : public ::testing::Test {
 protected:
  // Call first in the suite's SetUpTestSuite.
  static void make_folder(const std::string& suite) {
    dir_ = std::filesystem::temp_directory_path() /
           ("rampart_" + suite + "_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }

  // Runs `rampart ARGS` through the shell (so ARGS may quote).
  static Result rampart(const std::string& args) {
    return run_shell(std::string(RAMPART_BINARY) + " " + args, dir_ / "stderr.txt");
  }
  static std::string file(const char* name) { return (dir_ / name).string(); }

  static inline std::filesystem::path dir_;
};

inline bool has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace rampart::cli_test
