// rampart merge PART... -o FILE.h5: joins the part files of a sharded request (--shard K/N, or
// the ranks of an MPI run) into the file one process would have written. Every part is checked
// before anything is written; a refused merge leaves no output behind.

#include <hdf5.h>
#include <sys/statvfs.h>

#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "options.hpp"
#include "output_paths.hpp"
#include "rampart/engine/progress.hpp"
#include "rampart/engine/run_to_file.hpp"
#include "rampart/io/results_merge.hpp"
#include "run_session.hpp"

namespace rampart::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

int cmd_merge(const Args& args) {
  // As in `rampart run`: a file sealed after a write error is abandoned open, and HDF5's
  // exit-time close of it would crash (SIGSEGV after "No space left on device").
  H5dont_atexit();
  po::options_description visible(
      "Usage: rampart merge PART... -o FILE.h5 [options]\n\n"
      "Joins the part files written by 'rampart run|sweep ... --shard K/N' (K = 0..N-1) into\n"
      "one results file, identical to the file a single process writes. Refuses parts that\n"
      "are unfinished, damaged, missing, given twice, or from another request (another\n"
      "command, seed, version or shard count), naming the part and the problem. Ctrl-C stops\n"
      "it and leaves nothing behind.\n\nOptions");
  visible.add_options()("help,h", "show this help")("output,o", po::value<std::string>(),
                                                    "the merged results file (required)")(
      "force",
      "overwrite an existing FILE.h5 (or discard FILE.h5.merge.part left by a killed merge)")(
      "no-space-check",
      "do not refuse a merge larger than the free space (for file systems that misreport it)")(
      "quiet,q", "print nothing when it succeeds");
  const auto parsed = parse_options(args, "", visible, {"part", -1});
  if (!parsed) return 0;
  const po::variables_map& vm = *parsed;
  if (vm.count("part") == 0U) throw UsageError{"no part files given"};
  if (vm.count("output") == 0U) throw UsageError{"give the merged file with -o FILE.h5"};

  engine::MergeRequest request;
  request.output = vm["output"].as<std::string>();
  check_output_path(request.output, {".merge.part", ".merge.part.new", ".lock"});
  for (const auto& p : vm["part"].as<std::vector<std::string>>()) request.parts.emplace_back(p);
  std::uintmax_t part_bytes = 0;
  for (const auto& p : request.parts) {
    std::error_code ignored;
    if (fs::equivalent(p, request.output, ignored)) {
      throw UsageError{"the output " + request.output.string() + " is one of the parts"};
    }
    const auto size = fs::file_size(p, ignored);
    if (!ignored) part_bytes += size;
  }
  const bool force = vm.count("force") != 0U;
  if (fs::exists(request.output) && !force) {
    throw UsageError{request.output.string() + " exists; pass --force to overwrite it"};
  }
  if (vm.count("no-space-check") == 0U) {
    // The merged file holds the parts' chunks and events; each part repeats the header and
    // the run scale, so their sum is a bound from above, close enough to refuse early.
    const fs::path dir = request.output.has_parent_path() ? request.output.parent_path() : ".";
    struct statvfs info {};
    if (::statvfs(dir.c_str(), &info) == 0) {
      const auto free_bytes = static_cast<std::uintmax_t>(info.f_bavail) * info.f_frsize;
      if (part_bytes > free_bytes) {
        throw UsageError{"the parts hold " + engine::format_bytes(part_bytes) + " (" +
                         std::to_string(part_bytes) + " bytes) but the file system of " +
                         dir.string() + " has " + engine::format_bytes(free_bytes) +
                         " free; free some space or pass --no-space-check"};
      }
    }
  }
  request.discard_stale_partial = force;

  const StopOnSignals stop_on_signals;
  request.stop = stop_on_signals.flag();
  const engine::MergeOutcome outcome = engine::merge_parts(request);
  if (!outcome.complete) {
    std::cerr << "rampart merge: interrupted; nothing was written (the parts are untouched)\n";
    return 130;
  }
  if (vm.count("quiet") == 0U) {
    std::cerr << "merged " << request.parts.size() << " parts (" << outcome.runs << " runs, "
              << outcome.blocks << " blocks) into " << request.output.string() << " ("
              << engine::format_bytes(fs::file_size(request.output)) << ")\n";
  }
  return 0;
}

}  // namespace rampart::cli
