// The HDF5 results file with the fake model: layout, byte-identical files at 1/2/4 threads,
// stop + resume and kill + resume give the uninterrupted data, the lock, format refusal.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "fake_model.hpp"
#include "rampart/engine/run_to_file.hpp"
#include "rampart/io/output_lock.hpp"
#include "rampart/io/results_merge.hpp"
#include "rampart/io/results_reader.hpp"
#include "rampart/io/results_writer.hpp"
#include "results_compare.hpp"

namespace rampart::engine {
namespace {

namespace fs = std::filesystem;

class ResultsFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rampart_engine_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static ResultsHeader header(std::int64_t runs, std::uint64_t seed = 11) {
    ResultsHeader h;
    h.scenario_names = {"alpha", "beta"};
    h.scenario_tomls = {"name = \"alpha\"\n", "name = \"beta\"\n"};
    h.country_iso3 = {"AAA", "BBB", "CCC"};
    h.country_names = {"Aland", "Bland", "Cland"};
    h.calibration_files = {{"data/countries_2024.csv", "iso3,country\nAAA,Aland\n"},
                           {"data/history/accessions.csv", "iso3\n"}};
    h.seed = seed;
    h.runs = runs;
    h.horizon = 2030;
    h.block_runs = default_block_runs(runs);
    h.command = "rampart run alpha beta --runs " + std::to_string(runs);
    h.rampart_version = "0.1.0";
    h.git_sha = "test";
    h.created = creation_timestamp();
    return h;
  }
  static sim::RecordShape shape(const ResultsHeader& h) {
    return sim::RecordShape{h.years(), static_cast<int>(h.country_iso3.size())};
  }

  RunToFileOutcome run(const fs::path& out, const ResultsHeader& h, int threads,
                       bool resume = false, const std::atomic<bool>* stop = nullptr,
                       std::function<void(std::int64_t)> on_block = {}) {
    RunToFileRequest request{h, shape(h), out, resume, threads, stop, {}, std::move(on_block), {}};
    return run_to_file(request, testing::fake_run);
  }

  static std::string bytes_of(const fs::path& p) { return testing::bytes_of(p); }
  static void expect_same_data(const fs::path& a, const fs::path& b) {
    testing::expect_same_data(a, b);
  }

  fs::path dir_;
};

TEST_F(ResultsFileTest, StoresWhatTheModelProduced) {
  const auto h = header(50);
  const auto outcome = run(dir_ / "r.h5", h, 2);
  ASSERT_TRUE(outcome.complete);
  EXPECT_EQ(outcome.runs_done, 100);
  EXPECT_FALSE(fs::exists(dir_ / "r.h5.part"));
  EXPECT_FALSE(fs::exists(dir_ / "r.h5.lock"));

  const ResultsReader reader(dir_ / "r.h5");
  EXPECT_EQ(reader.string_attribute("status"), "complete");
  EXPECT_EQ(reader.string_attribute("format_version"), "1.5");
  EXPECT_EQ(reader.string_attribute("compression"), "deflate");
  EXPECT_EQ(reader.model_version(), rampart::sim::kModelVersion);
  EXPECT_EQ(reader.string_attribute("created"), "2023-11-14T22:13:20Z");
  EXPECT_EQ(reader.seed(), 11U);
  EXPECT_EQ(reader.runs(), 50);
  EXPECT_EQ(reader.scenario_names(), h.scenario_names);
  EXPECT_EQ(reader.scenario_tomls(), h.scenario_tomls);
  EXPECT_EQ(reader.strings("country"), h.country_iso3);
  const auto data = reader.calibration_data();
  ASSERT_TRUE(data.has_value());
  EXPECT_EQ(data->files, h.calibration_files);
  EXPECT_EQ(data->origin, (dir_ / "r.h5").string() + ":calibration_text");
  EXPECT_EQ(read_results_header(reader.file()).calibration_files, h.calibration_files);

  // Recompute run 37 of scenario 1 and compare every series.
  BlockBuffer buffer(shape(h), 1);
  buffer.assign(1, 37, 1);
  testing::fake_run(1, sim::RunRng(11, 37), buffer.parameters(0), buffer.view(0));
  const auto gdp = reader.state(sim::StateVar::Capability, 1, 37);
  const auto expected = buffer.state(sim::StateVar::Capability);
  EXPECT_EQ(gdp, std::vector<float>(expected.begin(), expected.end()));
  const auto threat = reader.world(sim::WorldVar::Threat, 1, 37);
  const auto expected_threat = buffer.world(sim::WorldVar::Threat);
  EXPECT_EQ(threat, std::vector<float>(expected_threat.begin(), expected_threat.end()));
  const auto codes = reader.codes(sim::WorldCode::CrisisOutcome, 1, 37);
  const auto expected_codes = buffer.codes(sim::WorldCode::CrisisOutcome);
  EXPECT_EQ(codes, std::vector<std::int8_t>(expected_codes.begin(), expected_codes.end()));
  EXPECT_EQ(reader.summary(sim::SummaryVar::ThreatEnd, 1, 37),
            buffer.summary(0, sim::SummaryVar::ThreatEnd));
  const auto params = reader.parameters(1, 37);
  EXPECT_EQ(params, std::vector<double>(buffer.parameters(0).values.begin(),
                                        buffer.parameters(0).values.end()));
  const auto events = reader.events(1, 37);
  ASSERT_EQ(events.size(), buffer.events(0).size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].year, buffer.events(0)[i].year);
    EXPECT_EQ(events[i].value, buffer.events(0)[i].value);
  }
}

TEST_F(ResultsFileTest, ReadsOneValueOfEveryRun) {
  const auto h = header(21);
  ASSERT_TRUE(run(dir_ / "r.h5", h, 2).complete);
  const ResultsReader reader(dir_ / "r.h5");
  const auto gdp = reader.state_over_runs(sim::StateVar::Gdp, 1, 4, 2);
  const auto threat = reader.world_over_runs(sim::WorldVar::Threat, 1, 4);
  const auto war = reader.codes_over_runs(sim::WorldCode::WarState, 1, 4);
  const auto crises = reader.summary_over_runs(sim::SummaryVar::Crises, 1);
  const auto param = reader.parameter_over_runs(3, 1);
  ASSERT_EQ(gdp.size(), 21U);
  ASSERT_EQ(param.size(), 21U);
  for (std::int64_t r = 0; r < 21; ++r) {
    const auto i = static_cast<std::size_t>(r);
    EXPECT_EQ(gdp[i], reader.state(sim::StateVar::Gdp, 1, r)[4 * 3 + 2]) << r;
    EXPECT_EQ(threat[i], reader.world(sim::WorldVar::Threat, 1, r)[4]) << r;
    EXPECT_EQ(war[i], reader.codes(sim::WorldCode::WarState, 1, r)[4]) << r;
    EXPECT_EQ(crises[i], reader.summary(sim::SummaryVar::Crises, 1, r)) << r;
    EXPECT_EQ(param[i], reader.parameters(1, r)[3]) << r;
  }
  EXPECT_THROW((void)reader.state_over_runs(sim::StateVar::Gdp, 2, 0, 0), std::out_of_range);
  EXPECT_THROW((void)reader.state_over_runs(sim::StateVar::Gdp, 0, 7, 0), std::out_of_range);
}

TEST_F(ResultsFileTest, FilesAreByteIdenticalAcrossThreadCounts) {
  const auto h = header(70);
  run(dir_ / "t1.h5", h, 1);
  run(dir_ / "t2.h5", h, 2);
  run(dir_ / "t4.h5", h, 4);
  const std::string one = bytes_of(dir_ / "t1.h5");
  ASSERT_FALSE(one.empty());
  EXPECT_EQ(one, bytes_of(dir_ / "t2.h5"));
  EXPECT_EQ(one, bytes_of(dir_ / "t4.h5"));
}

TEST_F(ResultsFileTest, StopThenResumeGivesTheUninterruptedData) {
  const auto h = header(90);
  run(dir_ / "whole.h5", h, 2);

  std::atomic<bool> stop{false};
  int blocks = 0;
  const auto first = run(dir_ / "split.h5", h, 2, false, &stop, [&](std::int64_t) {
    if (++blocks == 4) stop = true;
  });
  EXPECT_FALSE(first.complete);
  EXPECT_EQ(first.path, dir_ / "split.h5.part");
  EXPECT_FALSE(fs::exists(dir_ / "split.h5"));
  {
    const ResultsReader partial(dir_ / "split.h5.part");
    EXPECT_EQ(partial.string_attribute("status"), "partial");
    EXPECT_GE(partial.int_attribute("blocks_done"), 4);
  }
  const auto second = run(dir_ / "split.h5", h, 4, true);
  EXPECT_TRUE(second.complete);
  EXPECT_EQ(second.runs_before, first.runs_done);
  expect_same_data(dir_ / "whole.h5", dir_ / "split.h5");
}

// A partial file a kill left unreadable (here: garbage over its middle, where the chunks are) is
// found on resume; the run starts again and still ends with the uninterrupted data.
TEST_F(ResultsFileTest, ResumeStartsOverWhenThePartialFileIsDamaged) {
  const auto h = header(2000);
  run(dir_ / "whole.h5", h, 2);
  std::atomic<bool> stop{false};
  int blocks = 0;
  run(dir_ / "damaged.h5", h, 2, false, &stop, [&](std::int64_t) {
    if (++blocks == 8) stop = true;
  });
  const fs::path part = dir_ / "damaged.h5.part";
  ASSERT_TRUE(fs::exists(part));
  {
    std::fstream file(part, std::ios::in | std::ios::out | std::ios::binary);
    const auto size = static_cast<std::streamoff>(fs::file_size(part));
    file.seekp(size / 2);
    const std::string garbage(static_cast<std::size_t>(size / 4), '\xa5');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  std::string warning;
  RunToFileRequest request{h, shape(h), dir_ / "damaged.h5", true, 2, nullptr, {}, {}, {}};
  request.on_damaged_partial = [&](const std::string& why) { warning = why; };
  const auto resumed = run_to_file(request, testing::fake_run);
  EXPECT_TRUE(resumed.complete);
  EXPECT_EQ(resumed.runs_before, 0);
  EXPECT_NE(warning.find("damaged"), std::string::npos) << warning;
  expect_same_data(dir_ / "whole.h5", dir_ / "damaged.h5");
}

// A child writes blocks serially and is SIGKILLed at some moment; resuming the partial file
// must give exactly the uninterrupted data whatever the moment was.
TEST_F(ResultsFileTest, KillAtAnyMomentThenResumeGivesTheUninterruptedData) {
  const auto h = header(2000);
  run(dir_ / "whole.h5", h, 2);
  std::vector<std::int64_t> blocks_at_kill;
  // Each kill waits for the child to report `blocks` written blocks (through a pipe, so the
  // moment does not depend on how fast this build runs), then `delay_us` more.
  const std::pair<int, int> moments[] = {{0, 0}, {1, 0}, {2, 300}, {5, 100}, {9, 0}};
  for (const auto& [blocks, delay_us] : moments) {
    const std::string tag = std::to_string(blocks) + "_" + std::to_string(delay_us);
    const fs::path out = dir_ / ("killed" + tag + ".h5");
    std::array<int, 2> progress{};
    ASSERT_EQ(::pipe(progress.data()), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(progress[0]);
      // No TBB here: the child only uses the writer, block after block, forever.
      auto writer = ResultsWriter::create(partial_path(out), h);
      RunPlan plan{h.scenario_names.size(), h.runs, h.block_runs, h.seed, shape(h)};
      BlockBuffer buffer(plan.shape, plan.block_runs);
      for (std::int64_t item = 0;; item = (item + 1) % plan.total_blocks()) {
        if (writer.blocks_done() == plan.total_blocks()) ::pause();
        const std::int64_t b = writer.blocks_done() % plan.blocks_per_scenario();
        const auto s = static_cast<std::size_t>(writer.blocks_done() / plan.blocks_per_scenario());
        const std::int64_t first_run = b * plan.block_runs;
        buffer.assign(
            s, first_run,
            static_cast<int>(std::min<std::int64_t>(plan.block_runs, h.runs - first_run)));
        for (int j = 0; j < buffer.runs(); ++j) {
          testing::fake_run(s, sim::RunRng(h.seed, static_cast<std::uint64_t>(first_run + j)),
                            buffer.parameters(j), buffer.view(j));
        }
        writer.write_block(buffer);
        (void)!::write(progress[1], "b", 1);
        (void)item;
      }
    }
    ::close(progress[1]);
    char byte = 0;
    for (int seen = 0; seen < blocks && ::read(progress[0], &byte, 1) == 1; ++seen) {
    }
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
    ::kill(child, SIGKILL);
    ::close(progress[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!fs::exists(partial_path(out))) {
      // Killed while creating: the file was still under its temporary name.
      EXPECT_THROW(run(out, h, 2, true), ResumeMismatch);
      continue;
    }
    {
      const ResultsReader killed(partial_path(out));
      blocks_at_kill.push_back(killed.int_attribute("blocks_done"));
    }
    const auto resumed = run(out, h, 2, true);
    EXPECT_TRUE(resumed.complete) << tag;
    expect_same_data(dir_ / "whole.h5", out);
  }
  // At least one kill must have landed mid-run, or this test tested nothing.
  const RunPlan plan{2, h.runs, h.block_runs, h.seed, shape(h)};
  EXPECT_TRUE(std::any_of(blocks_at_kill.begin(), blocks_at_kill.end(), [&](std::int64_t b) {
    return b > 0 && b < plan.total_blocks();
  })) << ::testing::PrintToString(blocks_at_kill);
}

// The pipeline compresses chunks itself (H5Dwrite_chunk); a writer given unencoded blocks lets
// HDF5's filters do it. Both must store the same values.
TEST_F(ResultsFileTest, PreEncodedChunksStoreWhatHdf5FiltersStore) {
  const auto h = header(37);  // blocks of 4: the last block of each scenario is short
  run(dir_ / "encoded.h5", h, 2);
  {
    auto writer = ResultsWriter::create(dir_ / "filtered.h5", h);
    const RunPlan plan{h.scenario_names.size(), h.runs, h.block_runs, h.seed, shape(h)};
    const WriteBlock write = [&](const BlockBuffer& b) {
      EXPECT_TRUE(b.encoded().empty());
      writer.write_block(b);
    };
    ASSERT_TRUE(run_pipeline(plan, testing::fake_run, write, {2, 0, nullptr, {}}).complete);
    writer.finish();
  }
  expect_same_data(dir_ / "encoded.h5", dir_ / "filtered.h5");
}

// The analysis scan's read-ahead hints need the descriptor HDF5 reads a results file through;
// a hint for a chunk that is not there (past the last run) is ignored, not an error.
TEST_F(ResultsFileTest, ReadAheadHintsReachTheFileDescriptor) {
  run(dir_ / "r.h5", header(37), 1);
  const ResultsReader reader(dir_ / "r.h5");
  const int fd = h5::file_descriptor(reader.file());
  ASSERT_GE(fd, 0);
  const h5::Handle gdp(H5Dopen2(reader.file(), "state/gdp", H5P_DEFAULT), "open");
  h5::prefetch_chunk(gdp.id(), {0, 0, 0, 0}, fd);
  h5::prefetch_chunk(gdp.id(), {0, 4000, 0, 0}, fd);
  h5::prefetch_chunk(gdp.id(), {0, 0, 0, 0}, -1);
  EXPECT_EQ(reader.state_over_runs(sim::StateVar::Gdp, 0, 0, 0).size(), 37U);
}

// The writer closes and reopens the file when its metadata cache grows (memory flat in --runs).
// With the limit at one byte it reopens after every commit: the data are unchanged, the bytes
// are still the same at any thread count, and stop + resume still gives the uninterrupted data.
TEST_F(ResultsFileTest, ReopeningTheFileAfterEveryCommitChangesNoData) {
  const auto h = header(3000);
  const auto plain = run(dir_ / "plain.h5", h, 2);
  EXPECT_EQ(plain.file_reopens, 0);  // a small file stays under the default limit

  auto reopening = [&](const fs::path& out, int threads, bool resume = false,
                       const std::atomic<bool>* stop = nullptr,
                       std::function<void(std::int64_t)> on_block = {}) {
    RunToFileRequest request{h, shape(h), out, resume, threads, stop, {}, std::move(on_block), {}};
    request.metadata_cache_limit = 1;
    return run_to_file(request, testing::fake_run);
  };
  const auto one = reopening(dir_ / "t1.h5", 1);
  EXPECT_GE(one.file_reopens, 10);
  reopening(dir_ / "t4.h5", 4);
  const std::string bytes = bytes_of(dir_ / "t1.h5");
  ASSERT_FALSE(bytes.empty());
  EXPECT_EQ(bytes, bytes_of(dir_ / "t4.h5"));
  expect_same_data(dir_ / "plain.h5", dir_ / "t1.h5");

  std::atomic<bool> stop{false};
  const std::int64_t total_blocks = 2 * ((h.runs + h.block_runs - 1) / h.block_runs);
  std::int64_t blocks = 0;
  const auto first = reopening(dir_ / "split.h5", 2, false, &stop, [&](std::int64_t) {
    if (++blocks == total_blocks / 2) stop = true;
  });
  ASSERT_FALSE(first.complete);
  EXPECT_GT(first.file_reopens, 0);
  EXPECT_TRUE(reopening(dir_ / "split.h5", 2, true).complete);
  expect_same_data(dir_ / "plain.h5", dir_ / "split.h5");
}

// Merging shards reopens the merged file at the same commits as one process does, so the two
// files are still byte-identical when reopening happens.
TEST_F(ResultsFileTest, MergedShardsEqualOneProcessWhenTheWriterReopens) {
  auto h = header(3000);
  RunToFileRequest whole{h, shape(h), dir_ / "whole.h5", false, 2, nullptr, {}, {}, {}};
  whole.metadata_cache_limit = 1;
  ASSERT_GT(run_to_file(whole, testing::fake_run).file_reopens, 0);

  const std::int64_t blocks_per_scenario = (h.runs + h.block_runs - 1) / h.block_runs;
  const std::int64_t total_blocks = 2 * blocks_per_scenario;
  MergeRequest merge;
  for (int k = 0; k < 3; ++k) {
    auto part = h;
    part.shard = make_shard(k, 3, total_blocks);
    const fs::path out = dir_ / ("part" + std::to_string(k) + ".h5");
    RunToFileRequest request{part, shape(part), out, false, 1, nullptr, {}, {}, {}};
    ASSERT_TRUE(run_to_file(request, testing::fake_run).complete);
    merge.parts.push_back(out);
  }
  merge.output = dir_ / "merged.h5";
  merge.metadata_cache_limit = 1;
  EXPECT_GT(merge_parts(merge).file_reopens, 0);
  const std::string bytes = bytes_of(dir_ / "whole.h5");
  ASSERT_FALSE(bytes.empty());
  EXPECT_EQ(bytes, bytes_of(dir_ / "merged.h5"));
}

// Ctrl-C while the run scale of a huge request is written (8 bytes a run, 128 MiB here):
// creation stops at once and leaves nothing (it used to write the whole scale first).
TEST_F(ResultsFileTest, StopWhileCreatingAHugeFileLeavesNothing) {
  std::atomic<bool> stop{true};
  const auto start = std::chrono::steady_clock::now();
  const RunToFileOutcome outcome =
      run(dir_ / "huge.h5", header(std::int64_t{1} << 24), 1, false, &stop);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  EXPECT_FALSE(outcome.complete);
  EXPECT_TRUE(outcome.path.empty());
  EXPECT_TRUE(fs::is_empty(dir_));
}

// Ctrl-C during a merge: it stops before the next block and removes its own partial file.
TEST_F(ResultsFileTest, StoppedMergeLeavesNothing) {
  auto h = header(600);
  const std::int64_t total_blocks = 2 * ((h.runs + h.block_runs - 1) / h.block_runs);
  MergeRequest merge;
  for (int k = 0; k < 2; ++k) {
    auto part = h;
    part.shard = make_shard(k, 2, total_blocks);
    const fs::path out = dir_ / ("part" + std::to_string(k) + ".h5");
    RunToFileRequest request{part, shape(part), out, false, 1, nullptr, {}, {}, {}};
    ASSERT_TRUE(run_to_file(request, testing::fake_run).complete);
    merge.parts.push_back(out);
  }
  merge.output = dir_ / "merged.h5";
  std::atomic<bool> stop{false};
  merge.stop = &stop;
  merge.on_block = [&](std::int64_t, std::int64_t) { stop = true; };
  EXPECT_FALSE(merge_parts(merge).complete);
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    left.push_back(entry.path().filename().string());
  }
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{"part0.h5", "part1.h5"}));
}

TEST_F(ResultsFileTest, ResumeRefusesAnotherRequest) {
  std::atomic<bool> stop{true};
  run(dir_ / "r.h5", header(40, 11), 1, false, &stop);
  ASSERT_TRUE(fs::exists(dir_ / "r.h5.part"));
  try {
    run(dir_ / "r.h5", header(40, 12), 1, true);
    FAIL() << "resume with another seed was accepted";
  } catch (const ResumeMismatch& e) {
    EXPECT_NE(std::string(e.what()).find("seed differs"), std::string::npos) << e.what();
  }
  auto other = header(40, 11);
  other.scenario_tomls[1] = "name = \"beta\"\nhorizon = 2031\n";
  EXPECT_THROW(run(dir_ / "r.h5", other, 1, true), ResumeMismatch);
  EXPECT_THROW(run(dir_ / "r.h5", header(41, 11), 1, true), ResumeMismatch);
  EXPECT_THROW(run(dir_ / "none.h5", header(40, 11), 1, true), ResumeMismatch);
  auto other_data = header(40, 11);
  other_data.calibration_files[0].text += "BBB,Bland\n";
  try {
    run(dir_ / "r.h5", other_data, 1, true);
    FAIL() << "resume with other calibration data was accepted";
  } catch (const ResumeMismatch& e) {
    EXPECT_NE(std::string(e.what()).find("calibration data"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(run(dir_ / "r.h5", header(40, 11), 1, true).complete);
}

TEST_F(ResultsFileTest, LockRefusesASecondWriter) {
  const fs::path out = dir_ / "locked.h5";
  {
    const OutputLock held(out);
    EXPECT_TRUE(fs::exists(dir_ / "locked.h5.lock"));
    EXPECT_THROW(OutputLock{out}, OutputBusy);
    try {
      run(out, header(10), 1);
      FAIL() << "a second writer was allowed";
    } catch (const OutputBusy& e) {
      EXPECT_NE(std::string(e.what()).find(std::to_string(::getpid())), std::string::npos)
          << e.what();
    }
  }
  EXPECT_FALSE(fs::exists(dir_ / "locked.h5.lock"));
  EXPECT_TRUE(run(out, header(10), 1).complete);
}

TEST_F(ResultsFileTest, ReadersRefuseAnotherMajorVersionOrAnotherFileType) {
  const fs::path out = dir_ / "v.h5";
  std::atomic<bool> stop{true};
  run(out, header(10), 1, false, &stop);
  {
    const h5::Handle file(H5Fopen(partial_path(out).c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    h5::write_attribute(file.id(), "format_version", std::string_view("2.0"));
  }
  EXPECT_THROW(ResultsReader{partial_path(out)}, FormatError);
  EXPECT_THROW(run(out, header(10), 1, true), FormatError);
  {
    const h5::Handle file(H5Fopen(partial_path(out).c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    h5::write_attribute(file.id(), "format_version", std::string_view("1.7"));
  }
  EXPECT_NO_THROW(ResultsReader{partial_path(out)});
  {
    const h5::Handle file(
        H5Fcreate((dir_ / "other.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), "create");
  }
  EXPECT_THROW(ResultsReader{dir_ / "other.h5"}, FormatError);
  std::ofstream(dir_ / "text.h5") << "not hdf5";
  EXPECT_THROW(ResultsReader{dir_ / "text.h5"}, FormatError);
}

TEST_F(ResultsFileTest, WriteErrorsBecomeTypedExceptions) {
  EXPECT_THROW(ResultsWriter::create(dir_ / "missing" / "r.h5", header(10)), H5Error);
}

}  // namespace
}  // namespace rampart::engine
