#pragma once
// `rampart merge`: joins the part files of a sharded request (--shard k/N, or MPI ranks) into
// the one file a single process would have written. The parts are checked first (complete,
// same request, disjoint, covering every block); then every block's compressed chunks are
// copied raw and its events appended, through the same ResultsWriter calls a single process
// makes, so with SOURCE_DATE_EPOCH set the merged file is byte-identical to it.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "rampart/io/errors.hpp"
#include "rampart/io/partial_path.hpp"
#include "rampart/io/results_writer.hpp"

namespace rampart::engine {

// A part that is missing, unfinished, damaged or from another request; the diagnostic names
// the part file and the problem.
class MergeError : public support::InputError {
 public:
  using support::InputError::InputError;
};

struct MergeRequest {
  std::vector<std::filesystem::path> parts;  // in any order
  // Written as merge_partial_path(output), renamed when complete.
  std::filesystem::path output;
  // Called after each block is copied, with the blocks copied and the total.
  std::function<void(std::int64_t blocks_done, std::int64_t total_blocks)> on_block;
  // As RunToFileRequest's: the merged file equals a one-process file written with the same limit.
  std::size_t metadata_cache_limit = kMetadataCacheLimit;
  // Polled before each block (a Ctrl-C flag): once set, the merge stops, removes its partial
  // file and returns with `complete` false.
  const std::atomic<bool>* stop = nullptr;
  // --force: remove a FILE.merge.part left by a killed merge (never a run's FILE.part).
  bool discard_stale_partial = false;
};

struct MergeOutcome {
  std::int64_t blocks = 0;
  std::int64_t runs = 0;          // summed over scenarios
  std::int64_t file_reopens = 0;  // by the writer, to empty its metadata cache
  bool complete = true;           // false: stopped by `stop`, nothing written
};

// Checks every part's header, then merges them, checking each chunk as it is copied (it must
// decompress: deflate's checksum); throws MergeError naming the part (FormatError for a file
// that is not a results file) and removes its partial output on any error, so a refused merge
// leaves nothing. The output's lock is taken before anything else; a partial file found then
// is refused (MergeError naming it): a run's or sweep's FILE.part always, an interrupted
// merge's FILE.merge.part unless `discard_stale_partial`. The caller decides whether an
// existing `output` may be replaced; it is replaced only by the rename of a complete file.
MergeOutcome merge_parts(const MergeRequest& request);

}  // namespace rampart::engine
