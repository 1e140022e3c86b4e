// Broken and hostile results files given to engine::ResultsReader, analysis::ResultsScan (the
// analysis commands' streaming reader), `rampart replay` and `rampart summarize`:
// truncated files, files that are not HDF5 or come from another program, attributes missing or
// of the wrong type, datasets of the wrong shape or type, and format versions this build does not
// read. Each must end in a typed exception (the reader) or one clear message with exit 1 or 2
// (the CLI): never a crash, a hang or a read past a buffer (this suite also runs under ASan).

#include <gtest/gtest.h>
#include <hdf5.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "../engine/cli_process.hpp"
#include "rampart/analysis/errors.hpp"
#include "rampart/analysis/results_scan.hpp"
#include "rampart/io/errors.hpp"
#include "rampart/io/h5.hpp"
#include "rampart/io/results_layout.hpp"
#include "rampart/io/results_reader.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/sim/run_record.hpp"

namespace rampart::engine {
namespace {

class HostileResultsTest : public CliProcessTest {
 protected:
  void SetUp() override {
    CliProcessTest::SetUp();
    good_ = dir_ / "good.h5";
    const Exit e =
        run({"run", "baseline", "--runs", "6", "--horizon", "2030", "-o", good_.string()});
    ASSERT_EQ(e.status, 0) << e.output;
  }

  void TearDown() override {
    // Figures for docs/reliability.md (ctest --output-junit, or the test's XML output).
    RecordProperty("bad_inputs", bad_inputs_);
    RecordProperty("replay_unaffected", static_cast<int>(replay_read_anyway_.size()));
    CliProcessTest::TearDown();
  }

  fs::path copy_of_good(const std::string& name) {
    const fs::path p = dir_ / name;
    fs::copy_file(good_, p, fs::copy_options::overwrite_existing);
    return p;
  }

  // Reads everything the analysis commands and replay read. Returns normally if the file is
  // usable; a refused file throws. Only the exception types below are allowed to escape.
  static void read_everything(const fs::path& path) {
    const ResultsReader reader(path);
    (void)reader.string_attribute("command");
    (void)reader.seed();
    (void)reader.runs();
    (void)reader.horizon();
    const auto names = reader.scenario_names();
    (void)reader.stored_scenario(0, countries());
    (void)reader.parameters(0, 0);
    for (std::size_t v = 0; v < sim::kNumStateVars; ++v) {
      (void)reader.state(static_cast<sim::StateVar>(v), 0, 0);
      (void)reader.state_over_runs(static_cast<sim::StateVar>(v), 0, 1, 3);
    }
    for (std::size_t v = 0; v < sim::kNumWorldVars; ++v) {
      (void)reader.world(static_cast<sim::WorldVar>(v), 0, 0);
      (void)reader.world_over_runs(static_cast<sim::WorldVar>(v), 0, 1);
    }
    for (std::size_t c = 0; c < sim::kNumWorldCodes; ++c) {
      (void)reader.codes(static_cast<sim::WorldCode>(c), 0, 0);
      (void)reader.codes_over_runs(static_cast<sim::WorldCode>(c), 0, 1);
    }
    for (std::size_t v = 0; v < sim::kNumSummaryVars; ++v) {
      (void)reader.summary(static_cast<sim::SummaryVar>(v), 0, 0);
      (void)reader.summary_over_runs(static_cast<sim::SummaryVar>(v), 0);
    }
    (void)reader.parameter_over_runs(0, 0);
    (void)reader.all_events();
    for (const auto& name : ResultsReader::numeric_datasets()) (void)reader.raw(name);
  }

  // What the analysis commands read: every series of every block through ResultsScan (raw chunk
  // reads and its own inflate, or HDF5's reads for other layouts).
  static void scan_everything(const fs::path& path) {
    const analysis::ResultsScan scan(path, {.allow_partial = true});
    analysis::SeriesRequest all;
    for (std::size_t v = 0; v < sim::kNumStateVars; ++v) {
      all.state.push_back(static_cast<sim::StateVar>(v));
    }
    for (std::size_t v = 0; v < sim::kNumWorldVars; ++v) {
      all.world.push_back(static_cast<sim::WorldVar>(v));
    }
    for (std::size_t c = 0; c < sim::kNumWorldCodes; ++c) {
      all.codes.push_back(static_cast<sim::WorldCode>(c));
    }
    for (std::size_t v = 0; v < sim::kNumSummaryVars; ++v) {
      all.summary.push_back(static_cast<sim::SummaryVar>(v));
    }
    all.parameters = true;
    (void)scan.countries(0);
    scan.for_each_block_all(all, [](const analysis::RunBlock&) {});
  }

  // Returns whether `read` refused the file with one of the typed errors the CLI turns into a
  // message; anything else fails the test.
  template <typename Read>
  static bool refused_by(Read read, const fs::path& path, const char* reader_name) {
    try {
      read(path);
      return false;
    } catch (const support::InputError&) {
      return true;
    } catch (const H5Error&) {
      return true;
    } catch (const std::out_of_range&) {
      return true;
    } catch (const std::exception& e) {
      ADD_FAILURE() << reader_name << ": untyped exception: " << e.what();
      return true;
    }
  }

  // The reader either reads the file or throws one of the library's typed errors (or a range
  // error naming the missing run); the CLI exits 1 or 2 with a one-line "error:" message.
  // Returns whether the file was refused.
  bool expect_clean_outcome(const fs::path& path, const std::string& what, bool with_cli = true) {
    SCOPED_TRACE(what);
    ++bad_inputs_;
    const bool refused = refused_by(read_everything, path, "ResultsReader");
    const bool scan_refused = refused_by(scan_everything, path, "ResultsScan");
    if (!with_cli) return refused || scan_refused;
    // summarize reads through ResultsScan: a table (exit 0) or one "error:" message.
    const Exit summary = run({"summarize", path.string(), "--partial", "--years", "all"});
    EXPECT_TRUE(summary.status == 0 || summary.status == 1 || summary.status == 2)
        << "exit " << summary.status << ": " << summary.output;
    EXPECT_EQ(summary.output.find("HDF5-DIAG"), std::string::npos) << "HDF5 error stack printed";
    if (summary.status != 0) {
      EXPECT_NE(summary.output.find("error: "), std::string::npos) << summary.output;
      EXPECT_LE(std::count(summary.output.begin(), summary.output.end(), '\n'), 4)
          << summary.output;
    }
    // replay reads one run only: it may still find that run, and then reports whether the
    // stored values match a recomputation (exit 0 or 1). Otherwise: one "error:" message.
    const Exit e = run({"replay", path.string(), "--run", "0"});
    EXPECT_TRUE(e.status == 0 || e.status == 1 || e.status == 2)
        << "exit " << e.status << ": " << e.output;
    EXPECT_EQ(e.output.find("HDF5-DIAG"), std::string::npos) << "HDF5 error stack printed";
    const bool compared = e.output.find("run 0 of ") != std::string::npos;
    if (e.status != 0 && !compared) {
      EXPECT_NE(e.output.find("error: "), std::string::npos) << e.output;
      EXPECT_LE(std::count(e.output.begin(), e.output.end(), '\n'), 3) << e.output;
    }
    if (refused && e.status == 0) replay_read_anyway_.push_back(what);
    return refused;
  }

  static const scenarios::CountryTable& countries() {
    static const scenarios::CountryTable table =
        scenarios::load_country_table(scenarios::scenario_library_dir());
    return table;
  }

  static void replace_dataset(const fs::path& path, const std::string& name, hid_t type, int rank,
                              const hsize_t* dims) {
    const h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    ASSERT_GE(H5Ldelete(file.id(), name.c_str(), H5P_DEFAULT), 0) << name;
    const h5::Handle space(H5Screate_simple(rank, dims, nullptr), "space");
    const h5::Handle ds(H5Dcreate2(file.id(), name.c_str(), type, space.id(), H5P_DEFAULT,
                                   H5P_DEFAULT, H5P_DEFAULT),
                        "create");
  }

  fs::path good_;
  int bad_inputs_ = 0;
  std::vector<std::string> replay_read_anyway_;  // damage outside what replay reads
};

TEST_F(HostileResultsTest, TheUntouchedFileReadsAndReplays) {
  read_everything(good_);
  const Exit e = run({"replay", good_.string(), "--run", "5"});
  EXPECT_EQ(e.status, 0) << e.output;
}

TEST_F(HostileResultsTest, TruncatedFilesAreRefused) {
  const std::string bytes = bytes_of(good_);
  const std::size_t n = bytes.size();
  for (const std::size_t length :
       {std::size_t{0}, std::size_t{8}, std::size_t{512}, std::size_t{4096}, n / 8, n / 4, n / 2,
        3 * n / 4, n - 4096, n - 1}) {
    const fs::path cut = dir_ / ("cut" + std::to_string(length) + ".h5");
    std::ofstream(cut, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(length));
    EXPECT_TRUE(
        expect_clean_outcome(cut, "cut at " + std::to_string(length) + " of " + std::to_string(n)));
  }
}

TEST_F(HostileResultsTest, FilesThatAreNotRampartResultsAreRefused) {
  const fs::path text = dir_ / "text.h5";
  std::ofstream(text) << "name = \"baseline\"\n";
  EXPECT_TRUE(expect_clean_outcome(text, "a text file"));
  EXPECT_TRUE(expect_clean_outcome(dir_ / "absent.h5", "no such file"));

  // Written by "another program": plain HDF5 with its own dataset and attributes.
  const fs::path other = dir_ / "other.h5";
  {
    const h5::Handle file(H5Fcreate(other.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                          "create");
    const hsize_t dims[2] = {3, 4};
    const h5::Handle space(H5Screate_simple(2, dims, nullptr), "space");
    const h5::Handle ds(H5Dcreate2(file.id(), "temperature", H5T_IEEE_F64LE, space.id(),
                                   H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                        "dataset");
    const std::vector<double> values(12, 21.5);
    ASSERT_GE(H5Dwrite(ds.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
              0);
    h5::write_attribute(file.id(), "title", std::string_view("weather station"));
  }
  EXPECT_TRUE(expect_clean_outcome(other, "another program's HDF5 file"));

  // Another program that copied our marker but nothing else.
  const fs::path mimic = dir_ / "mimic.h5";
  {
    const h5::Handle file(H5Fcreate(mimic.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                          "create");
    h5::write_attribute(file.id(), "filetype", std::string_view("rampart-results"));
    h5::write_attribute(file.id(), "format_version", std::string_view("1.0"));
  }
  EXPECT_TRUE(expect_clean_outcome(mimic, "only the marker attributes"));
}

TEST_F(HostileResultsTest, FormatVersionsThisBuildCannotReadAreRefused) {
  for (const char* version : {"2.0", "0.9", "", "abc", "11.0", "-1.0", "99999999999999999999.0"}) {
    const fs::path p = copy_of_good(std::string("v") + version + ".h5");
    {
      const h5::Handle file(H5Fopen(p.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
      h5::write_attribute(file.id(), "format_version", std::string_view(version));
    }
    EXPECT_TRUE(expect_clean_outcome(p, std::string("format_version ") + version));
    const Exit e = run({"replay", p.string(), "--run", "0"});
    EXPECT_EQ(e.status, 2) << e.output;
  }
  // A newer minor version only adds things: still read.
  const fs::path minor = copy_of_good("minor.h5");
  {
    const h5::Handle file(H5Fopen(minor.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    h5::write_attribute(file.id(), "format_version", std::string_view("1.7"));
  }
  read_everything(minor);
}

TEST_F(HostileResultsTest, MissingOrMistypedAttributesAreRefused) {
  std::vector<std::string> names;
  {
    const ResultsReader reader(good_);
    const auto collect = [](hid_t, const char* name, const H5A_info_t*, void* out) -> herr_t {
      static_cast<std::vector<std::string>*>(out)->emplace_back(name);
      return 0;
    };
    ASSERT_GE(H5Aiterate2(reader.file(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names), 0);
  }
  ASSERT_GE(names.size(), 8U);
  int refused = 0;
  for (const auto& name : names) {
    const fs::path missing = copy_of_good("no_" + name + ".h5");
    {
      const h5::Handle file(H5Fopen(missing.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
      ASSERT_GE(H5Adelete(file.id(), name.c_str()), 0);
    }
    refused += expect_clean_outcome(missing, "attribute " + name + " deleted") ? 1 : 0;

    // The same attribute with the other kind of value (a number for a string and vice versa).
    const fs::path mistyped = copy_of_good("mistyped_" + name + ".h5");
    {
      const h5::Handle file(H5Fopen(mistyped.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
      const h5::Handle attribute(H5Aopen(file.id(), name.c_str(), H5P_DEFAULT), "attribute");
      const h5::Handle type(H5Aget_type(attribute.id()), "type");
      const bool was_string = H5Tget_class(type.id()) == H5T_STRING;
      ASSERT_GE(H5Adelete(file.id(), name.c_str()), 0);
      if (was_string) {
        h5::write_attribute(file.id(), name.c_str(), std::int64_t{7});
      } else {
        h5::write_attribute(file.id(), name.c_str(), std::string_view("seven"));
      }
    }
    refused += expect_clean_outcome(mistyped, "attribute " + name + " of the other type") ? 1 : 0;
  }
  RecordProperty("attribute_cases_refused", refused);
}

TEST_F(HostileResultsTest, CountersThatContradictTheDatasetsAreRefusedOrHarmless) {
  // `runs` sizes the over-runs reads: a value that disagrees with the datasets must not make the
  // reader write past its buffer.
  for (const std::int64_t runs :
       {std::int64_t{1}, std::int64_t{0}, std::int64_t{-5}, std::int64_t{1000}}) {
    const fs::path p = copy_of_good("runs" + std::to_string(runs) + ".h5");
    {
      const h5::Handle file(H5Fopen(p.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
      h5::write_attribute(file.id(), "runs", runs);
    }
    expect_clean_outcome(p, "runs = " + std::to_string(runs));
  }
  // The chunk grid (format 1.4): block_scenarios out of range, a grid whose blocks would span
  // scenarios without holding their every run, and one that disagrees with the real chunks.
  struct Grid {
    std::int64_t block_runs;
    std::int64_t block_scenarios;
  };
  for (const Grid grid : {Grid{1, 0}, Grid{1, -3}, Grid{1, 2}, Grid{1, 1000}, Grid{6, 2},
                          Grid{6, 1 << 20}, Grid{0, 2}}) {
    const std::string label = "block_runs = " + std::to_string(grid.block_runs) +
                              ", block_scenarios = " + std::to_string(grid.block_scenarios);
    const fs::path p = copy_of_good("grid" + std::to_string(grid.block_runs) + "x" +
                                    std::to_string(grid.block_scenarios) + ".h5");
    {
      const h5::Handle file(H5Fopen(p.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
      h5::write_attribute(file.id(), "block_runs", grid.block_runs);
      h5::write_attribute(file.id(), "block_scenarios", grid.block_scenarios);
    }
    expect_clean_outcome(p, label);
    // The analysis scan counts blocks by the grid: an impossible one is refused.
    if (grid.block_runs != 6) {
      EXPECT_TRUE(refused_by(scan_everything, p, "ResultsScan")) << label;
    }
  }
}

TEST_F(HostileResultsTest, DatasetsOfTheWrongShapeOrTypeAreRefused) {
  struct Shape {
    const char* label;
    int rank;
    std::vector<hsize_t> dims;
  };
  // The good file has one scenario, 6 runs, 7 years (2024-2030) and 36 countries.
  const std::vector<Shape> shapes = {
      {"scalar-like", 1, {3}},
      {"one-run-too-few", 2, {1, 5}},
      {"extra-trailing-dimension", 3, {1, 6, 5}},
      {"four-dimensions", 4, {1, 6, 2, 2}},
      {"five-dimensions", 5, {1, 6, 7, 36, 2}},
  };
  std::vector<std::string> targets = ResultsReader::numeric_datasets();
  targets.emplace_back("events");
  int cases = 0;
  for (const auto& name : targets) {
    for (const auto& shape : shapes) {
      std::string file_name = name + "_" + shape.label + ".h5";
      std::replace(file_name.begin(), file_name.end(), '/', '_');
      const fs::path p = copy_of_good(file_name);
      replace_dataset(p, name, H5T_IEEE_F32LE, shape.rank, shape.dims.data());
      // The CLI for the shape most likely to overrun a buffer; the reader for all of them.
      expect_clean_outcome(p, name + " as " + shape.label,
                           std::string(shape.label) == "extra-trailing-dimension");
      // The analysis side indexes every series by the file's own extents: any other shape is
      // refused up front, never read (an extra dimension once overran its buffers).
      if (name != "events") {
        EXPECT_TRUE(refused_by(scan_everything, p, "ResultsScan")) << name << " as " << shape.label;
      }
      ++cases;
    }
    // The right shape but strings instead of numbers.
    std::string file_name = name + "_strings.h5";
    std::replace(file_name.begin(), file_name.end(), '/', '_');
    const fs::path p = copy_of_good(file_name);
    std::vector<hsize_t> dims;
    {
      const ResultsReader reader(good_);
      const h5::Handle ds(H5Dopen2(reader.file(), name.c_str(), H5P_DEFAULT), "open");
      dims = h5::extent(ds.id());
    }
    const h5::Handle text = h5::string_type();
    replace_dataset(p, name, text.id(), static_cast<int>(dims.size()), dims.data());
    EXPECT_TRUE(expect_clean_outcome(p, name + " as strings"));
    ++cases;
  }
  RecordProperty("dataset_cases", cases);
}

// Offsets of every global heap collection ("GCOL": the variable-length strings) in `bytes`.
std::vector<std::size_t> heap_collections(const std::string& bytes) {
  std::vector<std::size_t> at;
  for (auto i = bytes.find("GCOL\x01", 0, 5); i != std::string::npos;
       i = bytes.find("GCOL\x01", i + 1, 5)) {
    at.push_back(i);
  }
  return at;
}

// Offsets of the objects of the collection at `collection` (their 16-byte headers: index 2,
// references 2, reserved 4, length 8), the free space (index 0) left out.
std::vector<std::size_t> heap_objects(const std::string& bytes, std::size_t collection) {
  const auto le = [&](std::size_t at, int n) {
    std::uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    return v;
  };
  const std::uint64_t size = le(collection + 8, 8);
  std::vector<std::size_t> objects;
  for (std::uint64_t at = 16; at + 16 <= size;) {
    if (le(collection + at, 2) == 0) break;
    objects.push_back(collection + at);
    at += 16 + ((le(collection + at + 8, 8) + 7) & ~std::uint64_t{7});
  }
  return objects;
}

void flip(const fs::path& p, std::int64_t at, std::int64_t count) {
  std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
  for (std::int64_t k = 0; k < count; ++k) {
    f.seekg(at + k);
    const int c = f.get();
    if (c == std::char_traits<char>::eof()) return;
    f.seekp(at + k);
    f.put(static_cast<char>(c ^ 0x5a));
  }
}

// Bytes flipped anywhere in the file: every twentieth of its length from the superblock on,
// the global heap (the scenario names, the TOML texts and the string attributes, which HDF5
// reads without a checksum and once crashed on in H5HG_read) and a string dataset's heap IDs.
// Deflate's adler32 check catches damage to compressed chunks; our heap check (sim/io/h5.cpp)
// damage to the heap's structure; anything else must still end in a typed error or a clean
// read, never a crash.
TEST_F(HostileResultsTest, FlippedBytesAnywhereAreRefusedOrHarmless) {
  const auto size = static_cast<std::int64_t>(fs::file_size(good_));
  int refused = 0;
  int cases = 0;
  const auto one = [&](const std::string& label, std::int64_t at, std::int64_t count) {
    const fs::path p = copy_of_good("flipped_" + std::to_string(cases) + ".h5");
    flip(p, at, count);
    refused += expect_clean_outcome(p, label + " (" + std::to_string(count) + " bytes at " +
                                           std::to_string(at) + ")")
                   ? 1
                   : 0;
    ++cases;
  };
  for (int twentieth = 0; twentieth < 20; ++twentieth) {
    one("flipped at " + std::to_string(twentieth) + "/20", size * twentieth / 20, 64);
  }
  // Every collection: its size, and the index and the length of three of its objects (a
  // length flipped this way made H5HG_read copy gigabytes: a segfault in 60 of 750 files).
  const std::string bytes = bytes_of(good_);
  const auto collections = heap_collections(bytes);
  ASSERT_FALSE(collections.empty());
  for (const std::size_t c : collections) {
    const auto at = static_cast<std::int64_t>(c);
    one("heap collection size", at + 8, 2);
    const auto objects = heap_objects(bytes, c);
    ASSERT_FALSE(objects.empty());
    for (const std::size_t o : {std::size_t{0}, objects.size() / 2, objects.size() - 1}) {
      const auto object = static_cast<std::int64_t>(objects[o]);
      one("heap object index", object, 1);
      one("heap object length", object + 8, 8);
    }
    one("heap object text", static_cast<std::int64_t>(objects.back()) + 16, 4);
  }
  // The heap IDs (length, collection, index) of scenario_toml and of the country scale.
  for (const char* name : {"scenario_toml", "country"}) {
    haddr_t offset = HADDR_UNDEF;
    {
      const ResultsReader reader(good_);
      const h5::Handle ds(H5Dopen2(reader.file(), name, H5P_DEFAULT), "open");
      offset = H5Dget_offset(ds.id());
    }
    ASSERT_NE(offset, HADDR_UNDEF) << name;
    const auto at = static_cast<std::int64_t>(offset);
    one(std::string(name) + " heap ID length", at, 1);
    one(std::string(name) + " heap ID index", at + 12, 1);
  }
  RecordProperty("flipped_cases", cases);
  RecordProperty("flipped_refused", refused);
}

// A part of a sharded job with its heap damaged: `rampart merge` reads every part's strings
// (names, TOML texts, attributes) and must refuse it, not crash.
TEST_F(HostileResultsTest, MergeRefusesAPartWithADamagedHeap) {
  const fs::path part0 = dir_ / "part0.h5";
  const fs::path part1 = dir_ / "part1.h5";
  for (const auto& [shard, part] : {std::pair{"0/2", part0}, std::pair{"1/2", part1}}) {
    const Exit e = run({"run", "baseline", "--runs", "6", "--horizon", "2030", "--shard", shard,
                        "-o", part.string()});
    ASSERT_EQ(e.status, 0) << e.output;
  }
  const auto collections = heap_collections(bytes_of(part1));
  ASSERT_FALSE(collections.empty());
  for (const std::int64_t offset : {16, 24, 8}) {
    const fs::path damaged = dir_ / ("part1_" + std::to_string(offset) + ".h5");
    fs::copy_file(part1, damaged, fs::copy_options::overwrite_existing);
    flip(damaged, static_cast<std::int64_t>(collections.front()) + offset, 8);
    const fs::path merged = dir_ / ("merged_" + std::to_string(offset) + ".h5");
    const Exit e = run({"merge", part0.string(), damaged.string(), "-o", merged.string()});
    EXPECT_TRUE(e.status == 1 || e.status == 2) << "exit " << e.status << ": " << e.output;
    EXPECT_NE(e.output.find("error: "), std::string::npos) << e.output;
    EXPECT_EQ(e.output.find("HDF5-DIAG"), std::string::npos) << e.output;
  }
}

// The heap check reads the file's head a block (1 MiB) at a time: a damaged collection is found
// wherever its header sits, one that straddles two blocks included.
TEST_F(HostileResultsTest, ADamagedHeapIsFoundWhereverItsHeaderSits) {
  constexpr std::size_t kBlock = std::size_t{1} << 20;
  const std::string text = "a string in the global heap";
  // `pad` bytes of data first, then a string attribute: its collection lands after the data.
  const auto write = [&](const fs::path& p, std::size_t pad) {
    const h5::Handle file(H5Fcreate(p.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), "create");
    const hsize_t n = pad;
    const h5::Handle space(H5Screate_simple(1, &n, nullptr), "space");
    const h5::Handle data(H5Dcreate2(file.id(), "pad", H5T_NATIVE_UCHAR, space.id(), H5P_DEFAULT,
                                     H5P_DEFAULT, H5P_DEFAULT),
                          "dataset");
    const std::vector<unsigned char> zeros(pad);
    h5::check_status(
        H5Dwrite(data.id(), H5T_NATIVE_UCHAR, H5S_ALL, H5S_ALL, H5P_DEFAULT, zeros.data()),
        "write");
    h5::write_attribute(file.id(), "note", std::string_view(text));
  };
  const auto read_note = [&](const fs::path& p) {
    const h5::Handle file(H5Fopen(p.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open");
    return h5::read_string_attribute(file.id(), "note");
  };
  const fs::path probe = dir_ / "probe.h5";
  write(probe, kBlock);
  const auto probed = heap_collections(bytes_of(probe));
  ASSERT_EQ(probed.size(), 1U);
  ASSERT_GT(probed.front(), kBlock);
  // Headers starting from 17 bytes before the block's end to 1 past it.
  for (std::size_t want = kBlock - 17; want <= kBlock + 1; ++want) {
    const fs::path p = dir_ / ("heap_at_" + std::to_string(want) + ".h5");
    write(p, kBlock - (probed.front() - want));
    const std::string bytes = bytes_of(p);
    ASSERT_EQ(heap_collections(bytes), std::vector<std::size_t>{want});
    EXPECT_EQ(read_note(p), text) << want;
    const auto objects = heap_objects(bytes, want);
    ASSERT_FALSE(objects.empty());
    flip(p, static_cast<std::int64_t>(objects.front()) + 8, 8);  // the object's length
    EXPECT_THROW((void)read_note(p), H5Error) << "collection at byte " << want;
  }
}

// Readable files with values no run writes (issue 13): a world code outside its range, NaN or
// infinity in a series, a country named twice. The analysis commands used to turn them into
// numbers (P(crisis) = 1, quantiles over 2 of 40 runs, 36 allies and no US share); now every
// value read is checked and the file refused with exit 2, naming the dataset and the index.
TEST_F(HostileResultsTest, ImpossibleValuesAreRefusedNamingDatasetAndIndex) {
  struct Case {
    const char* dataset;
    std::vector<hsize_t> index;
    double value;
    const char* expected;          // in the message
    std::vector<std::string> var;  // the `summarize` options that read it; none: the scan only
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<Case> cases = {
      {"world/crisis_outcome",
       {0, 2, 3},
       7,
       "'world/crisis_outcome' holds the code 7 (allowed 0 to 3) at (0, 2, 3) (scenario "
       "baseline, run 2, year 2027)",
       {"--years", "all"}},
      {"world/war_state", {0, 1, 1}, -1, "'world/war_state' holds the code -1", {}},
      {"world/crisis_target", {0, 4, 2}, 36, "holds the code 36 (allowed -1 to 35)", {}},
      {"state/gdp",
       {0, 3, 2, 5},
       nan,
       "'state/gdp' holds NaN at (0, 3, 2, 5) (scenario baseline, run 3, year 2026, country ",
       {"-v", "gdp"}},
      {"state/spending_share",
       {0, 0, 6, 0},
       inf,
       "'state/spending_share' holds infinity at (0, 0, 6, 0)",
       {"--no-events"}},
      {"world/us_presence", {0, 5, 1}, -inf, "holds -infinity at (0, 5, 1)", {"-v", "us_presence"}},
      {"parameters", {0, 1, 4}, nan, "'parameters' holds NaN at (0, 1, 4)", {}},
      // Summaries may hold NaN ("not applicable"), never infinity.
      {"summary/first_crisis_year",
       {0, 4},
       -inf,
       "'summary/first_crisis_year' holds -infinity at (0, 4)",
       {"-v", "first_crisis_year"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.dataset);
    std::string file_name = std::string("value_") + c.dataset + ".h5";
    std::replace(file_name.begin(), file_name.end(), '/', '_');
    const fs::path p = copy_of_good(file_name);
    {
      const h5::Handle file(H5Fopen(p.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
      const h5::Handle ds(H5Dopen2(file.id(), c.dataset, H5P_DEFAULT), "open dataset");
      const h5::Handle space(H5Dget_space(ds.id()), "space");
      const std::vector<hsize_t> one(c.index.size(), 1);
      ASSERT_GE(H5Sselect_hyperslab(space.id(), H5S_SELECT_SET, c.index.data(), nullptr, one.data(),
                                    nullptr),
                0);
      const hsize_t single = 1;
      const h5::Handle memory(H5Screate_simple(1, &single, nullptr), "memory");
      ASSERT_GE(
          H5Dwrite(ds.id(), H5T_NATIVE_DOUBLE, memory.id(), space.id(), H5P_DEFAULT, &c.value), 0);
    }
    try {
      scan_everything(p);
      ADD_FAILURE() << "ResultsScan read " << c.dataset;
    } catch (const support::InputError& e) {
      EXPECT_NE(std::string(e.what()).find(c.expected), std::string::npos) << e.what();
    }
    if (c.var.empty()) continue;
    std::vector<std::string> args{"summarize", p.string()};
    args.insert(args.end(), c.var.begin(), c.var.end());
    const Exit e = run(args);
    EXPECT_EQ(e.status, 2) << e.output;
    EXPECT_NE(e.output.find(c.expected), std::string::npos) << e.output;
  }
  // NaN is a summary's "not applicable" (no failure, no crisis): still read.
  const fs::path not_applicable = copy_of_good("summary_nan.h5");
  {
    const h5::Handle file(H5Fopen(not_applicable.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    const std::string name =
        std::string(kSummaryGroup) + "/" + std::string(sim::summary_var_info()[0].name);
    const h5::Handle ds(H5Dopen2(file.id(), name.c_str(), H5P_DEFAULT), "open dataset");
    const std::vector<double> all_nan(6, std::numeric_limits<double>::quiet_NaN());
    ASSERT_GE(H5Dwrite(ds.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, all_nan.data()),
              0);
  }
  EXPECT_FALSE(refused_by(scan_everything, not_applicable, "ResultsScan"));
}

TEST_F(HostileResultsTest, ACountryOrScenarioNamedTwiceIsRefused) {
  const fs::path p = copy_of_good("duplicate_country.h5");
  std::vector<std::string> codes;
  {
    const h5::Handle file(H5Fopen(p.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    const h5::Handle ds(H5Dopen2(file.id(), "country", H5P_DEFAULT), "open country");
    codes = h5::read_strings(ds.id());
    ASSERT_GE(codes.size(), 3U);
    codes[2] = codes[1];
    std::vector<const char*> pointers;
    for (const auto& c : codes) pointers.push_back(c.c_str());
    const h5::Handle type = h5::string_type();
    ASSERT_GE(H5Dwrite(ds.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), 0);
  }
  EXPECT_TRUE(refused_by(scan_everything, p, "ResultsScan"));
  const std::string expected = "the scale 'country' names '" + codes[1] + "' twice (at 1 and 2)";
  for (const char* command : {"burden", "summarize"}) {
    const Exit e = run({command, p.string()});
    EXPECT_EQ(e.status, 2) << command << ": " << e.output;
    EXPECT_NE(e.output.find(expected), std::string::npos) << command << ": " << e.output;
  }
}

// A sweep's design and factor scale feed `discover` and `sensitivity` directly: NaN in the
// design or a factor named twice is refused, not turned into a box or an index.
TEST_F(HostileResultsTest, ImpossibleSweepDesignsAreRefused) {
  const fs::path sweep_file = dir_ / "grid.toml";
  std::ofstream(sweep_file) << "name = \"grid\"\nbase = \"baseline\"\nseed = 5\nreplicates = 2\n"
                               "[design]\ntype = \"full_factorial\"\n"
                               "[[factors]]\nparameter = \"us.presence_floor\"\n"
                               "values = [0.0, 0.5]\n"
                               "[[factors]]\nparameter = \"russia.rebuild_multiplier\"\n"
                               "values = [1.0, 2.0]\n";
  const fs::path sweep = dir_ / "grid.h5";
  const Exit made =
      run({"sweep", sweep_file.string(), "--horizon", "2027", "-q", "-o", sweep.string()});
  ASSERT_EQ(made.status, 0) << made.output;
  const std::vector<std::string> discover{"discover", "", "--outcome", "threat_end > 1.1"};
  {
    std::vector<std::string> args = discover;
    args[1] = sweep.string();
    const Exit e = run(args);
    ASSERT_EQ(e.status, 0) << "the untouched sweep: " << e.output;
  }

  const fs::path nan_design = dir_ / "nan_design.h5";
  fs::copy_file(sweep, nan_design);
  {
    const h5::Handle file(H5Fopen(nan_design.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    const h5::Handle ds(H5Dopen2(file.id(), "design", H5P_DEFAULT), "open design");
    std::vector<double> values(8);
    ASSERT_GE(H5Dread(ds.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), 0);
    values[3] = std::numeric_limits<double>::quiet_NaN();  // point 1, factor 1
    ASSERT_GE(H5Dwrite(ds.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
              0);
  }
  const fs::path twice = dir_ / "factor_twice.h5";
  fs::copy_file(sweep, twice);
  {
    const h5::Handle file(H5Fopen(twice.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    const h5::Handle ds(H5Dopen2(file.id(), "factor", H5P_DEFAULT), "open factor");
    const char* names[2] = {"us.presence_floor", "us.presence_floor"};
    const h5::Handle type = h5::string_type();
    ASSERT_GE(H5Dwrite(ds.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, names), 0);
  }
  for (const auto& [file, expected] :
       {std::pair{nan_design, std::string("the dataset 'design' holds NaN at (1, 1)")},
        std::pair{twice, std::string("the scale 'factor' names 'us.presence_floor' twice")}}) {
    std::vector<std::string> args = discover;
    args[1] = file.string();
    const Exit e = run(args);
    EXPECT_EQ(e.status, 2) << e.output;
    EXPECT_NE(e.output.find(expected), std::string::npos) << e.output;
  }
}

}  // namespace
}  // namespace rampart::engine
