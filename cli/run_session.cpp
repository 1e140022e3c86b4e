#include "run_session.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "commands.hpp"
#include "exit_status.hpp"
#include "output_paths.hpp"
#include "rampart/engine/estimate.hpp"
#include "rampart/engine/mpi_session.hpp"
#include "rampart/engine/progress.hpp"
#include "rampart/io/results_merge.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/version.hpp"

namespace rampart::cli {
namespace {

namespace fs = std::filesystem;

// Set by SIGINT/SIGTERM. A signal handler can only reach static storage, hence this one
// file-local flag.
std::atomic<bool> g_stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void request_stop(int /*signal*/) {
  g_stop_requested.store(true);
}

}  // namespace

std::string shell_quoted(const std::string& word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("._-/+=:,").find(c) != std::string_view::npos;
  });
  if (plain) return word;
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

StopOnSignals::StopOnSignals() {
  g_stop_requested.store(false);
  struct sigaction action {};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, &old_int_);
  sigaction(SIGTERM, &action, &old_term_);
}

StopOnSignals::~StopOnSignals() {
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
}

const std::atomic<bool>* StopOnSignals::flag() const {
  return &g_stop_requested;
}

int threads_option(const boost::program_options::variables_map& vm) {
  const unsigned hardware = std::max(1U, std::thread::hardware_concurrency());
  const int threads =
      vm.count("threads") != 0U ? vm["threads"].as<int>() : static_cast<int>(hardware);
  if (threads <= 0) {
    throw UsageError{"--threads must be positive (got " + std::to_string(threads) + ")"};
  }
  return threads;
}

std::optional<int> horizon_option(const boost::program_options::variables_map& vm) {
  if (vm.count("horizon") == 0U) return std::nullopt;
  const int horizon = vm["horizon"].as<int>();
  if (horizon < scenarios::kMinHorizon || horizon > scenarios::kMaxHorizon) {
    throw UsageError{"--horizon must be between " + std::to_string(scenarios::kMinHorizon) +
                     " and " + std::to_string(scenarios::kMaxHorizon) + " (got " +
                     std::to_string(horizon) + ")"};
  }
  return horizon;
}

engine::Compression compression_option(const boost::program_options::variables_map& vm) {
  if (vm.count("compression") == 0U) return engine::kDefaultCompression;
  const auto& name = vm["compression"].as<std::string>();
  const auto compression = engine::parse_compression(name);
  if (!compression) {
    throw UsageError{"--compression must be one of " + engine::compression_names() + " (got '" +
                     name + "')"};
  }
  return *compression;
}

int keep_bits_option(const boost::program_options::variables_map& vm) {
  if (vm.count("keep-bits") == 0U) return engine::kAllMantissaBits;
  const int keep_bits = vm["keep-bits"].as<int>();
  if (keep_bits < engine::kFewestMantissaBits || keep_bits > engine::kAllMantissaBits) {
    throw UsageError{"--keep-bits must be between " + std::to_string(engine::kFewestMantissaBits) +
                     " and " + std::to_string(engine::kAllMantissaBits) + " (got " +
                     std::to_string(keep_bits) + ")"};
  }
  return keep_bits;
}

std::string keep_bits_argument(int keep_bits) {
  return keep_bits == engine::kAllMantissaBits ? std::string()
                                               : " --keep-bits " + std::to_string(keep_bits);
}

void check_output_location(const OutputChoice& choice) {
  check_output_path(choice.output, results_side_suffixes());
  const fs::path part = engine::partial_path(choice.output);
  if (const fs::path merging = engine::merge_partial_path(choice.output); fs::exists(merging)) {
    // Another kind of job's partial file: neither --force nor --resume may touch it.
    throw UsageError{"a partial " + merging.string() + " of an interrupted 'rampart merge' into " +
                     choice.output.string() + " exists; remove it or choose another -o"};
  }
  if (choice.resume) {
    if (choice.force) throw UsageError{"--resume and --force exclude each other"};
    if (!fs::exists(part)) {
      throw UsageError{"--resume: there is no partial file " + part.string() +
                       (fs::exists(choice.output)
                            ? " (" + choice.output.string() + " is already complete)"
                            : "")};
    }
    return;
  }
  if (fs::exists(choice.output) && !choice.force) {
    throw UsageError{choice.output.string() + " exists; pass --force to overwrite it"};
  }
  if (fs::exists(part) && !choice.force) {
    throw UsageError{"a partial " + part.string() +
                     " exists; continue it with --resume or discard it with --force"};
  }
}

void check_run_count(const engine::ResultsHeader& header) {
  const std::int64_t cap = engine::max_runs_per_scenario(header);
  if (header.runs > cap) {
    throw UsageError{"--runs " + std::to_string(header.runs) +
                     " is more than a results file holds: at most " + std::to_string(cap) +
                     " runs per scenario for " + std::to_string(header.scenario_names.size()) +
                     " scenario(s), " + std::to_string(header.years()) + " years and " +
                     std::to_string(header.country_iso3.size()) +
                     " countries (its largest dataset, scenario x run x year x country of "
                     "float32, must stay under 2^63 bytes)"};
  }
}

void check_free_space(const engine::RunToFileRequest& request, const OutputChoice& choice) {
  if (!choice.space_check) return;
  const fs::path dir = choice.output.has_parent_path() ? choice.output.parent_path() : ".";
  struct statvfs info {};
  if (::statvfs(dir.c_str(), &info) != 0) return;  // unknown: the writer reports a full disk
  const auto free_bytes = static_cast<std::uint64_t>(info.f_bavail) * info.f_frsize;
  std::uint64_t needed = engine::minimum_file_bytes(request.header, request.shape);
  const fs::path part = engine::partial_path(choice.output);
  std::error_code ignored;
  if (choice.resume && fs::is_regular_file(part, ignored)) {
    needed -= std::min(needed, static_cast<std::uint64_t>(fs::file_size(part, ignored)));
  }
  if (needed > free_bytes) {
    throw UsageError{"the results file needs at least " + engine::format_bytes(needed) + " (" +
                     std::to_string(needed) + " bytes) but the file system of " + dir.string() +
                     " has " + engine::format_bytes(free_bytes) +
                     " free; free some space, choose another -o or fewer runs, or pass "
                     "--no-space-check if the file system misreports its free space"};
  }
}

namespace {

// A duration as people read it: seconds up to 90 s, then minutes, then hours.
std::string readable_duration(double seconds) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1);
  if (seconds < 90) {
    out << seconds << " s";
  } else if (seconds < 90 * 60) {
    out << seconds / 60 << " min";
  } else {
    out << seconds / 3600 << " h";
  }
  return out.str();
}

}  // namespace

int print_estimate(const engine::RunToFileRequest& request, const engine::SimulateRun& simulate,
                   const OutputChoice& choice) {
  engine::EstimateRequest pilot;
  pilot.header = request.header;
  if (!choice.shard.empty()) {
    try {
      pilot.header.shard =
          engine::parse_shard(choice.shard, engine::plan_of(request.header).total_blocks());
    } catch (const std::invalid_argument& e) {
      throw UsageError{e.what()};
    }
  }
  pilot.shape = request.shape;
  pilot.threads = choice.threads;
  const fs::path dir = choice.output.has_parent_path() ? choice.output.parent_path() : ".";
  pilot.scratch_dir = fs::is_directory(dir) ? dir : fs::temp_directory_path();
  const engine::Estimate e = engine::estimate_request(pilot, simulate);

  std::cout << std::fixed << std::setprecision(1) << "estimate for " << e.total_runs << " runs"
            << (choice.shard.empty() ? "" : " (shard " + choice.shard + ")") << " at "
            << choice.threads << (choice.threads == 1 ? " thread" : " threads")
            << ", from a pilot of " << e.pilot_runs << " runs in " << std::setprecision(2)
            << e.pilot_seconds << " s:\n"
            << "  wall time  " << readable_duration(e.wall_seconds) << " (" << std::setprecision(0)
            << e.runs_per_second << " runs/s with output)\n"
            << "  file size  " << engine::format_bytes(e.file_bytes) << " (" << e.file_bytes
            << " bytes: " << engine::format_bytes(e.fixed_bytes) << " header and "
            << engine::format_bytes(static_cast<std::uint64_t>(e.bytes_per_run)) << " per run)\n"
            << "  memory     " << engine::format_bytes(e.peak_rss_bytes) << " (" << e.peak_rss_bytes
            << " bytes peak resident; flat in the number of runs)\n";
  struct statvfs info {};
  if (fs::is_directory(dir) && ::statvfs(dir.c_str(), &info) == 0) {
    const auto free_bytes = static_cast<std::uint64_t>(info.f_bavail) * info.f_frsize;
    std::cout << "  disk       " << engine::format_bytes(free_bytes) << " free in " << dir.string()
              << (free_bytes >= e.file_bytes ? ": the file fits\n"
                                             : ": NOT enough for the file; choose another -o\n");
  }
  return 0;
}

engine::ResultsHeader results_header(std::uint64_t seed, std::size_t scenarios, std::int64_t runs,
                                     int first_year, int horizon, const std::string& command,
                                     const std::vector<scenarios::Country>& countries,
                                     const scenarios::CalibrationData& data) {
  engine::ResultsHeader header;
  header.seed = seed;
  header.runs = runs;
  header.first_year = first_year;
  header.horizon = horizon;
  const engine::BlockShape block = engine::default_block_shape(scenarios, runs);
  header.block_runs = block.runs;
  header.block_scenarios = block.scenarios;
  header.command = command;
  header.rampart_version = kVersion;
  header.git_sha = kGitSha;
  header.created = engine::creation_timestamp();
  for (const auto& c : countries) {
    header.country_iso3.push_back(c.iso3);
    header.country_names.push_back(c.name);
  }
  header.calibration_files = data.files;
  return header;
}

namespace {

// One process's share: the whole request, a --shard part, or an MPI rank's part.
int run_locally(engine::RunToFileRequest request, const engine::SimulateRun& simulate,
                const OutputChoice& choice, const std::string& resume_hint,
                std::string_view command_name, bool announce_file = true) {
  check_output_location(choice);
  const StopOnSignals stop_on_signals;
  const auto progress_mode = engine::ProgressMeter::mode_for_stderr(choice.quiet);
  const std::int64_t total_runs = engine::runs_in_request(request.header);
  request.output = choice.output;
  request.resume = choice.resume;
  request.threads = choice.threads;
  request.stop = stop_on_signals.flag();
  std::optional<engine::ProgressMeter> meter;
  request.on_start = [&](std::int64_t runs_before) {
    meter.emplace(progress_mode, std::cerr, total_runs, runs_before);
  };
  request.on_block_written = [&](std::int64_t runs_done) { meter->update(runs_done); };
  request.on_damaged_partial = [](const std::string& why) {
    // Always said, even with --quiet: the user asked to continue and gets a fresh start.
    std::cerr << "rampart: warning: " << why
              << "; it was interrupted during a save. Starting again from run 0 (runs are "
                 "deterministic: the finished file is the same).\n";
  };

  check_free_space(request, choice);
  engine::RunToFileOutcome outcome;
  try {
    outcome = engine::run_to_file(request, simulate);
  } catch (const engine::H5Error&) {
    if (fs::exists(engine::partial_path(choice.output))) {
      std::cerr << "rampart " << command_name
                << ": the partial file keeps every block written before the error; "
                   "resume with: "
                << resume_hint << '\n';
    }
    throw;
  }
  if (meter) meter->finish(outcome.runs_done);
  if (outcome.path.empty()) {
    std::cerr << "rampart " << command_name
              << ": interrupted while creating the file, before the first run; nothing was "
                 "written\n";
    return 130;
  }
  if (!outcome.complete) {
    std::cerr << "rampart " << command_name << ": interrupted after " << outcome.runs_done << " of "
              << outcome.total_runs << " runs; resume with: " << resume_hint << '\n';
    return 130;
  }
  if (!choice.quiet && announce_file) {
    std::cerr << "wrote " << outcome.path.string() << " ("
              << engine::format_bytes(fs::file_size(outcome.path)) << ")\n";
  }
  return 0;
}

// Prints what main would print for the exception in flight, each line marked with the rank;
// returns the exit status.
int describe_error(std::string_view command_name, const std::string& where) {
  const ErrorReport report = describe_current_exception(command_name);
  for (const auto& line : report.lines) std::cerr << where << line << '\n';
  return report.status;
}

// mpirun -np K: rank r runs shard r/K into its own part file, rank 0 merges them. Any error
// ends all ranks at once (a rank that merely waited for the others would wait for hours).
int run_distributed(engine::RunToFileRequest request, const engine::SimulateRun& simulate,
                    const OutputChoice& choice, const std::string& command,
                    std::string_view command_name, const engine::MpiSession& mpi) {
  const int rank = mpi.rank();
  const int size = mpi.size();
  const std::string where = "[rank " + std::to_string(rank) + " of " + std::to_string(size) + "] ";
  int status = 0;
  try {
    if (!choice.shard.empty()) {
      throw UsageError{"--shard and mpirun exclude each other: each rank runs one shard already"};
    }
    check_output_path(choice.output, results_side_suffixes());
    // Rank 0's merge would refuse these only after every rank's work: a one-process run's
    // partial file always, a killed merge's unless --force (the merge then discards it).
    const fs::path run_partial = engine::partial_path(choice.output);
    const fs::path merge_partial = engine::merge_partial_path(choice.output);
    if (fs::exists(run_partial) || (fs::exists(merge_partial) && !choice.force)) {
      throw UsageError{"a partial file " +
                       (fs::exists(run_partial) ? run_partial : merge_partial).string() +
                       " of another job into " + choice.output.string() +
                       " exists; remove it or choose another -o"};
    }
    if (fs::exists(choice.output) && !choice.force) {
      throw UsageError{choice.output.string() + " exists; pass --force to overwrite it"};
    }
    request.header.shard =
        engine::make_shard(rank, size, engine::plan_of(request.header).total_blocks());
    OutputChoice mine = choice;
    mine.output = rank_part_path(choice.output, rank, size);
    mine.quiet = choice.quiet || rank != 0;
    const fs::path part = engine::partial_path(mine.output);
    if (choice.force) {
      fs::remove(mine.output);
      fs::remove(part);
      mine.force = false;
    }
    // --resume: a rank whose part was finished has nothing left to do; one killed before its
    // part file existed starts afresh.
    const bool finished_before = choice.resume && fs::exists(mine.output) && !fs::exists(part);
    if (!finished_before) {
      mine.resume = choice.resume && fs::exists(part);
      const std::string hint = "mpirun -np " + std::to_string(size) + " " + command + " -o " +
                               shell_quoted(choice.output.string()) + " --resume";
      status = run_locally(std::move(request), simulate, mine, hint, command_name, false);
    }
  } catch (...) {
    mpi.abort(describe_error(command_name, where));
  }
  if (!mpi.all(status == 0)) return status == 0 ? 130 : status;
  if (rank == 0) {
    try {
      engine::MergeRequest merge;
      for (int r = 0; r < size; ++r) merge.parts.push_back(rank_part_path(choice.output, r, size));
      merge.output = choice.output;
      merge.discard_stale_partial = choice.force;
      engine::merge_parts(merge);
      for (const auto& p : merge.parts) fs::remove(p);
      if (!choice.quiet) {
        std::cerr << "wrote " << choice.output.string() << " ("
                  << engine::format_bytes(fs::file_size(choice.output)) << ") from " << size
                  << " MPI ranks\n";
      }
    } catch (...) {
      mpi.abort(describe_error(command_name, where));
    }
  }
  mpi.barrier();
  return 0;
}

}  // namespace

fs::path rank_part_path(const fs::path& output, int rank, int size) {
  return output.string() + ".rank" + std::to_string(rank) + "of" + std::to_string(size);
}

int run_into_file(engine::RunToFileRequest request, const engine::SimulateRun& simulate,
                  const OutputChoice& choice, const std::string& command,
                  std::string_view command_name) {
  check_run_count(request.header);
  const engine::MpiSession mpi;  // one rank unless started by mpirun
  if (mpi.distributed()) {
    return run_distributed(std::move(request), simulate, choice, command, command_name, mpi);
  }
  std::string resumed_command = command;
  if (!choice.shard.empty()) {
    try {
      request.header.shard =
          engine::parse_shard(choice.shard, engine::plan_of(request.header).total_blocks());
    } catch (const std::invalid_argument& e) {
      throw UsageError{e.what()};
    }
    resumed_command += " --shard " + choice.shard;
  }
  const std::string resume_hint =
      resumed_command + " -o " + shell_quoted(choice.output.string()) + " --resume";
  return run_locally(std::move(request), simulate, choice, resume_hint, command_name);
}

}  // namespace rampart::cli
