#pragma once
// What `rampart run` and `rampart sweep` share once their scenarios are built: stopping on
// Ctrl-C, checking the output location before anything is written, and running the request into
// its results file with a progress meter, a resume hint when interrupted and a closing summary.

#include <signal.h>

#include <atomic>
#include <boost/program_options/variables_map.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/engine/run_to_file.hpp"
#include "rampart/scenarios/country.hpp"

namespace rampart::cli {

// A word as a POSIX shell reads it back (quoted only when it needs to be).
std::string shell_quoted(const std::string& word);

// Installs the SIGINT/SIGTERM stop handler for its lifetime; a second Ctrl-C kills at once
// (SA_RESETHAND), the partial file still being resumable from its last flush.
class StopOnSignals {
 public:
  StopOnSignals();
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;
  ~StopOnSignals();

  // Set once a stop signal arrived; the pipeline stops handing out blocks.
  [[nodiscard]] const std::atomic<bool>* flag() const;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

// Where and how the results go: the options both commands take.
struct OutputChoice {
  std::filesystem::path output;
  int threads = 1;
  bool force = false;
  bool resume = false;
  bool quiet = false;
  std::string shard;        // "K/N" from --shard: write only that shard's part file; empty: all
  bool space_check = true;  // false with --no-space-check
};

// The file rank `rank` of `size` MPI ranks writes before rank 0 merges: OUTPUT.rank<r>of<N>.
std::filesystem::path rank_part_path(const std::filesystem::path& output, int rank, int size);

// --threads (default: all cores) and --horizon (checked against the model's range), validated.
int threads_option(const boost::program_options::variables_map& vm);
std::optional<int> horizon_option(const boost::program_options::variables_map& vm);
// --compression (default: engine::kDefaultCompression), one of engine::compression_names().
engine::Compression compression_option(const boost::program_options::variables_map& vm);
// The --compression option's help text, shared by `run` and `sweep`.
inline constexpr const char* kCompressionHelp =
    "how chunks are stored: deflate (shuffle + deflate: the smaller file) or none (the values "
    "as they are: faster to write and scan, about 1.4 times larger, docs/performance.md); both "
    "open in any HDF5 reader";
// --keep-bits N (default: engine::kAllMantissaBits, the values as computed): the mantissa bits
// the float series keep, between engine::kFewestMantissaBits and engine::kAllMantissaBits.
int keep_bits_option(const boost::program_options::variables_map& vm);
// " --keep-bits N" for a request that rounds, else nothing: part of the canonical command,
// since rounding changes the stored values.
std::string keep_bits_argument(int keep_bits);
inline constexpr const char* kKeepBitsHelp =
    "N (1..23): store the yearly series rounded to N of a float's 23 mantissa bits (relative "
    "error at most 2^-(N+1)): 15 (about 5 significant digits) makes the file about a third "
    "smaller, 7 (about 2 digits) about two thirds; still plain floats that every reader opens, "
    "but no longer the exact values (docs/output.md, \"Keeping fewer bits\"). Default 23: "
    "every bit";

// Throws UsageError for an output path no writer may use (check_output_path), an existing
// output without --force, a leftover partial file without --resume or --force, --resume
// without a partial file, or an interrupted merge's partial file of the same output.
void check_output_location(const OutputChoice& choice);

// Throws UsageError when the request has more runs per scenario than a results file holds
// (engine::max_runs_per_scenario), naming the cap.
void check_run_count(const engine::ResultsHeader& header);

// Throws UsageError when the file the request will write (engine::minimum_file_bytes, less
// what a resumed partial file already holds) does not fit the free space of the output's file
// system, unless choice.space_check is off (--no-space-check).
void check_free_space(const engine::RunToFileRequest& request, const OutputChoice& choice);

// --estimate of `run` and `sweep`: a short pilot of `request` (or of choice.shard's part)
// predicts its wall time, file size and memory at choice.threads, compared with the free space
// of the output's file system; printed on stdout, nothing written. Returns 0.
int print_estimate(const engine::RunToFileRequest& request, const engine::SimulateRun& simulate,
                   const OutputChoice& choice);

// A header with everything but the scenarios filled in: seed, runs (per scenario), horizon,
// block shape (for `scenarios` scenarios or points), the canonical `command`, version, creation
// time, the countries and the text of the calibration data they were built from.
engine::ResultsHeader results_header(std::uint64_t seed, std::size_t scenarios, std::int64_t runs,
                                     int first_year, int horizon, const std::string& command,
                                     const std::vector<scenarios::Country>& countries,
                                     const scenarios::CalibrationData& data);

// Runs `request` (its header and shape filled in) into choice.output: progress on stderr unless
// quiet, stop on SIGINT/SIGTERM with a resume hint built from `command`, and "wrote FILE (size)".
// Returns the exit status: 0 complete, 130 interrupted. `command_name` prefixes the messages.
// With --shard K/N, writes only that shard's part file (docs/cluster.md). Launched by mpirun
// with K > 1 ranks, rank r runs shard r/K into rank_part_path(...) and rank 0 merges the parts
// into choice.output; an error on any rank ends every rank (MPI_Abort) and no output is made.
int run_into_file(engine::RunToFileRequest request, const engine::SimulateRun& simulate,
                  const OutputChoice& choice, const std::string& command,
                  std::string_view command_name);

}  // namespace rampart::cli
