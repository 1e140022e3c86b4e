// --shard K/N and `rampart merge` through the built binary: the merged file is byte-identical
// to a one-process run (runs and sweeps, parts given in any order, shards run at other thread
// counts); a killed shard resumes; merge refuses missing, repeated, unfinished, damaged and
// foreign parts with exit 2, naming the part, and leaves no output; a part is not readable as
// a results file.

#include <gtest/gtest.h>
#include <signal.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "../engine/cli_process.hpp"
#include "rampart/io/errors.hpp"
#include "rampart/io/h5.hpp"
#include "rampart/io/results_reader.hpp"

namespace rampart::engine {
namespace {

using MergeTest = CliProcessTest;

const std::vector<std::string> kRun = {
    "run",    "baseline", "us_disengagement", "--runs", "150",
    "--seed", "11",       "--horizon",        "2032",   "--quiet"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

class ShardedRun : public MergeTest {
 protected:
  // The one-process reference and the N part files of the same request.
  fs::path reference() {
    const fs::path out = dir_ / "reference.h5";
    const Exit e = run(with(kRun, {"--threads", "2", "-o", out.string()}));
    EXPECT_EQ(e.status, 0) << e.output;
    return out;
  }
  std::vector<fs::path> parts(int count, const std::string& prefix = "part") {
    std::vector<fs::path> files;
    for (int k = 0; k < count; ++k) {
      const fs::path out = dir_ / (prefix + std::to_string(k) + ".h5");
      const std::string shard = std::to_string(k) + "/" + std::to_string(count);
      const Exit e = run(with(kRun, {"--threads", "1", "--shard", shard, "-o", out.string()}));
      EXPECT_EQ(e.status, 0) << e.output;
      files.push_back(out);
    }
    return files;
  }
  Exit merge(const std::vector<fs::path>& files, const fs::path& out,
             const std::vector<std::string>& more = {}) {
    std::vector<std::string> args = {"merge"};
    for (const auto& f : files) args.push_back(f.string());
    args.insert(args.end(), {"-o", out.string()});
    args.insert(args.end(), more.begin(), more.end());
    return run(args);
  }
  // A refused merge: exit 2, the message names `part` and says `problem`; no output left.
  void expect_refused(const Exit& e, const fs::path& out, const fs::path& part,
                      const std::string& problem) {
    EXPECT_EQ(e.status, 2) << e.output;
    EXPECT_NE(e.output.find(part.string()), std::string::npos) << e.output;
    EXPECT_NE(e.output.find(problem), std::string::npos) << e.output;
    EXPECT_FALSE(fs::exists(out));
    EXPECT_FALSE(fs::exists(out.string() + ".part"));
    EXPECT_FALSE(fs::exists(out.string() + ".part.new"));
    EXPECT_FALSE(fs::exists(out.string() + ".merge.part"));
    EXPECT_FALSE(fs::exists(out.string() + ".merge.part.new"));
    EXPECT_FALSE(fs::exists(out.string() + ".lock"));
  }
};

TEST_F(ShardedRun, MergedPartsEqualOneProcessByteForByte) {
  const fs::path ref = reference();
  auto files = parts(3);
  const fs::path merged = dir_ / "merged.h5";
  // Any order on the command line: the shard attributes decide the order.
  const Exit e = merge({files[2], files[0], files[1]}, merged);
  ASSERT_EQ(e.status, 0) << e.output;
  EXPECT_NE(e.output.find("merged 3 parts"), std::string::npos) << e.output;
  EXPECT_EQ(bytes_of(merged), bytes_of(ref));
  expect_same_data(ref, merged);
  // The parts keep the whole job's command, and say which blocks they hold.
  const h5::Handle part(H5Fopen(files[1].c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open part");
  EXPECT_EQ(h5::read_string_attribute(part.id(), "shard"), "1/3");
  EXPECT_EQ(h5::read_string_attribute(part.id(), "command"),
            ResultsReader(ref).string_attribute("command"));
  EXPECT_GT(h5::read_int_attribute(part.id(), "shard_end_block"),
            h5::read_int_attribute(part.id(), "shard_first_block"));
}

TEST_F(ShardedRun, MoreShardsThanBlocksStillMerge) {
  // One scenario of 150 runs is 10 blocks of 16 runs: 12 shards leave two of them empty.
  const std::vector<std::string> small = {"run",     "baseline",  "--runs",    "150",
                                          "--seed",  "4",         "--horizon", "2030",
                                          "--quiet", "--threads", "1"};
  const fs::path ref = dir_ / "reference.h5";
  ASSERT_EQ(run(with(small, {"-o", ref.string()})).status, 0);
  constexpr int kShards = 12;
  std::vector<fs::path> files;
  for (int k = 0; k < kShards; ++k) {
    files.push_back(dir_ / ("p" + std::to_string(k) + ".h5"));
    const Exit e = run(with(small, {"--shard", std::to_string(k) + "/" + std::to_string(kShards),
                                    "-o", files.back().string()}));
    ASSERT_EQ(e.status, 0) << e.output;
  }
  const fs::path merged = dir_ / "merged.h5";
  ASSERT_EQ(merge(files, merged).status, 0);
  EXPECT_EQ(bytes_of(merged), bytes_of(ref));
}

TEST_F(ShardedRun, SweepShardsMergeToTheOneProcessFile) {
  const auto base = (fs::path(RAMPART_SOURCE_DIR) / "scenarios" / "baseline.toml").string();
  const fs::path sweep = dir_ / "grid.toml";
  std::ofstream(sweep) << "name = \"grid\"\nbase = \"" << base
                       << "\"\nseed = 5\nreplicates = 20\n\n[design]\ntype = "
                          "\"full_factorial\"\n\n[[factors]]\nparameter = "
                          "\"us.presence_floor\"\nvalues = [0.0, 0.3, 0.6]\n";
  const fs::path ref = dir_ / "sweep.h5";
  ASSERT_EQ(run({"sweep", sweep.string(), "--horizon", "2030", "-q", "-o", ref.string()}).status,
            0);
  std::vector<fs::path> files;
  for (int k = 0; k < 2; ++k) {
    files.push_back(dir_ / ("s" + std::to_string(k) + ".h5"));
    const Exit e = run({"sweep", sweep.string(), "--horizon", "2030", "-q", "--threads", "1",
                        "--shard", std::to_string(k) + "/2", "-o", files.back().string()});
    ASSERT_EQ(e.status, 0) << e.output;
  }
  const fs::path merged = dir_ / "merged.h5";
  ASSERT_EQ(merge(files, merged).status, 0);
  EXPECT_EQ(bytes_of(merged), bytes_of(ref));
}

// Chunks that span points (a sweep of many points, few replicates) split into shards by block.
TEST_F(ShardedRun, SweepShardsOfSharedChunksMerge) {
  const auto base = (fs::path(RAMPART_SOURCE_DIR) / "scenarios" / "baseline.toml").string();
  const fs::path sweep = dir_ / "lhs.toml";
  std::ofstream(sweep) << "name = \"lhs\"\nbase = \"" << base
                       << "\"\nseed = 5\nreplicates = 3\n\n[design]\ntype = "
                          "\"latin_hypercube\"\npoints = 100\n\n[[factors]]\nparameter = "
                          "\"us.presence_floor\"\nlow = 0.0\nhigh = 0.6\n";
  const fs::path ref = dir_ / "sweep.h5";
  ASSERT_EQ(run({"sweep", sweep.string(), "--horizon", "2028", "-q", "-o", ref.string()}).status,
            0);
  ASSERT_EQ(ResultsReader(ref).int_attribute("block_scenarios"), 4);
  std::vector<fs::path> files;
  for (int k = 0; k < 3; ++k) {
    files.push_back(dir_ / ("s" + std::to_string(k) + ".h5"));
    const Exit e = run({"sweep", sweep.string(), "--horizon", "2028", "-q", "--threads", "2",
                        "--shard", std::to_string(k) + "/3", "-o", files.back().string()});
    ASSERT_EQ(e.status, 0) << e.output;
  }
  const fs::path merged = dir_ / "merged.h5";
  ASSERT_EQ(merge(files, merged).status, 0);
  EXPECT_EQ(bytes_of(merged), bytes_of(ref));
}

TEST_F(ShardedRun, KilledShardResumesAndMerges) {
  const std::vector<std::string> big = {"run", "baseline", "--runs",    "2000", "--seed",
                                        "3",   "--quiet",  "--threads", "2"};
  const fs::path ref = dir_ / "ref.h5";
  ASSERT_EQ(run(with(big, {"-o", ref.string()})).status, 0);
  const fs::path p0 = dir_ / "p0.h5";
  const fs::path p1 = dir_ / "p1.h5";
  ASSERT_EQ(run(with(big, {"--shard", "0/2", "-o", p0.string()})).status, 0);
  const auto shard1 = with(big, {"--shard", "1/2", "-o", p1.string()});
  const pid_t pid = start(shard1);
  const fs::path partial = p1.string() + ".part";
  std::error_code ignored;
  for (int waited_ms = 0; waited_ms < 20000; waited_ms += 5) {
    if (fs::exists(partial) && fs::file_size(partial, ignored) > 256 * 1024) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid, SIGKILL);
  if (wait(pid).status == 0) GTEST_SKIP() << "the shard finished before the kill";
  ASSERT_TRUE(fs::exists(partial));
  // An unfinished part is refused by merge, naming it...
  const fs::path merged = dir_ / "merged.h5";
  expect_refused(merge({p0, partial}, merged), merged, partial, "unfinished");
  // ...and resumed by the same command with --resume.
  const Exit resumed = run(with(shard1, {"--resume"}));
  ASSERT_EQ(resumed.status, 0) << resumed.output;
  ASSERT_EQ(merge({p0, p1}, merged).status, 0);
  EXPECT_EQ(bytes_of(merged), bytes_of(ref));
}

TEST_F(ShardedRun, RefusesMissingRepeatedForeignAndDamagedParts) {
  auto files = parts(3);
  const fs::path out = dir_ / "merged.h5";
  expect_refused(merge({files[0], files[2]}, out), out, files[0], "shard(s) 1/3 missing");
  expect_refused(merge({files[0], files[1], files[1], files[2]}, out), out, files[1],
                 "each shard must be given once");

  // Another seed: another request.
  const fs::path other = dir_ / "other.h5";
  std::vector<std::string> args = kRun;
  args[6] = "12";  // --seed
  ASSERT_EQ(run(with(args, {"--shard", "1/3", "-o", other.string()})).status, 0);
  expect_refused(merge({files[0], other, files[2]}, out), out, other, "seed differs");
  // The same request cut into another number of shards.
  const fs::path half = dir_ / "half.h5";
  ASSERT_EQ(run(with(kRun, {"--shard", "1/2", "-o", half.string()})).status, 0);
  expect_refused(merge({files[0], half, files[2]}, out), out, half, "shard count N differs");
  // The same request computed from other calibration data (the library changed in between).
  const fs::path library = use_library_copy();
  std::ofstream(library / "data" / "history" / "accessions.csv", std::ios::app) << "\n";
  const fs::path other_data = dir_ / "other_data.h5";
  ASSERT_EQ(run(with(kRun, {"--shard", "1/3", "-o", other_data.string()})).status, 0);
  expect_refused(merge({files[0], other_data, files[2]}, out), out, other_data,
                 "the calibration data differ");

  // A whole results file is not a part.
  const fs::path whole = dir_ / "whole.h5";
  ASSERT_EQ(run(with(kRun, {"-o", whole.string()})).status, 0);
  expect_refused(merge({whole}, out), out, whole, "not a shard part");

  // A truncated part, and one with a flipped byte inside a compressed chunk.
  const fs::path truncated = dir_ / "truncated.h5";
  fs::copy_file(files[1], truncated);
  fs::resize_file(truncated, fs::file_size(truncated) / 2);
  expect_refused(merge({files[0], truncated, files[2]}, out), out, truncated, "damaged");
  const fs::path flipped = dir_ / "flipped.h5";
  fs::copy_file(files[1], flipped);
  {
    // Where the part's first chunk of the parameters dataset lies in the file.
    haddr_t address = 0;
    hsize_t size = 0;
    {
      const h5::Handle file(H5Fopen(flipped.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open");
      const std::int64_t block = h5::read_int_attribute(file.id(), "shard_first_block");
      const std::int64_t block_runs = h5::read_int_attribute(file.id(), "block_runs");
      const std::int64_t runs = h5::read_int_attribute(file.id(), "runs");
      const std::int64_t per_scenario = (runs + block_runs - 1) / block_runs;
      const std::vector<hsize_t> offset{static_cast<hsize_t>(block / per_scenario),
                                        static_cast<hsize_t>((block % per_scenario) * block_runs),
                                        0};
      const h5::Handle ds(H5Dopen2(file.id(), "parameters", H5P_DEFAULT), "open parameters");
      unsigned mask = 0;
      ASSERT_GE(H5Dget_chunk_info_by_coord(ds.id(), offset.data(), &mask, &address, &size), 0);
      ASSERT_GT(size, 64U);
    }
    std::fstream f(flipped, std::ios::in | std::ios::out | std::ios::binary);
    const auto first = static_cast<std::streamoff>(address + size / 2);
    for (std::streamoff at = first; at < first + 16; ++at) {
      f.seekg(at);
      const int c = f.get();
      f.seekp(at);
      f.put(static_cast<char>(c ^ 0x5A));
    }
  }
  expect_refused(merge({files[0], flipped, files[2]}, out), out, flipped, "damaged");
  expect_refused(merge({files[0], dir_ / "absent.h5", files[2]}, out), out, dir_ / "absent.h5",
                 "no such part file");

  // An existing output needs --force.
  std::ofstream(out) << "x";
  EXPECT_EQ(merge(files, out).status, 2);
  EXPECT_EQ(bytes_of(out), "x");
  EXPECT_EQ(merge(files, out, {"--force", "-q"}).status, 0);
}

TEST_F(ShardedRun, PartIsNotReadAsAResultsFile) {
  const auto files = parts(2);
  try {
    const ResultsReader reader(files[0]);
    FAIL() << "a part was opened as a results file";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("rampart merge"), std::string::npos) << e.what();
  }
}

TEST_F(ShardedRun, RefusesBadShardOptions) {
  const fs::path out = dir_ / "x.h5";
  for (const std::string bad : {"3/3", "1", "a/2", "-1/2"}) {
    const Exit e = run(with(kRun, {"--shard", bad, "-o", out.string()}));
    EXPECT_EQ(e.status, 2) << bad << e.output;
    EXPECT_NE(e.output.find("--shard"), std::string::npos) << e.output;
  }
  EXPECT_EQ(run(with(kRun, {"--shard", "0/2", "--no-output"})).status, 2);
  EXPECT_TRUE(outputs().empty());
}

}  // namespace
}  // namespace rampart::engine
