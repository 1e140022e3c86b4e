#include "rampart/engine/estimate.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "rampart/engine/run_to_file.hpp"
#include "rampart/io/chunk_codec.hpp"
#include "rampart/scenarios/parameters.hpp"
#include "rampart/sim/run_record.hpp"

namespace rampart::engine {
namespace {

// Removes a scratch file (and a writer's temporary name) however the pilot ends.
class ScratchFile {
 public:
  explicit ScratchFile(std::filesystem::path path) : path_(std::move(path)) {}
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  ~ScratchFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
    std::filesystem::remove(path_.string() + ".new", ignored);
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::uint64_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024U;  // Linux reports KiB
}

// The uncompressed bytes of one run's record in the file: state, world, codes, summary and
// parameters.
std::uint64_t record_bytes_per_run(const ResultsHeader& header) {
  const auto years = static_cast<std::uint64_t>(std::max(header.years(), 0));
  const auto countries = static_cast<std::uint64_t>(header.country_iso3.size());
  return sim::kNumStateVars * years * countries * sizeof(float) +
         sim::kNumWorldVars * years * sizeof(float) + sim::kNumWorldCodes * years +
         sim::kNumSummaryVars * sizeof(float) + scenarios::kNumParams * sizeof(double);
}

// The floor assumes records compress 4 times: about three times better than the library's
// scenarios do (shuffle + deflate level 1 takes a run's record to about 1/1.35 of its size at
// horizons 2027 and 2050; docs/reliability.md), a margin for flatter series than any measured.
constexpr std::uint64_t kCompressionFloorDivisor = 4;

}  // namespace

std::int64_t max_runs_per_scenario(const ResultsHeader& header) {
  constexpr std::uint64_t kMaxDatasetBytes = std::uint64_t{1} << 63;
  const std::uint64_t per_run = std::max<std::uint64_t>(1, header.scenario_names.size()) *
                                static_cast<std::uint64_t>(std::max(header.years(), 1)) *
                                std::max<std::uint64_t>(1, header.country_iso3.size()) *
                                sizeof(float);
  // The run scale (int64, 8 bytes a run) is bounded by the same 2^63.
  return static_cast<std::int64_t>(
      std::min(kMaxDatasetBytes / per_run, kMaxDatasetBytes / sizeof(std::int64_t)));
}

std::uint64_t minimum_file_bytes(const ResultsHeader& header, const sim::RecordShape& /*shape*/) {
  std::uint64_t bytes =
      std::uint64_t{16} * 1024;  // superblock, groups, attributes, scale bookkeeping
  bytes += static_cast<std::uint64_t>(header.runs) * sizeof(std::int64_t);  // the run scale
  for (const auto& toml : header.scenario_tomls) bytes += toml.size();
  if (header.sweep) bytes += header.sweep->matrix.size() * sizeof(double);
  const auto runs = static_cast<std::uint64_t>(runs_in_request(header));
  return bytes + runs * (record_bytes_per_run(header) / kCompressionFloorDivisor);
}

Estimate estimate_request(const EstimateRequest& request, const SimulateRun& simulate) {
  const ResultsHeader& full = request.header;
  const std::string stem =
      (request.scratch_dir / (".rampart-estimate-" + std::to_string(::getpid()))).string();
  Estimate estimate;
  estimate.total_runs = runs_in_request(full);

  // The pilot: per scenario, enough whole blocks that the buffer pool (2 x threads blocks)
  // fills twice over, so the measured rate and memory are the steady state's. Blocks that span
  // several scenarios (a sweep's) hold every run of their points: the pilot is then the first
  // blocks of the request.
  const auto scenarios = static_cast<std::int64_t>(full.scenario_names.size());
  const std::int64_t wanted_blocks = 4 * static_cast<std::int64_t>(request.threads);
  const std::int64_t blocks_per_scenario = std::max<std::int64_t>(
      1, (wanted_blocks + scenarios - 1) / std::max<std::int64_t>(1, scenarios));
  ResultsHeader pilot = full;
  pilot.shard.reset();
  pilot.runs = std::min<std::int64_t>(full.runs, blocks_per_scenario * full.block_runs);
  const RunPlan plan = plan_of(pilot, request.shape);
  const std::int64_t pilot_blocks =
      full.block_scenarios > 1 ? std::min(wanted_blocks, plan.total_blocks()) : plan.total_blocks();

  // The file the full request starts from, before its first run: measured on the pilot's
  // skeleton, whose run scale (8 bytes a run, contiguous) is the only part that grows with
  // --runs. Building the full skeleton would write 8 bytes a run before the first run.
  {
    const ScratchFile empty(stem + "-empty.h5");
    ResultsWriter::create(empty.path(), pilot).close();
    estimate.fixed_bytes =
        std::filesystem::file_size(empty.path()) +
        static_cast<std::uint64_t>(full.runs - pilot.runs) * sizeof(std::int64_t);
  }

  const ScratchFile file(stem + "-pilot.h5");
  ResultsWriter writer = ResultsWriter::create(file.path(), pilot);
  const std::uint64_t before = std::filesystem::file_size(file.path());
  const auto start = std::chrono::steady_clock::now();
  const WriteBlock write = [&](const BlockBuffer& block) { writer.write_block(block); };
  const Compression compression = pilot.compression;
  const int keep_bits = pilot.keep_bits;
  const auto encode = [compression, keep_bits](BlockBuffer& block) {
    encode_block(block, compression, keep_bits);
  };
  run_pipeline(plan, simulate, write, {request.threads, 0, nullptr, encode, pilot_blocks});
  writer.finish();
  estimate.pilot_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  estimate.pilot_runs = plan.runs_in_first_blocks(pilot_blocks);
  const std::uint64_t after = std::filesystem::file_size(file.path());
  estimate.peak_rss_bytes = peak_rss_bytes();

  estimate.runs_per_second =
      static_cast<double>(estimate.pilot_runs) / std::max(estimate.pilot_seconds, 1e-9);
  estimate.wall_seconds = static_cast<double>(estimate.total_runs) / estimate.runs_per_second;
  estimate.bytes_per_run = static_cast<double>(after - std::min(after, before)) /
                           static_cast<double>(estimate.pilot_runs);
  estimate.file_bytes =
      estimate.fixed_bytes +
      static_cast<std::uint64_t>(estimate.bytes_per_run * static_cast<double>(estimate.total_runs));
  return estimate;
}

}  // namespace rampart::engine
