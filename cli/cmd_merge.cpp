// rampart merge PART... -o FILE.h5: joins the part files of a sharded request (--shard K/N, or
// the ranks of an MPI run) into the file one process would have written. Every part is checked
// before anything is written; a refused merge leaves no output behind.

#include <hdf5.h>

#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "options.hpp"
#include "rampart/engine/progress.hpp"
#include "rampart/engine/results_merge.hpp"
#include "rampart/engine/run_to_file.hpp"

namespace rampart::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

int cmd_merge(const Args& args) {
  po::options_description visible(
      "Usage: rampart merge PART... -o FILE.h5 [options]\n\n"
      "Joins the part files written by 'rampart run|sweep ... --shard K/N' (K = 0..N-1) into\n"
      "one results file, identical to the file a single process writes. Refuses parts that\n"
      "are unfinished, damaged, missing, given twice, or from another request (another\n"
      "command, seed, version or shard count), naming the part and the problem.\n\nOptions");
  visible.add_options()("help,h", "show this help")("output,o", po::value<std::string>(),
                                                    "the merged results file (required)")(
      "force", "overwrite an existing FILE.h5")("quiet,q", "print nothing when it succeeds");
  const auto parsed = parse_options(args, "", visible, {"part", -1});
  if (!parsed) return 0;
  const po::variables_map& vm = *parsed;
  if (vm.count("part") == 0U) throw UsageError{"no part files given"};
  if (vm.count("output") == 0U) throw UsageError{"give the merged file with -o FILE.h5"};

  engine::MergeRequest request;
  request.output = vm["output"].as<std::string>();
  for (const auto& p : vm["part"].as<std::vector<std::string>>()) request.parts.emplace_back(p);
  for (const auto& p : request.parts) {
    std::error_code ignored;
    if (fs::equivalent(p, request.output, ignored)) {
      throw UsageError{"the output " + request.output.string() + " is one of the parts"};
    }
  }
  if (fs::exists(request.output) && vm.count("force") == 0U) {
    throw UsageError{request.output.string() + " exists; pass --force to overwrite it"};
  }
  const fs::path dir = request.output.has_parent_path() ? request.output.parent_path() : ".";
  if (!fs::is_directory(dir)) {
    throw UsageError{"cannot write " + request.output.string() + ": no directory " + dir.string()};
  }
  if (fs::exists(engine::partial_path(request.output))) {
    // A merge is quick to redo, so a leftover from a killed one is simply replaced.
    fs::remove(engine::partial_path(request.output));
  }

  const engine::MergeOutcome outcome = engine::merge_parts(request);
  if (vm.count("quiet") == 0U) {
    std::cerr << "merged " << request.parts.size() << " parts (" << outcome.runs << " runs, "
              << outcome.blocks << " blocks) into " << request.output.string() << " ("
              << engine::format_bytes(fs::file_size(request.output)) << ")\n";
  }
  return 0;
}

}  // namespace rampart::cli
