// rampart sweep SWEEP.toml: every point of a sweep design (full factorial, Latin hypercube,
// Sobol/Saltelli) run `replicates` times into one HDF5 file. Point p is the engine's scenario p
// and replicate r is run r, so replicate r of every point uses the same random draws (common
// random numbers). Everything that can be refused is checked before any file is created.

#include <hdf5.h>
#include <tbb/enumerable_thread_specific.h>

#include <boost/program_options.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "options.hpp"
#include "output_paths.hpp"
#include "rampart/io/results_layout.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/scenarios/sweep.hpp"
#include "rampart/sim/model.hpp"
#include "run_session.hpp"

namespace rampart::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

std::string file_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// What the file stores about the design; a resume must match it exactly.
engine::SweepHeader sweep_header(const scenarios::SweepDesign& design, const fs::path& file,
                                 const scenarios::Scenario& base) {
  engine::SweepHeader sweep;
  sweep.name = design.name;
  sweep.sweep_toml = file_text(file);
  sweep.design = std::string(scenarios::design_type_name(design.type));
  sweep.replicates = design.replicates;
  sweep.base_samples = static_cast<std::int64_t>(design.base_samples);
  sweep.base_scenario_toml = scenarios::to_toml(base);
  for (const auto p : design.factor_parameters()) {
    sweep.factor_paths.emplace_back(scenarios::spec(p).path);
  }
  sweep.matrix = design.matrix;
  return sweep;
}

po::options_description sweep_options() {
  po::options_description visible(
      "Usage: rampart sweep SWEEP.toml [options]\n\n"
      "Runs every point of a sweep design (docs/scenarios.md, \"Sweeps\") `replicates`\n"
      "times and writes the runs, the design matrix and the sweep file to one HDF5 file\n"
      "(docs/output.md, \"Sweep files\"). Replicate r of every point uses the same random draws\n"
      "(common random numbers). Ctrl-C stops cleanly; continue with --resume. 'rampart check\n"
      "SWEEP.toml' validates the file and counts its runs; --estimate also times a pilot.\n\n"
      "Options");
  visible.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>()->default_value("sweep.h5"), "results file")(
      "compression", po::value<std::string>()->default_value("deflate"), kCompressionHelp)(
      "keep-bits", po::value<int>(), kKeepBitsHelp)("threads,t", po::value<int>(),
                                                    "worker threads (default: all cores)")(
      "horizon", po::value<int>(),
      "last simulated year, 2025..2050 (default: the base scenario's)")(
      "force",
      "overwrite an existing results file (or discard a partial one), and accept a design with "
      "more points than the sweep's max_points")(
      "resume", "continue the interrupted sweep that left OUTPUT.part")(
      "shard", po::value<std::string>(),
      "K/N: run only the K-th (0-based) of N equal parts of the work into the part file OUTPUT; "
      "join the parts with 'rampart merge' (docs/cluster.md)")("quiet,q",
                                                               "no progress bar and no summary")(
      "no-space-check",
      "do not refuse a sweep whose file would not fit the free space (for file systems that "
      "misreport it)")("estimate",
                       "check the sweep, run a short pilot and predict the wall time, file size "
                       "and memory of the whole design (at --threads); writes no output");
  return visible;
}

// Each point's name, after building its scenario and model once to refuse what the model
// refuses before the disk is touched. Memory flat in the number of points: each point's scenario
// (about 15 kB: its country table and parameters) is dropped again; a worker thread builds it
// again when it reaches the point's blocks and keeps only the one it works on. Holding every
// point cost 56/171/315 MB at 2k/10k/20k points.
std::vector<std::string> checked_point_names(const scenarios::Scenario& base,
                                             const scenarios::SweepDesign& design, int horizon) {
  std::vector<std::string> point_names;
  point_names.reserve(design.points);
  for (std::size_t p = 0; p < design.points; ++p) {
    const scenarios::Scenario point = scenarios::scenario_for_point(base, design, p);
    const sim::Model checked(point, horizon);
    point_names.push_back(point.name);
  }
  return point_names;
}

}  // namespace

// Options, the design and its points (all checked before the disk is touched), then the runs.
int cmd_sweep(const Args& args) {
  // As in `rampart run`: a file sealed after a write error must not be closed again at exit.
  H5dont_atexit();
  const po::options_description visible = sweep_options();
  const auto parsed = parse_options(args, "", visible, {"sweep", -1});
  if (!parsed) return 0;
  const po::variables_map& vm = *parsed;
  if (vm.count("sweep") == 0U) throw UsageError{"no sweep file given"};
  const auto sweep_files = vm["sweep"].as<std::vector<std::string>>();
  if (sweep_files.size() != 1) throw UsageError{"give exactly one sweep file"};
  const std::string& sweep_file = sweep_files.front();
  const OutputChoice choice{
      vm["output"].as<std::string>(),  threads_option(vm),
      vm.count("force") != 0U,         vm.count("resume") != 0U,
      vm.count("quiet") != 0U,         vm.count("shard") != 0U ? vm["shard"].as<std::string>() : "",
      vm.count("no-space-check") == 0U};
  const bool estimate = vm.count("estimate") != 0U;
  const engine::Compression compression = compression_option(vm);
  const int keep_bits = keep_bits_option(vm);
  if (estimate && choice.resume)
    throw UsageError{"--estimate predicts a fresh sweep; drop --resume"};
  // Checked before the design's points are built: the destination must not fail at the end.
  // (--estimate writes no output: its pilot uses a scratch folder.)
  if (!estimate) check_output_path(choice.output, results_side_suffixes());
  const std::optional<int> horizon_choice = horizon_option(vm);
  // load_sweep refuses a missing file, a device, a FIFO or a folder, naming what it is.

  // The design and its points: loaded and checked before anything touches the disk. A resumed
  // sweep was accepted when it started; its design is compared with the partial file's.
  scenarios::SweepLoadOptions load_options;
  load_options.force = choice.force || choice.resume;
  const scenarios::SweepDesign design = scenarios::load_sweep(sweep_file, load_options);
  // The events table stores the point index as a 16-bit integer.
  if (design.points > static_cast<std::size_t>(std::numeric_limits<std::int16_t>::max()) + 1) {
    throw UsageError{"the design has " + std::to_string(design.points) +
                     " points; a results file holds at most 32768"};
  }
  const auto countries = scenarios::load_country_table(scenarios::scenario_library_dir());
  const scenarios::Scenario base = scenarios::load_scenario(design.base, countries);
  const int horizon = horizon_choice.value_or(base.horizon);
  std::vector<std::string> point_names = checked_point_names(base, design, horizon);
  const sim::RecordShape shape = sim::Model(base, horizon).shape();
  struct PointModel {
    std::size_t point = std::numeric_limits<std::size_t>::max();
    std::optional<scenarios::Scenario> scenario;
    std::optional<sim::Model> model;  // points into `scenario`
  };
  tbb::enumerable_thread_specific<PointModel> per_thread;
  const engine::SimulateRun simulate = [&](std::size_t p, const sim::RunRng& rng,
                                           scenarios::ParameterValues& params,
                                           const sim::RunRecordView& out) {
    PointModel& local = per_thread.local();
    if (local.point != p) {
      local.model.reset();
      local.scenario = scenarios::scenario_for_point(base, design, p);
      local.model.emplace(*local.scenario, horizon);
      local.point = p;
    }
    local.model->sample_and_run(rng, params, out);
  };

  // The seed and the replicates are the sweep file's own, so the file and the horizon decide
  // the data.
  const std::string command = "rampart sweep " + shell_quoted(sweep_file) + " --horizon " +
                              std::to_string(horizon) + keep_bits_argument(keep_bits);
  engine::RunToFileRequest run;
  run.header = results_header(design.seed, point_names.size(), design.replicates, base.start_year,
                              horizon, command, base.countries, *countries.data);
  run.header.scenario_dim = engine::kPointDim;
  run.header.compression = compression;
  run.header.keep_bits = keep_bits;
  run.header.scenario_names = std::move(point_names);
  // No per-point TOML (8192 points x ~10 kB): readers rebuild a point from the base scenario
  // and its design row (engine::ResultsReader::stored_scenario).
  run.header.sweep = sweep_header(design, sweep_file, base);
  run.shape = shape;
  if (estimate) return print_estimate(run, simulate, choice);
  return run_into_file(std::move(run), simulate, choice, command, "sweep");
}

}  // namespace rampart::cli
