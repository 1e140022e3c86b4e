#pragma once
// `rampart run --estimate`: a short pilot of the request, written with output to a scratch file
// that is removed, from which the wall time, file size and memory of the full request are
// predicted on this machine at the chosen thread count.

#include <cstdint>
#include <filesystem>

#include "rampart/engine/runner.hpp"
#include "rampart/io/results_writer.hpp"

namespace rampart::engine {

struct EstimateRequest {
  ResultsHeader header;  // of the full request (a shard's header predicts that shard)
  sim::RecordShape shape;
  int threads = 1;
  std::filesystem::path scratch_dir;  // where the pilot file is written (then removed)
};

struct Estimate {
  std::int64_t pilot_runs = 0;
  double pilot_seconds = 0;
  double runs_per_second = 0;  // with output, at the request's thread count
  std::int64_t total_runs = 0;
  double wall_seconds = 0;
  double bytes_per_run = 0;          // compressed data, events and chunk indexes
  std::uint64_t fixed_bytes = 0;     // the file before any run: header, scales, empty datasets
  std::uint64_t file_bytes = 0;      // fixed_bytes + bytes_per_run * total_runs
  std::uint64_t peak_rss_bytes = 0;  // of this process during the pilot (memory is flat in runs)
};

// The most runs per scenario a results file holds for `header`'s scenarios, years and
// countries: its largest dataset (scenario x run x year x country, float32) must stay under
// 2^63 bytes, the most that HDF5 and signed 64-bit file offsets address.
std::int64_t max_runs_per_scenario(const ResultsHeader& header);

// A lower bound of the size of the file `header` describes (a shard's header: its part file),
// computed without writing anything: the header and scales (the run scale alone is 8 bytes a
// run, written whole in every part), and for each run of the request its record compressed 4
// times, about three times better than the library's scenarios compress (docs/reliability.md),
// so a request it refuses could not fit.
std::uint64_t minimum_file_bytes(const ResultsHeader& header, const sim::RecordShape& shape);

// Runs the pilot: the first blocks of every scenario, enough to fill the pipeline's buffer
// pool twice (each block its full size, so chunks compress as in the real file).
Estimate estimate_request(const EstimateRequest& request, const SimulateRun& simulate);

}  // namespace rampart::engine
