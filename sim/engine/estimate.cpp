#include "rampart/engine/estimate.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "rampart/engine/chunk_encoder.hpp"
#include "rampart/engine/run_to_file.hpp"

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

}  // namespace

Estimate estimate_request(const EstimateRequest& request, const SimulateRun& simulate) {
  const ResultsHeader& full = request.header;
  const std::string stem =
      (request.scratch_dir / (".rampart-estimate-" + std::to_string(::getpid()))).string();
  Estimate estimate;
  estimate.total_runs = runs_in_request(full);

  // The file the full request starts from, before its first run.
  {
    ResultsHeader header = full;
    header.shard.reset();
    const ScratchFile empty(stem + "-empty.h5");
    ResultsWriter::create(empty.path(), header).close();
    estimate.fixed_bytes = std::filesystem::file_size(empty.path());
  }

  // The pilot: per scenario, enough whole blocks that the buffer pool (2 x threads blocks)
  // fills twice over, so the measured rate and memory are the steady state's.
  const auto scenarios = static_cast<std::int64_t>(full.scenario_names.size());
  const std::int64_t wanted_blocks = 4 * static_cast<std::int64_t>(request.threads);
  const std::int64_t blocks_per_scenario = std::max<std::int64_t>(
      1, (wanted_blocks + scenarios - 1) / std::max<std::int64_t>(1, scenarios));
  ResultsHeader pilot = full;
  pilot.shard.reset();
  pilot.runs = std::min<std::int64_t>(full.runs, blocks_per_scenario * full.block_runs);
  RunPlan plan;
  plan.scenarios = full.scenario_names.size();
  plan.runs = pilot.runs;
  plan.block_runs = pilot.block_runs;
  plan.seed = pilot.seed;
  plan.shape = request.shape;

  const ScratchFile file(stem + "-pilot.h5");
  ResultsWriter writer = ResultsWriter::create(file.path(), pilot);
  const std::uint64_t before = std::filesystem::file_size(file.path());
  const auto start = std::chrono::steady_clock::now();
  const WriteBlock write = [&](const BlockBuffer& block) { writer.write_block(block); };
  run_pipeline(plan, simulate, write, {request.threads, 0, nullptr, encode_block});
  writer.finish();
  estimate.pilot_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  estimate.pilot_runs = plan.runs_in_first_blocks(plan.total_blocks());
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
