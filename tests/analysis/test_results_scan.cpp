// ResultsScan against ResultsReader on a file written by the built `rampart` binary: every block's
// values equal the reader's, blocks come once each, partial files and foreign files are refused
// with clear messages.

#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "rampart/analysis/errors.hpp"
#include "rampart/analysis/results_scan.hpp"
#include "rampart/io/h5.hpp"
#include "rampart/io/results_reader.hpp"
#include "written_results.hpp"

namespace rampart::analysis {
namespace {

namespace fs = std::filesystem;
using test::scratch_dir;

// Two scenarios x 600 runs (blocks of 64 runs, the last of 24), horizon 2030: written once.
const fs::path& results_file() {
  static const fs::path file = test::write_results(
      "results_scan_two.h5", "baseline us_disengagement --runs 600 --horizon 2030 --seed 11");
  return file;
}

std::string message_of(const support::InputError& e) {
  return e.diagnostics().empty() ? e.what() : e.diagnostics().front().format();
}

// A copy of the results file with root attributes changed through the HDF5 C API.
fs::path edited_copy(const std::string& name, const std::string& status, std::int64_t blocks_done,
                     const std::string& format_version = "1.0") {
  const fs::path copy = scratch_dir() / name;
  fs::copy_file(results_file(), copy, fs::copy_options::overwrite_existing);
  const engine::h5::Handle file(H5Fopen(copy.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open copy");
  engine::h5::write_attribute(file.id(), "status", status);
  engine::h5::write_attribute(file.id(), "blocks_done", blocks_done);
  engine::h5::write_attribute(file.id(), "format_version", format_version);
  return copy;
}

TEST(ResultsScan, DescribesTheFile) {
  ASSERT_FALSE(results_file().empty()) << "rampart run failed";
  const ResultsScan scan(results_file());
  EXPECT_EQ(scan.scenario_names(), (std::vector<std::string>{"baseline", "us_disengagement"}));
  EXPECT_EQ(scan.scenario_dim(), "scenario");
  EXPECT_EQ(scan.years(), (std::vector<int>{2024, 2025, 2026, 2027, 2028, 2029, 2030}));
  ASSERT_EQ(scan.country_codes().size(), 36U);
  EXPECT_EQ(scan.country_codes().front(), scan.reader().strings("country").front());
  EXPECT_EQ(scan.parameter_names(), scan.reader().strings("parameter"));
  EXPECT_EQ(scan.runs(), 600);
  EXPECT_EQ(scan.block_runs(), scan.reader().int_attribute("block_runs"));
  EXPECT_EQ(scan.block_runs(), 64);
  EXPECT_FALSE(scan.partial());
  EXPECT_EQ(scan.complete_runs(0), 600);
  EXPECT_EQ(scan.complete_runs(1), 600);
  EXPECT_EQ(scan.partial_warning(), "");
  EXPECT_EQ(scan.scenario_index("us_disengagement"), 1U);
  EXPECT_EQ(scan.year_index(2027), 3);
}

TEST(ResultsScan, EveryBlockEqualsTheReader) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  const auto& reader = scan.reader();
  SeriesRequest request;
  request.state = {sim::StateVar::SpendingShare, sim::StateVar::Gdp};
  request.world = {sim::WorldVar::Threat};
  request.codes = {sim::WorldCode::CrisisOutcome};
  request.summary = {sim::SummaryVar::DeterrenceFailures};
  request.parameters = true;

  // Copies of every block, keyed by (scenario, first run); blocks may arrive on any thread.
  std::mutex mutex;
  std::map<std::pair<std::size_t, std::int64_t>, RunBlock> blocks;
  int visits = 0;
  scan.for_each_block_all(request, [&](const RunBlock& block) {
    const std::lock_guard lock(mutex);
    ++visits;
    blocks.emplace(std::make_pair(block.scenario, block.first_run), block);
  });
  ASSERT_EQ(visits, 20);
  ASSERT_EQ(blocks.size(), 20U);
  const int years = static_cast<int>(scan.years().size());
  const std::int64_t block_runs = scan.block_runs();
  for (std::size_t s = 0; s < 2; ++s) {
    for (std::int64_t first = 0; first < 600; first += block_runs) {
      const auto it = blocks.find({s, first});
      ASSERT_NE(it, blocks.end()) << "scenario " << s << " run " << first;
      EXPECT_EQ(it->second.runs, static_cast<int>(std::min<std::int64_t>(block_runs, 600 - first)));
      EXPECT_EQ(it->second.years, years);
      EXPECT_EQ(it->second.countries, 36);
    }
    auto block_of = [&](std::int64_t run) -> const RunBlock& {
      return blocks.at({s, run / block_runs * block_runs});
    };
    // Series at every year for a spread of countries, over every run.
    for (int y = 0; y < years; ++y) {
      for (const int c : {0, 7, 20, 35}) {
        for (const auto v : request.state) {
          const auto expected = reader.state_over_runs(v, s, y, c);
          for (std::int64_t r = 0; r < 600; ++r) {
            const RunBlock& b = block_of(r);
            ASSERT_EQ(b.state(v, static_cast<int>(r - b.first_run), y, c),
                      expected[static_cast<std::size_t>(r)]);
          }
        }
      }
      const auto threat = reader.world_over_runs(sim::WorldVar::Threat, s, y);
      const auto outcome = reader.codes_over_runs(sim::WorldCode::CrisisOutcome, s, y);
      for (std::int64_t r = 0; r < 600; ++r) {
        const RunBlock& b = block_of(r);
        const int local = static_cast<int>(r - b.first_run);
        ASSERT_EQ(b.world(sim::WorldVar::Threat, local, y), threat[static_cast<std::size_t>(r)]);
        ASSERT_EQ(b.code(sim::WorldCode::CrisisOutcome, local, y),
                  outcome[static_cast<std::size_t>(r)]);
      }
    }
    // Whole rows of a run at block edges; summaries and parameters of every run.
    for (const std::int64_t r : {0L, 63L, 64L, 511L, 576L, 599L}) {
      const RunBlock& b = block_of(r);
      const auto all = reader.state(sim::StateVar::SpendingShare, s, r);
      for (int y = 0; y < years; ++y) {
        const auto row =
            b.state_row(sim::StateVar::SpendingShare, static_cast<int>(r - b.first_run), y);
        ASSERT_EQ(row.size(), 36U);
        for (std::size_t c = 0; c < 36; ++c)
          ASSERT_EQ(row[c], all[static_cast<std::size_t>(y) * 36 + c]);
      }
      const auto params = reader.parameters(s, r);
      const auto got = b.parameters(static_cast<int>(r - b.first_run));
      ASSERT_EQ(std::vector<double>(got.begin(), got.end()), params);
    }
    const auto failures = reader.summary_over_runs(sim::SummaryVar::DeterrenceFailures, s);
    for (std::int64_t r = 0; r < 600; ++r) {
      const RunBlock& b = block_of(r);
      const float got =
          b.summary(sim::SummaryVar::DeterrenceFailures, static_cast<int>(r - b.first_run));
      const float want = failures[static_cast<std::size_t>(r)];
      ASSERT_TRUE(got == want || (std::isnan(got) && std::isnan(want)));
    }
  }
}

// A sweep of 100 points x 3 replicates, whose chunks hold 4 points each (block_scenarios).
const fs::path& shared_chunk_sweep() {
  static const fs::path file = [] {
    const fs::path toml = scratch_dir() / "shared_chunks.toml";
    const auto base = (fs::path(RAMPART_SOURCE_DIR) / "scenarios" / "baseline.toml").string();
    std::ofstream(toml) << "name = \"lhs\"\nbase = \"" << base
                        << "\"\nseed = 3\nreplicates = 3\n\n[design]\ntype = "
                           "\"latin_hypercube\"\npoints = 100\n\n[[factors]]\nparameter = "
                           "\"us.presence_floor\"\nlow = 0.0\nhigh = 0.6\n";
    const fs::path out = scratch_dir() / "shared_chunks.h5";
    const std::string command = std::string(RAMPART_BINARY) + " sweep " + toml.string() +
                                " --horizon 2028 --threads 2 --quiet -o " + out.string() + " > " +
                                out.string() + ".log 2>&1";
    return std::system(command.c_str()) == 0 ? out : fs::path();
  }();
  return file;
}

// Each point of a chunk that spans several arrives as a block of its own, holding its own runs.
TEST(ResultsScan, ChunksSpanningPointsArriveOnePointAtATime) {
  ASSERT_FALSE(shared_chunk_sweep().empty());
  const ResultsScan scan(shared_chunk_sweep());
  ASSERT_EQ(scan.block_scenarios(), 4);
  const auto& reader = scan.reader();
  SeriesRequest request;
  request.state = {sim::StateVar::Gdp};
  request.world = {sim::WorldVar::Threat};
  request.summary = {sim::SummaryVar::Crises};
  request.parameters = true;
  const auto expect_reader_values = [&](const RunBlock& b) {
    ASSERT_EQ(b.runs, 3);
    ASSERT_EQ(b.first_run, 0);
    for (std::int64_t r = 0; r < 3; ++r) {
      const int local = static_cast<int>(r);
      const auto gdp = reader.state(sim::StateVar::Gdp, b.scenario, r);
      for (int y = 0; y < b.years; ++y) {
        for (int c = 0; c < 36; ++c) {
          ASSERT_EQ(b.state(sim::StateVar::Gdp, local, y, c),
                    gdp[static_cast<std::size_t>(y * 36 + c)])
              << b.scenario << " " << r;
        }
        ASSERT_EQ(b.world(sim::WorldVar::Threat, local, y),
                  reader.world(sim::WorldVar::Threat, b.scenario, r)[static_cast<std::size_t>(y)]);
      }
      const auto params = reader.parameters(b.scenario, r);
      const auto got = b.parameters(local);
      ASSERT_EQ(std::vector<double>(got.begin(), got.end()), params);
      ASSERT_EQ(b.summary(sim::SummaryVar::Crises, local),
                reader.summary(sim::SummaryVar::Crises, b.scenario, r));
    }
  };
  std::mutex mutex;
  std::vector<std::size_t> seen;
  scan.for_each_block_all(request, [&](const RunBlock& block) {
    expect_reader_values(block);
    const std::lock_guard lock(mutex);
    seen.push_back(block.scenario);
  });
  std::sort(seen.begin(), seen.end());
  ASSERT_EQ(seen.size(), 100U);
  for (std::size_t p = 0; p < 100; ++p) EXPECT_EQ(seen[p], p);
  // One point alone: only it is visited, from the middle of its chunk.
  int visits = 0;
  scan.for_each_block(41, request, [&](const RunBlock& block) {
    EXPECT_EQ(block.scenario, 41U);
    expect_reader_values(block);
    ++visits;
  });
  EXPECT_EQ(visits, 1);

  // A partial file of 5 committed blocks holds the first 20 points whole.
  const fs::path part = scratch_dir() / "shared_chunks_cut.h5.part";
  fs::copy_file(shared_chunk_sweep(), part, fs::copy_options::overwrite_existing);
  {
    const engine::h5::Handle file(H5Fopen(part.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    engine::h5::write_attribute(file.id(), "status", std::string("partial"));
    engine::h5::write_attribute(file.id(), "blocks_done", std::int64_t{5});
  }
  ScanOptions options;
  options.allow_partial = true;
  const ResultsScan cut(part, options);
  EXPECT_EQ(cut.complete_runs(19), 3);
  EXPECT_EQ(cut.complete_runs(20), 0);
  std::size_t cut_visits = 0;
  cut.for_each_block_all(request, [&](const RunBlock& block) {
    EXPECT_LT(block.scenario, 20U);
    const std::lock_guard lock(mutex);
    ++cut_visits;
  });
  EXPECT_EQ(cut_visits, 20U);
}

TEST(ResultsScan, OneScenarioAndOnlyWhatWasAsked) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  SeriesRequest request;
  request.world = {sim::WorldVar::UsPresence};
  std::mutex mutex;
  std::vector<std::int64_t> firsts;
  scan.for_each_block(1, request, [&](const RunBlock& block) {
    EXPECT_EQ(block.scenario, 1U);
    EXPECT_THROW(static_cast<void>(block.state(sim::StateVar::Gdp, 0, 0, 0)), std::logic_error);
    EXPECT_THROW(static_cast<void>(block.summary(sim::SummaryVar::Crises, 0)), std::logic_error);
    EXPECT_THROW(static_cast<void>(block.parameters(0)), std::logic_error);
    const std::lock_guard lock(mutex);
    firsts.push_back(block.first_run);
  });
  std::sort(firsts.begin(), firsts.end());
  EXPECT_EQ(firsts, (std::vector<std::int64_t>{0, 64, 128, 192, 256, 320, 384, 448, 512, 576}));
}

TEST(ResultsScan, VisitorExceptionsPropagate) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  SeriesRequest request;
  request.summary = {sim::SummaryVar::Crises};
  EXPECT_THROW(
      scan.for_each_block(0, request, [](const RunBlock&) { throw std::runtime_error("stop"); }),
      std::runtime_error);
}

TEST(ResultsScan, CountriesComeFromTheStoredScenario) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  const auto& table = scan.countries(0);
  ASSERT_EQ(table.countries.size(), 36U);
  for (std::size_t i = 0; i < 36; ++i) EXPECT_EQ(table.countries[i].iso3, scan.country_codes()[i]);
  EXPECT_TRUE(table.countries[*table.index_of("USA")].nato);
  EXPECT_FALSE(table.countries[*table.index_of("AUT")].nato);
  EXPECT_EQ(&scan.countries(0), &scan.countries(0));  // cached
}

TEST(ResultsScan, UnknownScenarioAndYearSayWhatExists) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  try {
    static_cast<void>(scan.scenario_index("baselin"));
    FAIL() << "no error";
  } catch (const RequestError& e) {
    const std::string m = message_of(e);
    EXPECT_NE(m.find(results_file().string()), std::string::npos) << m;
    EXPECT_NE(m.find("did you mean 'baseline'"), std::string::npos) << m;
    EXPECT_NE(m.find("baseline, us_disengagement"), std::string::npos) << m;
  }
  try {
    static_cast<void>(scan.year_index(2040));
    FAIL() << "no error";
  } catch (const RequestError& e) {
    EXPECT_NE(message_of(e).find("2024-2030"), std::string::npos) << message_of(e);
  }
}

TEST(ResultsScan, PartialFileRefusedWithTheResumeCommand) {
  ASSERT_FALSE(results_file().empty());
  // The ten blocks of scenario 0 and two of scenario 1 committed.
  const fs::path part = edited_copy("cut.h5.part", "partial", 12);
  try {
    const ResultsScan scan(part);
    FAIL() << "no error";
  } catch (const RequestError& e) {
    const std::string m = message_of(e);
    EXPECT_NE(m.find("partial"), std::string::npos) << m;
    EXPECT_NE(m.find("728 of 1200 runs"), std::string::npos) << m;
    EXPECT_NE(m.find("rampart run baseline us_disengagement"), std::string::npos) << m;
    EXPECT_NE(m.find("--resume -o " + (scratch_dir() / "cut.h5").string() + "`"), std::string::npos)
        << m;
    EXPECT_NE(m.find("--partial"), std::string::npos) << m;
  }
  ScanOptions options;
  options.allow_partial = true;
  const ResultsScan scan(part, options);
  EXPECT_TRUE(scan.partial());
  EXPECT_EQ(scan.complete_runs(0), 600);
  EXPECT_EQ(scan.complete_runs(1), 128);
  EXPECT_NE(scan.partial_warning().find("728 complete runs of 1200"), std::string::npos)
      << scan.partial_warning();
  SeriesRequest request;
  request.summary = {sim::SummaryVar::Crises};
  std::mutex mutex;
  std::vector<std::tuple<std::size_t, std::int64_t, int>> seen;
  scan.for_each_block_all(request, [&](const RunBlock& block) {
    const std::lock_guard lock(mutex);
    seen.emplace_back(block.scenario, block.first_run, block.runs);
  });
  std::sort(seen.begin(), seen.end());
  ASSERT_EQ(seen.size(), 12U);
  EXPECT_EQ(seen[0], std::make_tuple(std::size_t{0}, std::int64_t{0}, 64));
  EXPECT_EQ(seen[9], std::make_tuple(std::size_t{0}, std::int64_t{576}, 24));
  EXPECT_EQ(seen[10], std::make_tuple(std::size_t{1}, std::int64_t{0}, 64));
  EXPECT_EQ(seen[11], std::make_tuple(std::size_t{1}, std::int64_t{64}, 64));

  // Nothing of the second scenario yet.
  const fs::path early = edited_copy("early.h5.part", "partial", 2);
  const ResultsScan first_only(early, options);
  EXPECT_EQ(first_only.complete_runs(0), 128);
  EXPECT_EQ(first_only.complete_runs(1), 0);
}

TEST(ResultsScan, ForeignFilesAreRefusedPlainly) {
  const fs::path missing = scratch_dir() / "missing.h5";
  try {
    const ResultsScan scan(missing);
    FAIL();
  } catch (const RequestError& e) {
    EXPECT_EQ(message_of(e), missing.string() + ": error: no such file");
  }
  const fs::path text = scratch_dir() / "notes.h5";
  std::ofstream(text) << "not a results file\n";
  try {
    const ResultsScan scan(text);
    FAIL();
  } catch (const RequestError& e) {
    EXPECT_NE(message_of(e).find("not an HDF5 file"), std::string::npos) << message_of(e);
  }
  const fs::path other = scratch_dir() / "other.h5";
  {
    const engine::h5::Handle file(H5Fcreate(other.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                                  "create");
    engine::h5::write_attribute(file.id(), "title", std::string_view("someone else's data"));
  }
  try {
    const ResultsScan scan(other);
    FAIL();
  } catch (const RequestError& e) {
    EXPECT_NE(message_of(e).find("not a Rampart results file"), std::string::npos) << message_of(e);
  }
  EXPECT_THROW(const ResultsScan scan(scratch_dir()), RequestError);
}

TEST(ResultsScan, UnfilteredFilesReadThroughHdf5) {
  ASSERT_FALSE(results_file().empty());
  // Without shuffle and deflate the blocks cannot be decoded by the scan itself: it falls back
  // to H5Dread, with the same values.
  const fs::path plain = scratch_dir() / "plain.h5";
  const std::string command =
      "h5repack -f NONE " + results_file().string() + " " + plain.string() + " > /dev/null 2>&1";
  if (std::system(command.c_str()) != 0) GTEST_SKIP() << "h5repack (hdf5-tools) not available";
  const ResultsScan packed(results_file());
  const ResultsScan unpacked(plain);
  SeriesRequest request;
  request.state = {sim::StateVar::Capability};
  request.codes = {sim::WorldCode::CrisisTarget};
  request.parameters = true;
  auto collect = [&](const ResultsScan& scan) {
    std::mutex mutex;
    std::map<std::pair<std::size_t, std::int64_t>, RunBlock> blocks;
    scan.for_each_block_all(request, [&](const RunBlock& block) {
      const std::lock_guard lock(mutex);
      blocks.emplace(std::make_pair(block.scenario, block.first_run), block);
    });
    return blocks;
  };
  const auto a = collect(packed);
  const auto b = collect(unpacked);
  ASSERT_EQ(a.size(), 20U);
  ASSERT_EQ(b.size(), 20U);
  for (const auto& [key, block] : a) {
    const RunBlock& other = b.at(key);
    const auto capability = static_cast<std::size_t>(sim::StateVar::Capability);
    const auto target = static_cast<std::size_t>(sim::WorldCode::CrisisTarget);
    EXPECT_EQ(block.state_data[capability], other.state_data[capability]);
    EXPECT_EQ(block.code_data[target], other.code_data[target]);
    EXPECT_EQ(block.parameter_data, other.parameter_data);
  }
  const auto& last = b.at({1, 576});
  const auto expected = unpacked.reader().state(sim::StateVar::Capability, 1, 599);
  const auto row = last.state_row(sim::StateVar::Capability, 23, 6);
  for (std::size_t c = 0; c < 36; ++c) EXPECT_EQ(row[c], expected[6 * 36 + c]);
}

TEST(ResultsScan, AnotherMajorVersionIsAFormatError) {
  ASSERT_FALSE(results_file().empty());
  const fs::path future = edited_copy("future.h5", "complete", 20, "2.0");
  EXPECT_THROW(const ResultsScan scan(future), engine::FormatError);
}

}  // namespace
}  // namespace rampart::analysis
