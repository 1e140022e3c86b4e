#pragma once
// Running the built `rampart` binary from a test: a fresh folder per test, start/wait with the
// output captured, byte and data comparisons of results files, and interrupt-then-resume.
// Shared by the run and sweep CLI tests.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "rampart/io/results_reader.hpp"
#include "results_compare.hpp"

namespace rampart::engine {

namespace fs = std::filesystem;

struct Exit {
  int status = -1;  // exit code, or 128 + signal
  std::string output;
};

class CliProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() /
        ("rampart_" +
         std::string(::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name()) +
         "_" + std::to_string(::getpid()) + "_" +
         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  }
  void TearDown() override {
    if (restore_data_dir_) {
      if (saved_data_dir_.empty()) {
        ::unsetenv("RAMPART_DATA_DIR");
      } else {
        ::setenv("RAMPART_DATA_DIR", saved_data_dir_.c_str(), 1);
      }
    }
    fs::remove_all(dir_);
  }

  // What a started child may do: the largest file it may write (RLIMIT_FSIZE, 0 for no limit:
  // a full disk) and an alarm that kills it after so many seconds (0 for none; survives exec, so
  // a command that blocks forever ends with 128 + SIGALRM instead of hanging the suite).
  struct ChildLimits {
    rlim_t max_file_bytes;
    unsigned alarm_seconds;
  };

  // Starts `program` with `args`, its stdout and stderr going to the next log file.
  pid_t start_program(const char* program, const std::vector<std::string>& args,
                      ChildLimits limits = ChildLimits{0, 0}) {
    log_ = dir_ / ("log" + std::to_string(++launches_) + ".txt");
    // Everything that allocates happens before fork: the child only makes system calls.
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const std::string log_path = log_.string();
    const pid_t pid = ::fork();
    if (pid == 0) {
      if (limits.max_file_bytes > 0) {
        const rlimit limit{limits.max_file_bytes, limits.max_file_bytes};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        ::signal(SIGXFSZ, SIG_IGN);  // a write past the limit then fails with EFBIG
      }
      const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, STDOUT_FILENO);
      ::dup2(fd, STDERR_FILENO);
      if (limits.alarm_seconds > 0) ::alarm(limits.alarm_seconds);
      ::execv(program, argv.data());
      ::_exit(127);
    }
    return pid;
  }

  // Starts the binary with `args`; a positive `max_file_bytes` limits what it may write.
  pid_t start(const std::vector<std::string>& args, rlim_t max_file_bytes = 0) {
    return start_program(RAMPART_BINARY, args, {max_file_bytes, 0});
  }
  Exit wait(pid_t pid) {
    int raw = 0;
    ::waitpid(pid, &raw, 0);
    Exit e;
    e.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    std::ifstream in(log_);
    e.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return e;
  }
  Exit run(const std::vector<std::string>& args) { return wait(start(args)); }

  // Files in the test folder other than logs and scenario files.
  std::vector<std::string> outputs() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      const auto name = entry.path().filename().string();
      if (name.rfind("log", 0) != 0 && entry.path().extension() != ".toml") names.push_back(name);
    }
    return names;
  }

  static std::string bytes_of(const fs::path& p) { return testing::bytes_of(p); }
  static void expect_same_data(const fs::path& a, const fs::path& b) {
    testing::expect_same_data(a, b);
  }

  // A copy of the repository's scenario library in the test folder that the binary reads
  // (RAMPART_DATA_DIR) until the end of the test: its data can be changed between commands.
  fs::path use_library_copy() {
    const fs::path library = dir_ / "library";
    fs::copy(fs::path(RAMPART_SOURCE_DIR) / "scenarios", library, fs::copy_options::recursive);
    if (const char* old = std::getenv("RAMPART_DATA_DIR")) saved_data_dir_ = old;
    ::setenv("RAMPART_DATA_DIR", library.c_str(), 1);
    restore_data_dir_ = true;
    return library;
  }

  // Starts a run, sends `sig` after `delay`, and resumes until complete; the data must equal
  // `reference`'s.
  void interrupt_and_resume(int sig, const fs::path& reference,
                            const std::vector<std::string>& args) {
    const fs::path out = dir_ / ("signal" + std::to_string(sig) + ".h5");
    std::vector<std::string> with_output = args;
    with_output.insert(with_output.end(), {"-o", out.string()});
    const pid_t pid = start(with_output);
    // Signal once the partial file exists and has grown past its header, however fast this
    // build is (sanitizer builds are several times slower).
    const fs::path part = out.string() + ".part";
    std::error_code ignored;
    for (int waited_ms = 0; waited_ms < 20000; waited_ms += 5) {
      if (fs::exists(part) && fs::file_size(part, ignored) > 256 * 1024) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(pid, sig);
    const Exit stopped = wait(pid);
    if (stopped.status == 0) {
      GTEST_SKIP() << "the run finished before the signal; make it longer";
    }
    if (sig == SIGINT) {
      EXPECT_EQ(stopped.status, 130) << stopped.output;
      EXPECT_NE(stopped.output.find("interrupted after"), std::string::npos) << stopped.output;
      EXPECT_NE(stopped.output.find("--resume"), std::string::npos) << stopped.output;
    } else {
      EXPECT_EQ(stopped.status, 128 + SIGKILL);
    }
    EXPECT_FALSE(fs::exists(out));
    ASSERT_TRUE(fs::exists(out.string() + ".part")) << stopped.output;
    with_output.push_back("--resume");
    const Exit resumed = run(with_output);
    ASSERT_EQ(resumed.status, 0) << resumed.output;
    EXPECT_FALSE(fs::exists(out.string() + ".part"));
    EXPECT_FALSE(fs::exists(out.string() + ".lock"));
    expect_same_data(reference, out);
  }

  fs::path dir_;
  fs::path log_;
  int launches_ = 0;
  std::string saved_data_dir_;
  bool restore_data_dir_ = false;
};

}  // namespace rampart::engine
