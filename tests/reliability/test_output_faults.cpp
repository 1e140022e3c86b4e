// The output side of every command that writes (issue 13), through the built binary: special
// files and folders in the way of an output, names the file system cannot hold, run counts past
// the file format, requests larger than the free space, negative unsigned options, another
// job's partial file in the way of a merge, and a merge that hits a write error. Each must end
// in one clear message with exit 2 (a bad request) or 1 (a failure), leave what was there
// untouched and leave nothing of its own behind. Every request is tiny: the suite takes seconds.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "../engine/cli_process.hpp"

namespace rampart::engine {
namespace {

// A run of a few seconds' hundredth; `runs` replaced where a test needs another count.
std::vector<std::string> tiny_run(const std::string& runs = "4") {
  return {"run", "baseline", "--runs", runs, "--horizon", "2027", "--quiet"};
}
const std::vector<std::string> kTinyRun = tiny_run();

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

std::string joined(const std::vector<std::string>& args) {
  std::string text;
  for (const auto& a : args) text += a + " ";
  return text;
}

class OutputFaultTest : public CliProcessTest {
 protected:
  // The names in the test folder other than logs: what a command created or left behind.
  std::set<std::string> entries() const {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      const auto name = entry.path().filename().string();
      if (name.rfind("log", 0) != 0) names.insert(name);
    }
    return names;
  }

  // Runs `args`, which must be refused (exit 2) with `message` in the output and nothing
  // created or removed in the test folder.
  void expect_refused(const std::vector<std::string>& args, const std::string& message) {
    const auto before = entries();
    const Exit e = run(args);
    EXPECT_EQ(e.status, 2) << joined(args) << "\n" << e.output;
    EXPECT_NE(e.output.find(message), std::string::npos) << joined(args) << "\n" << e.output;
    EXPECT_EQ(e.output.find("filesystem error"), std::string::npos) << e.output;
    EXPECT_EQ(entries(), before) << joined(args);
  }

  fs::path good_results() {
    const fs::path good = dir_ / "good.h5";
    if (!fs::exists(good)) {
      const Exit e = run(with(kTinyRun, {"-o", good.string()}));
      EXPECT_EQ(e.status, 0) << e.output;
    }
    return good;
  }

  // The two shard parts of a tiny run, for merges.
  std::vector<std::string> tiny_parts() {
    std::vector<std::string> parts;
    for (int k = 0; k < 2; ++k) {
      const fs::path part = dir_ / ("p" + std::to_string(k) + ".h5");
      if (!fs::exists(part)) {
        const Exit e =
            run(with(tiny_run("600"), {"--shard", std::to_string(k) + "/2", "-o", part.string()}));
        EXPECT_EQ(e.status, 0) << e.output;
      }
      parts.push_back(part.string());
    }
    return parts;
  }
};

// A device node and a FIFO as the output of every command that writes, --force or not: exit 2
// naming the problem, and the node is still the node (it used to be replaced by a regular file).
TEST_F(OutputFaultTest, SpecialFilesAreNeverReplacedByAnyWriter) {
  const fs::path good = good_results();
  const auto parts = tiny_parts();
  const fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  std::vector<fs::path> specials = {fifo};
  // A character device of our own (the null device's numbers) in the test folder; only root
  // may make one.
  const fs::path node = dir_ / "node";
  if (::mknod(node.c_str(), S_IFCHR | 0644, makedev(1, 3)) == 0) specials.push_back(node);
  const std::string sweep = (fs::path(RAMPART_TEST_DATA_DIR) / "sweeps" / "base.toml").string();
  fs::create_directories(dir_ / "seminar");
  ASSERT_EQ(::mkfifo((dir_ / "seminar" / "report.html").c_str(), 0644), 0);
  const std::string not_regular = "is not a regular file";
  for (const auto& special : specials) {
    const std::string out = special.string();
    expect_refused(with(kTinyRun, {"-o", out}), not_regular);
    expect_refused(with(kTinyRun, {"-o", out, "--force"}), not_regular);
    expect_refused({"sweep", sweep, "-o", out, "--force"}, not_regular);
    expect_refused({"merge", parts[0], parts[1], "-o", out, "--force"}, not_regular);
    expect_refused({"report", good.string(), "-o", out}, not_regular);
  }
  // The side files too: a FIFO where the partial file would go.
  ASSERT_EQ(::mkfifo((dir_ / "side.h5.part").c_str(), 0644), 0);
  expect_refused(with(kTinyRun, {"-o", (dir_ / "side.h5").string(), "--force"}), not_regular);
  expect_refused({"seminar", "-o", (dir_ / "seminar").string()}, not_regular);
  struct stat info {};
  ASSERT_EQ(::stat(fifo.c_str(), &info), 0);
  EXPECT_TRUE(S_ISFIFO(info.st_mode));
  if (specials.size() > 1) {
    ASSERT_EQ(::stat(node.c_str(), &info), 0);
    EXPECT_TRUE(S_ISCHR(info.st_mode));
  }
}

// A folder as the output: refused before any work (it used to fail at the final rename, and
// --resume repeated it), leaving no partial file.
TEST_F(OutputFaultTest, AFolderAsOutputIsRefusedBeforeTheWork) {
  const fs::path good = good_results();
  const fs::path folder = dir_ / "folder";
  fs::create_directories(folder);
  expect_refused(with(kTinyRun, {"-o", folder.string(), "--force"}), "is a folder");
  expect_refused(with(kTinyRun, {"-o", folder.string(), "--resume"}), "is a folder");
  expect_refused({"report", good.string(), "-o", folder.string()}, "is a folder");
  expect_refused({"merge", good.string(), "-o", folder.string(), "--force"}, "is a folder");
  EXPECT_TRUE(fs::is_empty(folder));
}

// An empty name, a name too long once '.part.new' is added, and run counts past what the file
// format holds: exit 2 in the project's words, nothing left behind (they used to exit 1 with a
// raw "filesystem error" or "size of dataset's storage overflowed" and leave .part files).
TEST_F(OutputFaultTest, UnusableNamesAndRunCountsAreRefusedAndLeaveNothing) {
  expect_refused(with(kTinyRun, {"-o", ""}), "the output file name is empty");
  const std::string long_name = std::string(250, 'a') + ".h5";
  expect_refused(with(kTinyRun, {"-o", (dir_ / long_name).string()}), "bytes long");
  expect_refused({"report", "good.h5", "-o", (dir_ / (long_name + ".html")).string()},
                 "bytes long");
  // At horizon 2027 (4 years, 36 countries) the cap is 2^63 / (4 x 36 x 4 bytes), 1.6e16 runs.
  for (const std::string runs : {"9223372036854775807", "20000000000000000"}) {
    expect_refused(with(tiny_run(runs), {"-o", (dir_ / "x.h5").string()}),
                   "is more than a results file holds: at most");
    expect_refused(with(tiny_run(runs), {"--estimate", "-o", (dir_ / "x.h5").string()}),
                   "is more than a results file holds: at most");
  }
}

// Boost reads "-1" into an unsigned option as 18446744073709551615; every unsigned option of
// the shared parser refuses it instead.
TEST_F(OutputFaultTest, NegativeValuesOfUnsignedOptionsAreRefused) {
  expect_refused(with(kTinyRun, {"--seed", "-1", "-o", (dir_ / "x.h5").string()}),
                 "--seed must not be negative (got -1)");
  expect_refused(with(kTinyRun, {"--seed=-7", "-o", (dir_ / "x.h5").string()}),
                 "--seed must not be negative");
  expect_refused({"trace", "baseline", "--run", "-1"}, "--run must not be negative");
  expect_refused({"summarize", "x.h5", "--max-memory", "-1"}, "--max-memory must not be negative");
  expect_refused({"run", "baseline", "--resume", "--no-output"}, "--no-output");
}

// A merge into FILE while an interrupted run's FILE.part is there: refused naming it, and the
// partial file (maybe days of work) is untouched, --force or not. A killed merge's own leftover
// needs --force. A merge that hits a write error exits 1 (it used to end in SIGSEGV at exit),
// leaving the previous FILE as it was and no partial file.
TEST_F(OutputFaultTest, MergeKeepsOtherJobsPartialsAndItsOutputIntactOnAWriteError) {
  const auto parts = tiny_parts();
  const fs::path out = dir_ / "w.h5";
  const fs::path run_partial = out.string() + ".part";
  fs::copy_file(parts[0], run_partial);  // stands in for an interrupted run's partial file
  const std::string partial_bytes = bytes_of(run_partial);
  for (const bool force : {false, true}) {
    std::vector<std::string> args = {"merge", parts[0], parts[1], "-o", out.string()};
    if (force) args.emplace_back("--force");
    expect_refused(args,
                   run_partial.string() + ": error: is the partial file of an interrupted run");
    EXPECT_EQ(bytes_of(run_partial), partial_bytes);
  }
  fs::remove(run_partial);

  const fs::path stale = out.string() + ".merge.part";
  std::ofstream(stale) << "left by a killed merge";
  expect_refused({"merge", parts[0], parts[1], "-o", out.string()}, "pass --force to discard it");
  // Nor may a run touch a merge's partial file, --force or not.
  expect_refused(with(kTinyRun, {"-o", out.string(), "--force"}),
                 "of an interrupted 'rampart merge'");
  const Exit forced = run({"merge", parts[0], parts[1], "-o", out.string(), "--force", "-q"});
  ASSERT_EQ(forced.status, 0) << forced.output;
  EXPECT_FALSE(fs::exists(stale));

  // The same merge again under a file size limit of half the merged file.
  const std::string previous = bytes_of(out);
  const auto limit = static_cast<rlim_t>(previous.size() / 2);
  const Exit limited =
      wait(start({"merge", parts[0], parts[1], "-o", out.string(), "--force"}, limit));
  EXPECT_EQ(limited.status, 1) << limited.output;
  EXPECT_NE(limited.output.find("rampart merge: error: "), std::string::npos) << limited.output;
  EXPECT_EQ(bytes_of(out), previous);
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_FALSE(fs::exists(out.string() + ".merge.part.new"));
  EXPECT_FALSE(fs::exists(out.string() + ".lock"));
}

// SIGINT while a merge copies blocks: exit 130, nothing left (no partial file, no lock, no
// output), the parts untouched; the same merge then completes. A merge of test-sized parts
// takes about 0.1 s, so the signal is sent as soon as its partial file appears; a merge that
// finishes first is tried again, and the test is skipped if none could be caught.
TEST_F(OutputFaultTest, SigintDuringAMergeLeavesNothingAndTheMergeCompletesAfterwards) {
  std::vector<std::string> parts;
  for (int k = 0; k < 2; ++k) {
    const fs::path part = dir_ / ("big" + std::to_string(k) + ".h5");
    const Exit e = run({"run", "baseline", "--runs", "1500", "--horizon", "2040", "--quiet",
                        "--shard", std::to_string(k) + "/2", "-o", part.string()});
    ASSERT_EQ(e.status, 0) << e.output;
    parts.push_back(part.string());
  }
  const std::string part_bytes = bytes_of(parts[0]);
  const fs::path out = dir_ / "merged.h5";
  const fs::path partial = out.string() + ".merge.part";
  bool caught = false;
  for (int attempt = 0; attempt < 5 && !caught; ++attempt) {
    fs::remove(out);
    const pid_t pid = start({"merge", parts[0], parts[1], "-o", out.string(), "-q"});
    for (int waited_us = 0; waited_us < 5000000 && !fs::exists(partial) && !fs::exists(out);
         waited_us += 200) {
      ::usleep(200);
    }
    ::kill(pid, SIGINT);
    const Exit e = wait(pid);
    if (e.status == 0) continue;  // finished before the signal
    caught = true;
    EXPECT_EQ(e.status, 130) << e.output;
    EXPECT_NE(e.output.find("interrupted; nothing was written"), std::string::npos) << e.output;
    for (const auto* suffix : {"", ".merge.part", ".merge.part.new", ".lock"}) {
      EXPECT_FALSE(fs::exists(out.string() + suffix)) << suffix;
    }
  }
  EXPECT_EQ(bytes_of(parts[0]), part_bytes);
  const Exit done = run({"merge", parts[0], parts[1], "-o", out.string(), "-q", "--force"});
  ASSERT_EQ(done.status, 0) << done.output;
  if (!caught) GTEST_SKIP() << "every merge finished before the signal";
}

// A 16 MiB tmpfs in a private mount namespace: a request whose file cannot fit is refused before
// anything is written (exit 2, naming --no-space-check); --estimate of a huge request writes
// nothing and returns at once (it used to build the whole run scale, 8 bytes a run).
TEST_F(OutputFaultTest, RequestsLargerThanTheFreeSpaceAreRefusedBeforeWriting) {
  const fs::path mount_point = dir_ / "tiny";
  fs::create_directories(mount_point);
  const std::string script =
      "mount -t tmpfs -o size=16m tmpfs \"$1\" || exit 99; touch \"$2\"; B=$3; M=$1; "
      "$B run baseline --runs 3000000 --horizon 2027 -q -o \"$M/big.h5\"; echo \"rc1=$?\"; "
      "$B run baseline --runs 1000000000000000 --horizon 2027 --threads 1 --estimate "
      "-o \"$M/e.h5\"; "
      "echo \"rc2=$?\"; $B run baseline --runs 8 --horizon 2027 -q --no-space-check "
      "-o \"$M/small.h5\"; echo \"rc3=$?\"; ls -A \"$M\"; echo end";
  const fs::path mounted = dir_ / "mounted";
  const Exit e = wait(
      start_program("/usr/bin/unshare", {"-r", "-m", "sh", "-c", script, "sh", mount_point.string(),
                                         mounted.string(), RAMPART_BINARY}));
  if (!fs::exists(mounted)) {
    GTEST_SKIP() << "cannot mount a private tmpfs here (unshare -r -m): " << e.output;
  }
  EXPECT_NE(e.output.find("rc1=2"), std::string::npos) << e.output;
  EXPECT_NE(e.output.find("--no-space-check"), std::string::npos) << e.output;
  EXPECT_NE(e.output.find("rc2=0"), std::string::npos) << e.output;
  EXPECT_NE(e.output.find("estimate for 1000000000000000 runs"), std::string::npos) << e.output;
  EXPECT_NE(e.output.find("rc3=0"), std::string::npos) << e.output;
  // Only the small file is left on the tmpfs.
  const auto listing = e.output.find("rc3=0\n");
  ASSERT_NE(listing, std::string::npos) << e.output;
  EXPECT_EQ(e.output.substr(listing + 6), "small.h5\nend\n") << e.output;
}

}  // namespace
}  // namespace rampart::engine
