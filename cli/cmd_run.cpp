// rampart run [SCENARIO...]: the Monte Carlo runs of one or more scenarios into an HDF5 file.
// Everything that can be refused is checked before any file is created, so a refused request
// leaves nothing behind.

#include <hdf5.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdint>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "commands.hpp"
#include "options.hpp"
#include "output_paths.hpp"
#include "rampart/engine/estimate.hpp"
#include "rampart/engine/mpi_session.hpp"
#include "rampart/engine/progress.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/scenarios/sweep.hpp"
#include "rampart/sim/model.hpp"
#include "run_session.hpp"

namespace rampart::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

struct Request {
  std::vector<std::string> scenario_arguments;  // as given, or library names of the default set
  std::int64_t runs = 1000;
  std::optional<std::uint64_t> seed;
  int threads = 1;
  std::optional<int> horizon;
  fs::path output = "results.h5";
  bool force = false;
  bool resume = false;
  bool quiet = false;
  bool no_output = false;
  std::string shard;  // --shard K/N
  bool estimate = false;
  bool space_check = true;  // off with --no-space-check
  engine::Compression compression = engine::kDefaultCompression;
  int keep_bits = engine::kAllMantissaBits;
};

// The options that decide the data, never the scheduling-only ones (--threads, --quiet,
// --force, --resume, -o), so the same data gives the same file at any thread count.
std::string canonical_command(const std::vector<std::string>& scenario_arguments, std::int64_t runs,
                              std::uint64_t seed, int horizon, int keep_bits) {
  std::string command = "rampart run";
  for (const auto& a : scenario_arguments) {
    command += ' ';
    command += shell_quoted(a);
  }
  command += " --runs " + std::to_string(runs) + " --seed " + std::to_string(seed) + " --horizon " +
             std::to_string(horizon) + keep_bits_argument(keep_bits);
  return command;
}

std::optional<Request> parse(const Args& args, const po::options_description& visible) {
  const auto parsed = parse_options(args, "", visible, {"scenario", -1});
  if (!parsed) return std::nullopt;
  const po::variables_map& vm = *parsed;
  Request r;
  if (vm.count("scenario") != 0U) {
    r.scenario_arguments = vm["scenario"].as<std::vector<std::string>>();
  }
  r.runs = vm["runs"].as<std::int64_t>();
  if (r.runs <= 0) throw UsageError{"--runs must be positive (got " + std::to_string(r.runs) + ")"};
  if (vm.count("seed") != 0U) r.seed = vm["seed"].as<std::uint64_t>();
  r.threads = threads_option(vm);
  r.horizon = horizon_option(vm);
  r.output = vm["output"].as<std::string>();
  r.force = vm.count("force") != 0U;
  r.resume = vm.count("resume") != 0U;
  r.quiet = vm.count("quiet") != 0U;
  r.no_output = vm.count("no-output") != 0U;
  if (vm.count("shard") != 0U) r.shard = vm["shard"].as<std::string>();
  r.estimate = vm.count("estimate") != 0U;
  r.space_check = vm.count("no-space-check") == 0U;
  r.compression = compression_option(vm);
  if (r.no_output && !vm["compression"].defaulted()) {
    throw UsageError{"--compression chooses how the file is stored; --no-output writes none"};
  }
  r.keep_bits = keep_bits_option(vm);
  if (r.no_output && vm.count("keep-bits") != 0U) {
    throw UsageError{"--keep-bits chooses how the file stores the series; --no-output writes none"};
  }
  if (r.no_output && !r.shard.empty()) {
    throw UsageError{"--shard writes a part file; it does not combine with --no-output"};
  }
  if (r.resume && r.no_output) {
    throw UsageError{"--resume continues a partial file; --no-output writes none"};
  }
  if (r.estimate && (r.no_output || r.resume)) {
    throw UsageError{"--estimate predicts a fresh run with output; drop --no-output/--resume"};
  }
  return r;
}

po::options_description run_options() {
  po::options_description visible(
      "Usage: rampart run [SCENARIO...] [options]\n\n"
      "Runs each scenario (a library name such as 'baseline', or a .toml file) --runs times and\n"
      "writes every run's yearly series, parameters, events and summary to an HDF5 file\n"
      "(docs/output.md). Run r of every scenario uses the same random draws (common random\n"
      "numbers). With no scenario, runs the default set: baseline, hague_5pct,\n"
      "us_transactional, us_disengagement. Ctrl-C stops cleanly; continue with --resume.\n\n"
      "Options");
  visible.add_options()("help,h", "show this help")(
      "runs,n", po::value<std::int64_t>()->default_value(1000), "runs per scenario")(
      "seed,s", po::value<std::uint64_t>(), "master seed (default: the first scenario's, else 1)")(
      "threads,t", po::value<int>(), "worker threads (default: all cores)")(
      "horizon", po::value<int>(),
      "last simulated year, 2025..2050 (default: the scenarios' own, which must agree)")(
      "output,o", po::value<std::string>()->default_value("results.h5"), "results file")(
      "compression", po::value<std::string>()->default_value("deflate"), kCompressionHelp)(
      "keep-bits", po::value<int>(), kKeepBitsHelp)(
      "force", "overwrite an existing results file (or discard a partial one)")(
      "resume", "continue the interrupted run that left OUTPUT.part")(
      "quiet,q", "no progress bar and no summary")(
      "no-output", "simulate only, write nothing (to measure the model's speed)")(
      "shard", po::value<std::string>(),
      "K/N: run only the K-th (0-based) of N equal parts of the work into the part file OUTPUT; "
      "join the parts with 'rampart merge' (docs/cluster.md)")(
      "estimate",
      "run a short pilot and predict the wall time, file size and memory of this request "
      "(at --threads); writes no output")(
      "no-space-check",
      "do not refuse a request whose file would not fit the free space (for file systems that "
      "misreport it)");
  return visible;
}

// The scenario files of the request; with none given, the library's default set (whose names
// then become the request's scenario arguments).
std::vector<fs::path> scenario_files(Request& request) {
  std::vector<fs::path> files;
  if (request.scenario_arguments.empty()) {
    files = scenarios::default_scenario_set();
    if (files.empty()) throw UsageError{"no scenario given and the library has no default set"};
    for (const auto& f : files) request.scenario_arguments.push_back(f.stem().string());
    return files;
  }
  for (const auto& a : request.scenario_arguments) {
    files.push_back(scenarios::resolve_scenario_argument(a));
    if (scenarios::is_sweep_file(files.back())) {
      throw UsageError{"'" + a + "' is a sweep file: run it with 'rampart sweep " +
                       shell_quoted(a) + "'"};
    }
  }
  return files;
}

// Loads every scenario, refusing two of the same name (a results file names its scenarios).
std::vector<scenarios::Scenario> load_scenarios(const std::vector<fs::path>& files,
                                                const scenarios::CountryTable& countries) {
  std::vector<scenarios::Scenario> loaded;
  loaded.reserve(files.size());
  std::set<std::string> names;
  for (const auto& f : files) {
    loaded.push_back(scenarios::load_scenario(f, countries));
    if (names.insert(loaded.back().name).second) continue;
    // Name the files: two different files can hold scenarios of the same name.
    std::string given;
    for (std::size_t i = 0; i + 1 < loaded.size(); ++i) {
      if (loaded[i].name == loaded.back().name) given = files[i].string();
    }
    std::string message = "scenario '" + loaded.back().name + "' is given twice (";
    if (given == f.string()) {
      message += given + ")";
    } else {
      message += given;
      message += " and ";
      message += f.string();
      message += "); every scenario of a run needs its own name";
    }
    throw UsageError{message};
  }
  return loaded;
}

// The horizon of the run: --horizon, else the scenarios' own, which must agree; one results file
// holds one start year, before the horizon.
int common_horizon(const Request& request, const std::vector<scenarios::Scenario>& loaded) {
  const int horizon = request.horizon.value_or(loaded.front().horizon);
  if (!request.horizon) {
    for (const auto& s : loaded) {
      if (s.horizon != horizon) {
        throw UsageError{"the scenarios end in different years (" + loaded.front().name + " " +
                         std::to_string(horizon) + ", " + s.name + " " + std::to_string(s.horizon) +
                         "); choose one with --horizon"};
      }
    }
  }
  for (const auto& s : loaded) {
    if (s.start_year != loaded.front().start_year) {
      throw UsageError{"the scenarios start in different years (" + loaded.front().name + " " +
                       std::to_string(loaded.front().start_year) + ", " + s.name + " " +
                       std::to_string(s.start_year) +
                       "); one results file holds one start year: run them separately"};
    }
    if (horizon <= s.start_year) {
      throw UsageError{"--horizon " + std::to_string(horizon) + " is not after " + s.name +
                       "'s start year " + std::to_string(s.start_year)};
    }
  }
  return horizon;
}

// --no-output: the pipeline with a progress meter and nothing written.
int run_without_output(const Request& request, std::size_t scenario_count, std::uint64_t seed,
                       sim::RecordShape shape, const engine::SimulateRun& simulate) {
  if (engine::MpiSession::launched_by_mpi()) {
    throw UsageError{
        "--no-output does not split across MPI ranks (each would run every run); "
        "measure with one process"};
  }
  const engine::BlockShape block = engine::default_block_shape(scenario_count, request.runs);
  engine::RunPlan plan{scenario_count, request.runs, block.runs, seed, shape, block.scenarios};
  const StopOnSignals stop_on_signals;
  const std::int64_t total_runs = request.runs * static_cast<std::int64_t>(scenario_count);
  engine::ProgressMeter meter(engine::ProgressMeter::mode_for_stderr(request.quiet), std::cerr,
                              total_runs, 0);
  std::int64_t blocks = 0;
  const engine::WriteBlock discard = [&](const engine::BlockBuffer&) {
    meter.update(plan.runs_in_first_blocks(++blocks));
  };
  const auto outcome = engine::run_pipeline(plan, simulate, discard,
                                            {request.threads, 0, stop_on_signals.flag(), {}});
  const std::int64_t done = plan.runs_in_first_blocks(outcome.blocks_done);
  meter.finish(done);
  return outcome.complete ? 0 : 130;
}

}  // namespace

// Options, the scenarios (all checked before the disk is touched), then the runs: into a file,
// or nowhere with --no-output.
int cmd_run(const Args& args) {
  // A results file sealed after a write error is abandoned open (see ResultsWriter); HDF5's
  // exit-time cleanup would try to close it again.
  H5dont_atexit();
  std::optional<Request> parsed = parse(args, run_options());
  if (!parsed) return 0;
  Request& request = *parsed;
  // The destination is checked before the scenarios are even loaded: a folder, a device or an
  // unusable name must not be found only when the work is done.
  // (--estimate writes no output: its pilot uses a scratch folder.)
  if (!request.no_output && !request.estimate) {
    check_output_path(request.output, results_side_suffixes());
  }

  const auto countries = scenarios::load_country_table(scenarios::scenario_library_dir());
  const std::vector<scenarios::Scenario> loaded =
      load_scenarios(scenario_files(request), countries);
  const int horizon = common_horizon(request, loaded);
  const std::uint64_t seed = request.seed.value_or(loaded.front().seed.value_or(1));

  std::vector<sim::Model> models;
  models.reserve(loaded.size());
  for (const auto& s : loaded) models.emplace_back(s, horizon);
  const engine::SimulateRun simulate =
      [&](std::size_t s, const sim::RunRng& rng, scenarios::ParameterValues& params,
          const sim::RunRecordView& out) { models[s].sample_and_run(rng, params, out); };
  if (request.no_output) {
    return run_without_output(request, loaded.size(), seed, models.front().shape(), simulate);
  }

  const std::string command =
      canonical_command(request.scenario_arguments, request.runs, seed, horizon, request.keep_bits);
  const OutputChoice choice{request.output, request.threads, request.force,      request.resume,
                            request.quiet,  request.shard,   request.space_check};
  engine::RunToFileRequest run;
  run.header = results_header(seed, loaded.size(), request.runs, loaded.front().start_year, horizon,
                              command, loaded.front().countries, *countries.data);
  run.header.compression = request.compression;
  run.header.keep_bits = request.keep_bits;
  for (const auto& s : loaded) {
    run.header.scenario_names.push_back(s.name);
    run.header.scenario_tomls.push_back(scenarios::to_toml(s));
  }
  run.shape = models.front().shape();
  check_run_count(run.header);
  if (request.estimate) return print_estimate(run, simulate, choice);
  return run_into_file(std::move(run), simulate, choice, command, "run");
}

}  // namespace rampart::cli
