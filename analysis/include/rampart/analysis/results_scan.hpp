#pragma once
// Streaming access to a results file for statistics across runs: the runs of one entry of the
// first dimension (a scenario of `rampart run`, a point of `rampart sweep`) are delivered block by
// block (one HDF5 chunk = `block_runs` runs, or every run of `block_scenarios` points of a
// sweep, delivered one point at a time), so memory stays bounded whatever the number of runs.
// Blocks are read one at a time (HDF5 is not thread-safe) and handed to the visitor in parallel; a
// visitor writes only to per-run slots it owns, so results never depend on the thread count.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "rampart/io/results_reader.hpp"
#include "rampart/scenarios/country.hpp"
#include "rampart/sim/run_record.hpp"

namespace rampart::analysis {

struct ScanOptions {
  // Analyse the committed blocks of a partial (interrupted) file. Without it a partial file is
  // refused with a RequestError that says how to resume it or to pass --partial.
  bool allow_partial = false;
};

// Which series a visitor needs; only those are read and decoded.
struct SeriesRequest {
  std::vector<sim::StateVar> state;
  std::vector<sim::WorldVar> world;
  std::vector<sim::WorldCode> codes;
  std::vector<sim::SummaryVar> summary;
  bool parameters = false;
  // Adds what `other` asks for (no duplicates).
  void merge(const SeriesRequest& other);
};

// One block of consecutive runs of one entry of the first dimension, decoded to memory.
// Accessors for a series that was not requested throw std::logic_error.
class RunBlock {
 public:
  std::size_t scenario = 0;  // index into ResultsScan::scenario_names()
  std::int64_t first_run = 0;
  int runs = 0;  // runs in this block
  int years = 0;
  int countries = 0;
  std::size_t parameter_count = 0;

  // run: 0 .. runs-1 within the block; year: index from 0 (= first_year, 2024).
  [[nodiscard]] float state(sim::StateVar v, int run, int year, int country) const;
  // The `countries` values of one run and year (contiguous).
  [[nodiscard]] std::span<const float> state_row(sim::StateVar v, int run, int year) const;
  [[nodiscard]] float world(sim::WorldVar v, int run, int year) const;
  [[nodiscard]] std::int8_t code(sim::WorldCode c, int run, int year) const;
  [[nodiscard]] float summary(sim::SummaryVar v, int run) const;
  [[nodiscard]] std::span<const double> parameters(int run) const;

  // Filled by ResultsScan: per series, [run][year][country] / [run][year] / [run] /
  // [run][parameter]; empty when not requested.
  std::vector<std::vector<float>> state_data;       // kNumStateVars entries
  std::vector<std::vector<float>> world_data;       // kNumWorldVars entries
  std::vector<std::vector<std::int8_t>> code_data;  // kNumWorldCodes entries
  std::vector<std::vector<float>> summary_data;     // kNumSummaryVars entries
  std::vector<double> parameter_data;
};

class ResultsScan {
 public:
  // Opens and validates the file: a missing file, a non-HDF5 file, another program's HDF5 file,
  // another format major version, or a partial file without allow_partial throw RequestError
  // (engine::FormatError for the version, as ResultsReader does). A partial file with
  // allow_partial prints nothing itself: callers warn with partial_warning().
  explicit ResultsScan(const std::filesystem::path& path, const ScanOptions& options = {});
  ~ResultsScan();
  ResultsScan(const ResultsScan&) = delete;
  ResultsScan& operator=(const ResultsScan&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] const engine::ResultsReader& reader() const { return *reader_; }

  [[nodiscard]] const std::vector<std::string>& scenario_names() const { return scenario_names_; }
  // "scenario" or "point".
  [[nodiscard]] const std::string& scenario_dim() const { return reader_->scenario_dim(); }
  [[nodiscard]] const std::vector<int>& years() const { return years_; }  // calendar years
  [[nodiscard]] const std::vector<std::string>& country_codes() const { return country_codes_; }
  [[nodiscard]] const std::vector<std::string>& parameter_names() const { return parameter_names_; }
  [[nodiscard]] std::int64_t runs() const { return runs_; }  // per entry, as requested
  [[nodiscard]] std::int64_t block_runs() const { return block_runs_; }
  // Entries of the first dimension per chunk (1 unless a sweep's chunks span several points).
  [[nodiscard]] std::int64_t block_scenarios() const { return block_scenarios_; }
  [[nodiscard]] bool partial() const { return partial_; }
  // Runs of `scenario` in committed blocks: runs() for a complete file.
  [[nodiscard]] std::int64_t complete_runs(std::size_t scenario) const;
  // "warning: FILE is partial (...): analysing the N complete runs of ..." or "" if complete.
  [[nodiscard]] std::string partial_warning() const;

  // Memberships (nato, eu, frontline tier) as the scenario ran them: a scenario may change them,
  // so they come from the stored scenario, not the current data files. Loaded once, lazily. In
  // a sweep file every point shares the base scenario's table (factors are global parameters).
  [[nodiscard]] const scenarios::CountryTable& countries(std::size_t scenario) const;

  // Index of a scenario (point) name, a year or a country code; RequestError with "did you
  // mean" and the allowed values when unknown.
  [[nodiscard]] std::size_t scenario_index(std::string_view name) const;
  [[nodiscard]] int year_index(int year) const;

  // Visits every committed block of `scenario` in run order of reading; `visit` may run on
  // several threads at once (tbb), each call with its own RunBlock. At most a few blocks are in
  // memory at a time. Exceptions thrown by `visit` propagate.
  void for_each_block(std::size_t scenario, const SeriesRequest& request,
                      const std::function<void(const RunBlock&)>& visit) const;
  // Every committed block of every entry, entry-major (the file's block order): the fast way
  // through a sweep's many small points.
  void for_each_block_all(const SeriesRequest& request,
                          const std::function<void(const RunBlock&)>& visit) const;

 private:
  std::filesystem::path path_;
  std::unique_ptr<engine::ResultsReader> reader_;
  std::vector<std::string> scenario_names_;
  std::vector<int> years_;
  std::vector<std::string> country_codes_;
  std::vector<std::string> parameter_names_;
  std::int64_t runs_ = 0;
  std::int64_t block_runs_ = 0;
  std::int64_t block_scenarios_ = 1;
  std::int64_t blocks_done_ = 0;
  bool partial_ = false;
  struct CountryCache;
  std::unique_ptr<CountryCache> country_cache_;
};

}  // namespace rampart::analysis
