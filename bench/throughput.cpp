// End-to-end throughput harness (issue 8): `baseline`, 36 states, 2025-2050, in one process.
//
//   rampart_throughput --mode output|no-output|model|floor --runs N --threads T [--file F]
//
// output:    everything `rampart run -o F` does after loading (pipeline, compression, HDF5).
// no-output: the same pipeline and blocks, writing nothing.
// model:     parameter sampling and Model::run in a plain loop on this thread (no pipeline).
// floor:     floor_kernel.hpp in the same loop: the draws and arithmetic alone.
// Prints runs/s, ns per agent-year per core (wall x threads / agent-years) and the peak
// resident memory of the process (getrusage), one mode per process so the peak is the mode's.
#include <sys/resource.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>

#include "baseline_fixture.hpp"
#include "floor_kernel.hpp"
#include "rampart/engine/run_to_file.hpp"
#include "rampart/engine/runner.hpp"
#include "rampart/io/block_buffer.hpp"
#include "rampart/io/chunk_codec.hpp"
#include "rampart/scenarios/scenario.hpp"

namespace {

namespace engine = rampart::engine;
namespace po = boost::program_options;
namespace scenarios = rampart::scenarios;
namespace sim = rampart::sim;
using rampart::bench::BaselineFixture;

constexpr std::uint64_t kSeed = 20250601;

void run_to_file(const BaselineFixture& f, std::int64_t runs, int threads,
                 const std::filesystem::path& file) {
  const auto request = f.run_to_file_request(runs, kSeed, threads, file);
  std::filesystem::remove(file);
  if (!engine::run_to_file(request, f.simulate()).complete) {
    throw std::runtime_error("run_to_file did not complete");
  }
}

void run_no_output(const BaselineFixture& f, std::int64_t runs, int threads) {
  const engine::RunPlan plan{1, runs, engine::default_block_runs(runs), kSeed, f.model.shape()};
  const engine::WriteBlock discard = [](const engine::BlockBuffer&) {};
  engine::run_pipeline(plan, f.simulate(), discard, {threads, 0, nullptr, {}});
}

// A plain loop on this thread: the model (or the floor) and nothing else.
double run_loop(const BaselineFixture& f, std::int64_t runs, bool floor) {
  engine::BlockBuffer buffer(f.model.shape(), 1);
  buffer.assign(0, 0, 1);
  const rampart::bench::FloorConstants constants(f.scenario);
  double checksum = 0.0;
  for (std::int64_t r = 0; r < runs; ++r) {
    const sim::RunRng rng(kSeed, static_cast<std::uint64_t>(r));
    auto& params = buffer.parameters(0);
    if (floor) {
      checksum += rampart::bench::floor_run(f.scenario, constants, rng, params, buffer.view(0));
    } else {
      f.model.sample_and_run(rng, params, buffer.view(0));
      checksum += buffer.state(sim::StateVar::Gdp).back();
    }
  }
  return checksum;
}

int run_main(int argc, char** argv) {
  std::string mode = "output";
  std::int64_t runs = 20000;
  int threads = 1;
  std::string file = "rampart_throughput.h5";
  std::string library = std::string(RAMPART_SOURCE_DIR) + "/scenarios";
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("mode", po::value(&mode)->default_value(mode),
                                                    "output, no-output, model or floor")(
      "runs,n", po::value(&runs)->default_value(runs), "runs of baseline (2025-2050)")(
      "threads,t", po::value(&threads)->default_value(threads),
      "worker threads (output and no-output)")("file,o", po::value(&file)->default_value(file),
                                               "results file (output mode; removed after)")(
      "library", po::value(&library)->default_value(library), "scenario library folder");
  po::variables_map vm;
  po::store(po::parse_command_line(argc, argv, options), vm);
  po::notify(vm);
  if (vm.count("help") != 0U) {
    std::cout << "Usage: rampart_throughput [options]\n" << options;
    return 0;
  }
  if (runs < 0 || threads < 1) throw std::invalid_argument("--runs >= 0 and --threads >= 1");
  const BaselineFixture f{std::filesystem::path(library)};
  const auto start = std::chrono::steady_clock::now();
  double checksum = 0.0;
  std::uintmax_t file_bytes = 0;
  if (mode == "output") {
    run_to_file(f, runs, threads, file);
    file_bytes = std::filesystem::file_size(file);
    std::filesystem::remove(file);
  } else if (mode == "no-output") {
    run_no_output(f, runs, threads);
  } else if (mode == "model" || mode == "floor") {
    threads = 1;
    checksum = run_loop(f, runs, mode == "floor");
  } else {
    throw std::invalid_argument("unknown --mode " + mode);
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double agent_years = static_cast<double>(runs) * f.agent_years_per_run();
  std::printf(
      "mode=%s runs=%lld threads=%d wall_s=%.3f runs_per_s=%.0f ns_per_agent_year_core=%.1f "
      "peak_rss_mib=%.1f file_mib=%.1f checksum=%.6g\n",
      mode.c_str(), static_cast<long long>(runs), threads, wall,
      wall > 0.0 ? static_cast<double>(runs) / wall : 0.0,
      agent_years > 0.0 ? wall * threads * 1e9 / agent_years : 0.0,
      static_cast<double>(usage.ru_maxrss) / 1024.0, static_cast<double>(file_bytes) / 1048576.0,
      checksum);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "rampart_throughput: " << e.what() << '\n';
    return 2;
  }
}
