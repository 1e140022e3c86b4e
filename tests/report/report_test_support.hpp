#pragma once
// Helpers the report suites share: running the CLI and reading files.

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace rampart::report_test {

struct CliRun {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs a shell command line, capturing stdout and stderr apart.
inline CliRun run_command(const std::string& command) {
  const auto err_file = std::filesystem::temp_directory_path() /
                        ("rampart_report_test_" + std::to_string(::getpid()) + ".err");
  const std::string line = command + " 2>'" + err_file.string() + "'";
  CliRun r;
  FILE* pipe = popen(line.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buffer{};
  while (fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr) {
    r.out += buffer.data();
  }
  const int raw = pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream in(err_file);
  std::ostringstream err;
  err << in.rdbuf();
  r.err = err.str();
  std::filesystem::remove(err_file);
  return r;
}

// The rampart CLI with the repository's scenario library.
inline CliRun run_cli(const std::string& args) {
  return run_command("RAMPART_DATA_DIR='" RAMPART_SOURCE_DIR "/scenarios' '" RAMPART_BINARY "' " +
                     args);
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A fresh folder under the system's temporary directory, removed by the destructor.
class TempDir {
 public:
  explicit TempDir(const std::string& tag)
      : path_(std::filesystem::temp_directory_path() /
              ("rampart_" + tag + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace rampart::report_test
