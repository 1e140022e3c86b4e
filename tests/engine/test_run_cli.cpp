// `rampart run` and `rampart replay` through the built binary with the real model: identical
// files at any thread count, SIGINT/SIGKILL then --resume give the uninterrupted data, replay
// matches (and catches a changed value), every refused request exits 2 and leaves no file.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bit>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "cli_process.hpp"
#include "rampart/io/h5.hpp"
#include "rampart/io/mantissa_rounding.hpp"
#include "rampart/io/output_lock.hpp"
#include "rampart/io/results_reader.hpp"
#include "rampart/scenarios/calibration_data.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/sim/model.hpp"

namespace rampart::engine {
namespace {

using RunCliTest = CliProcessTest;

TEST_F(RunCliTest, ThreadCountsGiveByteIdenticalFiles) {
  for (const char* threads : {"1", "2", "4"}) {
    const auto out = dir_ / (std::string("t") + threads + ".h5");
    const Exit e =
        run({"run", "baseline", "--runs", "300", "--threads", threads, "-o", out.string()});
    ASSERT_EQ(e.status, 0) << e.output;
  }
  const std::string one = bytes_of(dir_ / "t1.h5");
  EXPECT_TRUE(one == bytes_of(dir_ / "t2.h5"));
  EXPECT_TRUE(one == bytes_of(dir_ / "t4.h5"));
  const ResultsReader reader(dir_ / "t1.h5");
  EXPECT_EQ(reader.string_attribute("command"), "rampart run baseline --runs 300 --seed " +
                                                    std::to_string(reader.seed()) + " --horizon " +
                                                    std::to_string(reader.horizon()));
}

TEST_F(RunCliTest, SigintAndSigkillThenResumeGiveTheUninterruptedData) {
  const std::vector<std::string> args = {"run",  "baseline",  "hague_5pct", "--runs",
                                         "4000", "--threads", "2",          "--quiet"};
  std::vector<std::string> whole = args;
  whole.insert(whole.end(), {"-o", (dir_ / "whole.h5").string()});
  ASSERT_EQ(run(whole).status, 0);
  interrupt_and_resume(SIGINT, dir_ / "whole.h5", args);
  interrupt_and_resume(SIGKILL, dir_ / "whole.h5", args);
}

// --compression none: the same values as deflate (read through HDF5), chunked datasets with no
// filters, the analysis scan reads them to the same statistics, and a run killed part-way resumes
// to the uninterrupted data.
TEST_F(RunCliTest, UncompressedFilesHoldTheSameDataAndResume) {
  const std::vector<std::string> args = {"run", "baseline", "--runs", "4000", "--threads",
                                         "2",   "--quiet",  "--seed", "11",   "--compression",
                                         "none"};
  const auto deflated = dir_ / "deflate.h5";
  const auto plain = dir_ / "none.h5";
  std::vector<std::string> deflate_args(args.begin(), args.end() - 2);
  deflate_args.insert(deflate_args.end(), {"-o", deflated.string()});
  ASSERT_EQ(run(deflate_args).status, 0);
  std::vector<std::string> plain_args = args;
  plain_args.insert(plain_args.end(), {"-o", plain.string()});
  ASSERT_EQ(run(plain_args).status, 0);
  expect_same_data(deflated, plain);
  {
    const ResultsReader reader(plain);
    EXPECT_EQ(reader.string_attribute("compression"), "none");
    EXPECT_EQ(reader.string_attribute("format_version"), "1.5");
    const h5::Handle gdp(H5Dopen2(reader.file(), "state/gdp", H5P_DEFAULT), "open");
    const h5::Handle plist(H5Dget_create_plist(gdp.id()), "plist");
    EXPECT_EQ(H5Pget_nfilters(plist.id()), 0);
  }
  EXPECT_EQ(ResultsReader(deflated).string_attribute("compression"), "deflate");
  EXPECT_GT(fs::file_size(plain), fs::file_size(deflated));
  // The analysis scan decodes both kinds of chunk to the same table (after its title line,
  // which names the file).
  const auto table = [&](const fs::path& file) {
    const Exit e = run({"summarize", file.string(), "--var", "gdp", "--years", "all"});
    EXPECT_EQ(e.status, 0) << e.output;
    return e.output.substr(e.output.find('\n'));
  };
  EXPECT_EQ(table(deflated), table(plain));
  interrupt_and_resume(SIGKILL, plain, args);
}

// --keep-bits: the file holds exactly the full-precision values rounded (every state and world
// value, bit for bit), everything else unchanged; it is smaller, the same at any thread count,
// says what it keeps, and replays.
TEST_F(RunCliTest, KeepBitsStoresTheRoundedValuesInASmallerFileThatReplays) {
  const std::vector<std::string> args = {"run",    "baseline", "--runs", "600",
                                         "--seed", "11",       "--quiet"};
  const auto with = [&](std::vector<std::string> extra, const fs::path& out) {
    std::vector<std::string> a = args;
    a.insert(a.end(), extra.begin(), extra.end());
    a.insert(a.end(), {"-o", out.string()});
    const Exit e = run(a);
    EXPECT_EQ(e.status, 0) << e.output;
  };
  const auto full = dir_ / "full.h5";
  with({"--threads", "2"}, full);
  const Exit exact_summary = run({"summarize", full.string(), "--var", "gdp", "--years", "2030"});
  EXPECT_EQ(exact_summary.output.find("mantissa bits"), std::string::npos) << exact_summary.output;
  for (const int keep : {15, 7}) {
    const auto one = dir_ / ("k" + std::to_string(keep) + "-1.h5");
    const auto two = dir_ / ("k" + std::to_string(keep) + "-2.h5");
    with({"--threads", "1", "--keep-bits", std::to_string(keep)}, one);
    with({"--threads", "2", "--keep-bits", std::to_string(keep)}, two);
    EXPECT_TRUE(bytes_of(one) == bytes_of(two)) << keep;
    // Two whole planes of four dropped at 7 bits, one at 15.
    EXPECT_LT(fs::file_size(one), fs::file_size(full) * (keep == 7 ? 45 : 80) / 100) << keep;

    const ResultsReader exact(full);
    const ResultsReader rounded(one);
    EXPECT_EQ(rounded.keep_bits(), keep);
    EXPECT_EQ(exact.keep_bits(), kAllMantissaBits);
    EXPECT_EQ(rounded.string_attribute("format_version"), "1.5");
    EXPECT_EQ(rounded.string_attribute("command"),
              exact.string_attribute("command") + " --keep-bits " + std::to_string(keep));
    std::size_t changed = 0;
    for (std::int64_t r = 0; r < 600; ++r) {
      for (std::size_t v = 0; v < sim::kNumStateVars; ++v) {
        auto want = exact.state(static_cast<sim::StateVar>(v), 0, r);
        const auto original = want;
        round_mantissas(want, keep);
        const auto got = rounded.state(static_cast<sim::StateVar>(v), 0, r);
        ASSERT_EQ(got.size(), want.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
          ASSERT_EQ(std::bit_cast<std::uint32_t>(got[i]), std::bit_cast<std::uint32_t>(want[i]))
              << "state " << v << " run " << r << " value " << i;
          changed += static_cast<std::size_t>(got[i] != original[i]);
        }
      }
      for (std::size_t v = 0; v < sim::kNumWorldVars; ++v) {
        auto want = exact.world(static_cast<sim::WorldVar>(v), 0, r);
        round_mantissas(want, keep);
        const auto got = rounded.world(static_cast<sim::WorldVar>(v), 0, r);
        ASSERT_EQ(got.size(), want.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
          ASSERT_EQ(std::bit_cast<std::uint32_t>(got[i]), std::bit_cast<std::uint32_t>(want[i]))
              << "world " << v << " run " << r << " value " << i;
        }
      }
      // Parameters and summaries (NaN for "never") are stored exactly.
      ASSERT_EQ(rounded.parameters(0, r), exact.parameters(0, r)) << r;
      for (std::size_t v = 0; v < sim::kNumSummaryVars; ++v) {
        ASSERT_EQ(
            std::bit_cast<std::uint32_t>(rounded.summary(static_cast<sim::SummaryVar>(v), 0, r)),
            std::bit_cast<std::uint32_t>(exact.summary(static_cast<sim::SummaryVar>(v), 0, r)))
            << "summary " << v << " run " << r;
      }
    }
    EXPECT_GT(changed, 100000U) << keep;  // the rounding did change the values
    // The analysis says what the file keeps.
    const Exit summary = run({"summarize", one.string(), "--var", "gdp", "--years", "2030"});
    EXPECT_EQ(summary.status, 0) << summary.output;
    EXPECT_NE(summary.output.find("rounded to " + std::to_string(keep) + " mantissa bits"),
              std::string::npos)
        << summary.output;
    const Exit replay = run({"replay", one.string(), "--run", "17"});
    EXPECT_EQ(replay.status, 0) << replay.output;
    EXPECT_NE(replay.output.find("match"), std::string::npos) << replay.output;
  }
  // A stored keep_bits that is no float's mantissa bits is a damaged file: one message, exit 1
  // (as for the other attributes that contradict the format).
  const auto damaged = dir_ / "damaged.h5";
  fs::copy_file(dir_ / "k7-1.h5", damaged);
  {
    const h5::Handle file(H5Fopen(damaged.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    h5::write_attribute(file.id(), "keep_bits", std::int64_t{30});
  }
  for (const std::vector<std::string>& reader_command :
       {std::vector<std::string>{"summarize", damaged.string(), "--var", "gdp"},
        std::vector<std::string>{"replay", damaged.string(), "--run", "1"}}) {
    const Exit refused = run(reader_command);
    EXPECT_EQ(refused.status, 1) << reader_command.front() << "\n" << refused.output;
    EXPECT_NE(refused.output.find("keep_bits 30"), std::string::npos) << refused.output;
  }
}

TEST_F(RunCliTest, AWriteErrorExits1AndLeavesAResumablePartialFile) {
  const std::vector<std::string> args = {"run", "baseline", "--runs", "3000", "--quiet"};
  std::vector<std::string> whole = args;
  whole.insert(whole.end(), {"-o", (dir_ / "whole.h5").string()});
  ASSERT_EQ(run(whole).status, 0);

  const fs::path out = dir_ / "full.h5";
  std::vector<std::string> with_output = args;
  with_output.insert(with_output.end(), {"-o", out.string()});
  const Exit full = wait(start(with_output, 4 << 20));  // the "disk" fills at 4 MiB
  EXPECT_EQ(full.status, 1) << full.output;
  EXPECT_NE(full.output.find("rampart run: error: "), std::string::npos) << full.output;
  EXPECT_NE(full.output.find("--resume"), std::string::npos) << full.output;
  EXPECT_FALSE(fs::exists(out));
  ASSERT_TRUE(fs::exists(out.string() + ".part"));
  EXPECT_FALSE(fs::exists(out.string() + ".lock"));

  with_output.push_back("--resume");
  const Exit resumed = run(with_output);
  ASSERT_EQ(resumed.status, 0) << resumed.output;
  expect_same_data(dir_ / "whole.h5", out);
}

TEST_F(RunCliTest, ReplayMatchesAndCatchesAChangedValue) {
  const auto out = dir_ / "r.h5";
  ASSERT_EQ(run({"run", "baseline", "us_transactional", "--runs", "20", "-o", out.string()}).status,
            0);
  for (const char* r : {"0", "19"}) {
    const Exit e = run({"replay", out.string(), "--run", r, "--scenario", "us_transactional"});
    EXPECT_EQ(e.status, 0) << e.output;
    EXPECT_NE(e.output.find("of us_transactional: match ("), std::string::npos) << e.output;
  }
  {
    // Change one stored value of run 5: replay must report it.
    const h5::Handle file(H5Fopen(out.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    const h5::Handle ds(H5Dopen2(file.id(), "state/spending_share", H5P_DEFAULT), "open");
    const h5::Handle space(H5Dget_space(ds.id()), "space");
    const hsize_t start[4] = {0, 5, 3, 7};
    const hsize_t count[4] = {1, 1, 1, 1};
    H5Sselect_hyperslab(space.id(), H5S_SELECT_SET, start, nullptr, count, nullptr);
    const h5::Handle memory(H5Screate_simple(4, count, nullptr), "memory");
    const float changed = 0.123F;
    ASSERT_GE(H5Dwrite(ds.id(), H5T_NATIVE_FLOAT, memory.id(), space.id(), H5P_DEFAULT, &changed),
              0);
  }
  const Exit bad = run({"replay", out.string(), "--run", "5"});
  EXPECT_EQ(bad.status, 1) << bad.output;
  // Named by year and country (index 3, 7 of [year][country]), not by a flat index.
  const std::string country = ResultsReader(out).strings("country").at(7);
  EXPECT_NE(bad.output.find("state/spending_share[2027, " + country + "]: stored 0.123"),
            std::string::npos)
      << bad.output;
  EXPECT_EQ(run({"replay", out.string(), "--run", "6"}).status, 0);
  EXPECT_EQ(run({"replay", out.string(), "--run", "20"}).status, 2);
  EXPECT_EQ(run({"replay", out.string(), "--run", "1", "--scenario", "nope"}).status, 2);
}

// The file stores the calibration files' text: after the library's data change, replay still
// matches from the file alone and says the data differ; --library-data shows what the change
// does, value by value.
TEST_F(RunCliTest, ReplayUsesTheCalibrationDataStoredInTheFile) {
  const fs::path library = use_library_copy();
  const fs::path countries_csv = library / "data" / "countries_2024.csv";
  const auto out = dir_ / "r.h5";
  ASSERT_EQ(run({"run", "baseline", "--runs", "8", "-o", out.string()}).status, 0);
  {
    const ResultsReader reader(out);
    const auto stored = reader.calibration_data();
    ASSERT_TRUE(stored.has_value());
    ASSERT_EQ(stored->files.size(), scenarios::calibration_file_paths().size());
    for (const auto path : scenarios::calibration_file_paths()) {
      const std::string* text = stored->text_of(path);
      ASSERT_NE(text, nullptr) << path;
      EXPECT_EQ(*text, bytes_of(library / path)) << path;
    }
  }
  // Germany's 2024 GDP (the fifth column) raised by a tenth in the library.
  std::string text = bytes_of(countries_csv);
  const auto row = text.find("\nDEU,");
  ASSERT_NE(row, std::string::npos);
  std::size_t field = row + 1;
  for (int comma = 0; comma < 4; ++comma) field = text.find(',', field) + 1;
  const std::size_t end = text.find(',', field);
  const double gdp = std::stod(text.substr(field, end - field));
  text.replace(field, end - field, std::to_string(gdp * 1.1));
  std::ofstream(countries_csv, std::ios::binary | std::ios::trunc) << text;

  const Exit same = run({"replay", out.string(), "--run", "3"});
  EXPECT_EQ(same.status, 0) << same.output;
  EXPECT_NE(same.output.find("of baseline: match ("), std::string::npos) << same.output;
  EXPECT_NE(same.output.find("the calibration data differ from the file's "
                             "(data/countries_2024.csv in "),
            std::string::npos)
      << same.output;

  const Exit changed = run({"replay", out.string(), "--run", "3", "--library-data"});
  EXPECT_EQ(changed.status, 1) << changed.output;
  EXPECT_NE(changed.output.find("state/gdp[2024, DEU]: stored "), std::string::npos)
      << changed.output;

  // A file without stored data (format 1.0) is replayed with the library's, and says so.
  {
    const h5::Handle file(H5Fopen(out.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    ASSERT_GE(H5Ldelete(file.id(), "calibration_text", H5P_DEFAULT), 0);
    ASSERT_GE(H5Ldelete(file.id(), "calibration_file", H5P_DEFAULT), 0);
  }
  const Exit old = run({"replay", out.string(), "--run", "3"});
  EXPECT_EQ(old.status, 1) << old.output;
  EXPECT_NE(old.output.find("does not store its calibration data"), std::string::npos)
      << old.output;
}

// A file records its model version; a file of another version (or of none: format <= 1.1) is
// replayed with this build's model, with a note that says why values may differ.
TEST_F(RunCliTest, ReplaySaysWhenTheFileIsFromAnotherModelVersion) {
  const auto out = dir_ / "m.h5";
  ASSERT_EQ(run({"run", "baseline", "--runs", "4", "-o", out.string()}).status, 0);
  EXPECT_EQ(ResultsReader(out).model_version(), sim::kModelVersion);
  const Exit same = run({"replay", out.string(), "--run", "1"});
  EXPECT_EQ(same.status, 0) << same.output;
  EXPECT_EQ(same.output.find("model version"), std::string::npos) << same.output;
  {
    const h5::Handle file(H5Fopen(out.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    h5::write_attribute(file.id(), "model_version", std::int64_t{2});
  }
  const Exit older = run({"replay", out.string(), "--run", "1"});
  EXPECT_NE(older.output.find("was written by model version 2; this build runs model version " +
                              std::to_string(sim::kModelVersion)),
            std::string::npos)
      << older.output;
  {
    const h5::Handle file(H5Fopen(out.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    ASSERT_GE(H5Adelete(file.id(), "model_version"), 0);
  }
  EXPECT_EQ(ResultsReader(out).model_version(), 0);
  const Exit unrecorded = run({"replay", out.string(), "--run", "1"});
  EXPECT_NE(unrecorded.output.find("model version 2 or earlier (not recorded before format 1.2)"),
            std::string::npos)
      << unrecorded.output;
}

TEST_F(RunCliTest, ReplayRefusesAnotherMajorFormatVersion) {
  const auto out = dir_ / "v.h5";
  ASSERT_EQ(run({"run", "baseline", "--runs", "4", "-o", out.string()}).status, 0);
  {
    const h5::Handle file(H5Fopen(out.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    h5::write_attribute(file.id(), "format_version", std::string_view("2.0"));
  }
  const Exit e = run({"replay", out.string(), "--run", "0"});
  EXPECT_EQ(e.status, 2) << e.output;
  EXPECT_NE(e.output.find("format version 2.0"), std::string::npos) << e.output;
}

TEST_F(RunCliTest, RefusedRequestsExit2AndLeaveNoFile) {
  const std::string out = (dir_ / "x.h5").string();
  std::ofstream(dir_ / "later.toml")
      << "name = \"later\"\ndescription = \"d\"\nview = \"v\"\n"
         "extends = \""
      << (fs::path(RAMPART_SOURCE_DIR) / "scenarios" / "baseline.toml").string()
      << "\"\nhorizon = 2040\n";
  const std::vector<std::vector<std::string>> refused = {
      {"run", "baseline", "--runs", "0", "-o", out},
      {"run", "baseline", "--runs", "-5", "-o", out},
      {"run", "baseline", "--threads", "0", "-o", out},
      {"run", "baseline", "--horizon", "2024", "-o", out},
      {"run", "baseline", "--horizon", "2051", "-o", out},
      {"run", "baseline", "--runs", "abc", "-o", out},
      {"run", "baseline", "-o", (dir_ / "no_such_dir" / "x.h5").string()},
      {"run", "baseline", "--resume", "-o", out},
      {"run", "baseline", "baseline", "-o", out},
      {"run", "no_such_scenario", "-o", out},
      {"run", "baseline", (dir_ / "later.toml").string(), "-o", out},
      {"run", "baseline", "--compression", "lz4", "-o", out},
      {"run", "baseline", "--compression", "none", "--no-output", "-o", out},
      {"run", "baseline", "--keep-bits", "0", "-o", out},
      {"run", "baseline", "--keep-bits", "24", "-o", out},
      {"run", "baseline", "--keep-bits", "ten", "-o", out},
      {"run", "baseline", "--keep-bits", "7", "--no-output", "-o", out},
  };
  for (const auto& args : refused) {
    const Exit e = run(args);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    EXPECT_EQ(e.status, 2) << joined << "\n" << e.output;
    EXPECT_NE(e.output.find("error"), std::string::npos) << joined << "\n" << e.output;
    EXPECT_TRUE(outputs().empty()) << joined << " left " << ::testing::PrintToString(outputs());
  }
  // Different horizons are fine once --horizon chooses one.
  EXPECT_EQ(run({"run", "baseline", (dir_ / "later.toml").string(), "--horizon", "2030", "--runs",
                 "3", "-o", out})
                .status,
            0);
}

TEST_F(RunCliTest, ExistingOutputNeedsForceAndResumeMustMatch) {
  const std::string out = (dir_ / "x.h5").string();
  ASSERT_EQ(run({"run", "baseline", "--runs", "8", "-o", out}).status, 0);
  const std::string before = bytes_of(out);
  const Exit exists = run({"run", "baseline", "--runs", "8", "-o", out});
  EXPECT_EQ(exists.status, 2);
  EXPECT_NE(exists.output.find("--force"), std::string::npos) << exists.output;
  EXPECT_TRUE(bytes_of(out) == before);
  EXPECT_EQ(run({"run", "baseline", "--runs", "8", "--seed", "5", "-o", out, "--force"}).status, 0);

  // A partial file from another request: --resume names the difference and changes nothing.
  fs::rename(out, out + ".part");
  {
    const h5::Handle file(H5Fopen((out + ".part").c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    h5::write_attribute(file.id(), "status", std::string_view("partial"));
  }
  const std::string partial = bytes_of(out + ".part");
  const Exit other_seed =
      run({"run", "baseline", "--runs", "8", "--seed", "6", "-o", out, "--resume"});
  EXPECT_EQ(other_seed.status, 2) << other_seed.output;
  EXPECT_NE(other_seed.output.find("seed differs"), std::string::npos) << other_seed.output;
  const Exit other_scenario =
      run({"run", "hague_5pct", "--runs", "8", "--seed", "5", "-o", out, "--resume"});
  EXPECT_EQ(other_scenario.status, 2) << other_scenario.output;
  const Exit other_compression = run({"run", "baseline", "--runs", "8", "--seed", "5",
                                      "--compression", "none", "-o", out, "--resume"});
  EXPECT_EQ(other_compression.status, 2) << other_compression.output;
  EXPECT_NE(other_compression.output.find("compression differs"), std::string::npos)
      << other_compression.output;
  const Exit other_bits = run(
      {"run", "baseline", "--runs", "8", "--seed", "5", "--keep-bits", "7", "-o", out, "--resume"});
  EXPECT_EQ(other_bits.status, 2) << other_bits.output;
  EXPECT_NE(other_bits.output.find("keep_bits differs"), std::string::npos) << other_bits.output;
  EXPECT_TRUE(bytes_of(out + ".part") == partial);
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(out + ".lock"));
}

TEST_F(RunCliTest, NoScenarioRunsTheDefaultSet) {
  const auto out = dir_ / "default.h5";
  const Exit e = run({"run", "--runs", "3", "--quiet", "-o", out.string()});
  ASSERT_EQ(e.status, 0) << e.output;
  EXPECT_EQ(e.output, "");  // --quiet
  std::vector<std::string> expected;
  for (const auto& f : scenarios::default_scenario_set()) expected.push_back(f.stem().string());
  ASSERT_FALSE(expected.empty());
  const ResultsReader reader(out);
  EXPECT_EQ(reader.scenario_names(), expected);
  std::string names;
  for (const auto& n : expected) names += " " + n;
  EXPECT_EQ(reader.string_attribute("command").rfind("rampart run" + names + " --runs 3 ", 0), 0U)
      << reader.string_attribute("command");
  EXPECT_EQ(run({"run", "--help"}).status, 0);
}

TEST_F(RunCliTest, NoOutputSimulatesAndWritesNothing) {
  const Exit e = run({"run", "baseline", "--runs", "50", "--threads", "2", "--no-output", "-o",
                      (dir_ / "n.h5").string()});
  EXPECT_EQ(e.status, 0) << e.output;
  EXPECT_NE(e.output.find("50 of 50 runs in "), std::string::npos) << e.output;
  EXPECT_TRUE(outputs().empty()) << ::testing::PrintToString(outputs());
}

TEST_F(RunCliTest, ASecondWriterOfTheSameOutputIsRefused) {
  const fs::path out = dir_ / "busy.h5";
  const OutputLock held(out);
  const Exit e = run({"run", "baseline", "--runs", "4", "-o", out.string()});
  EXPECT_EQ(e.status, 2) << e.output;
  EXPECT_NE(e.output.find("another rampart process (pid " + std::to_string(::getpid())),
            std::string::npos)
      << e.output;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(out.string() + ".part"));
}

}  // namespace
}  // namespace rampart::engine
