#pragma once
// Writes a results file (layout: docs/output.md) block by block, crash-safely: every block's
// chunks are written once; at each commit (every block, or every k-th small one) the blocks'
// events are appended, blocks_done and the committed event count updated and the file flushed.
// Metadata-cache evictions are off, so metadata reaches the disk only at a flush
// and a process killed between flushes leaves the last flushed, consistent state. Without
// evictions the cache keeps every chunk-index node it wrote (with HDF5's bookkeeping of them,
// about 38 bytes a run), so after a commit that leaves it above kMetadataCacheLimit the file is
// closed and reopened:
// everything is on disk then, and memory stays flat in the number of runs.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "rampart/io/block_buffer.hpp"
#include "rampart/io/h5.hpp"
#include "rampart/io/results_header.hpp"
#include "rampart/io/results_layout.hpp"

namespace rampart::engine {

// The metadata cache size above which a commit closes and reopens the file (see above).
inline constexpr std::size_t kMetadataCacheLimit = std::size_t{512} << 10;

// One block already compressed (chunks in chunked_datasets() order, see chunk_codec.hpp) with
// its events in run order: what `rampart merge` copies from a part file.
struct EncodedBlock {
  std::size_t scenario = 0;  // the first of the block's scenarios
  std::int64_t first_run = 0;
  const std::vector<ChunkBytes>* chunks = nullptr;
  const std::vector<EventRow>* events = nullptr;
};

class ResultsWriter {
 public:
  // Creates `path` (truncating) with every dataset sized for the whole request.
  // `metadata_cache_limit`: see kMetadataCacheLimit (tests set it low to reopen at every commit).
  // `stop` (a Ctrl-C flag) is polled while the run scale (8 bytes a run) is written, the one
  // step of creation that grows with --runs: once set (and past the scale's first 65536 runs),
  // create throws CreationInterrupted, leaving PATH.new behind for the caller to remove.
  static ResultsWriter create(const std::filesystem::path& path, const ResultsHeader& header,
                              std::size_t metadata_cache_limit = kMetadataCacheLimit,
                              const std::atomic<bool>* stop = nullptr);
  // Reopens a partial file; throws ResumeMismatch naming the first difference from `header`,
  // FormatError for another major version. Drops events past the committed count.
  static ResultsWriter resume(const std::filesystem::path& path, const ResultsHeader& header,
                              std::size_t metadata_cache_limit = kMetadataCacheLimit);

  ResultsWriter(ResultsWriter&&) noexcept = default;
  ResultsWriter& operator=(ResultsWriter&&) noexcept = default;
  ~ResultsWriter();

  // Blocks written (the next block's number); blocks_done in the file counts those committed.
  [[nodiscard]] std::int64_t blocks_done() const { return blocks_done_; }
  [[nodiscard]] std::int64_t events_committed() const { return events_committed_; }
  // Times the file was closed and reopened to empty the metadata cache.
  [[nodiscard]] std::int64_t reopens() const { return reopens_; }

  // Writes block number `blocks_done()` (its chunks, events), then commits and flushes: after
  // every block of 256 runs, after every k-th block when blocks are smaller (each commit
  // covering at least 256 runs), and at close. A block
  // whose chunks were compressed by encode_block() is copied in with H5Dwrite_chunk; any other
  // goes through HDF5's own filters.
  void write_block(const BlockBuffer& block);
  // The same for a block whose chunks are already compressed: the same HDF5 calls in the same
  // order as write_block of an encoded block, so a merged file equals a one-process one.
  void write_encoded_block(const EncodedBlock& block);
  // If write_block fails (a full disk), the file is sealed: nothing more is written to it, not
  // even at close, so it stays as it was at the last commit, resumable. A sealed file's HDF5
  // identifier is abandoned, not closed (closing would try to flush); a program that may hit
  // this should call H5dont_atexit() before its first HDF5 call, as `rampart run` does.
  // Marks the file complete and closes it.
  void finish();
  // Flushes and closes, leaving status "partial".
  void close();

 private:
  ResultsWriter() = default;
  void open_datasets();
  void verify_committed_data() const;
  void seal() noexcept;
  void put_chunks(std::size_t scenario, std::int64_t first_run,
                  const std::vector<ChunkBytes>& chunks);
  void count_block_and_commit();
  void write_slabs(const BlockBuffer& block);
  void append_events_and_commit(const BlockBuffer& block);
  void commit();
  void reopen_if_cache_grew();
  void close_handles();

  std::filesystem::path path_;
  h5::Handle file_;
  bool sealed_ = false;
  std::vector<h5::Handle> datasets_;  // the chunked datasets, in chunked_datasets() order
  h5::Handle events_;
  h5::Handle event_memory_type_;
  std::int64_t blocks_done_ = 0;       // written
  std::int64_t blocks_committed_ = 0;  // written and flushed with the counters
  std::int64_t events_committed_ = 0;
  std::int64_t commit_every_ = 1;
  std::size_t metadata_cache_limit_ = kMetadataCacheLimit;
  std::int64_t reopens_ = 0;
  int block_runs_ = 1;  // runs per block, the slab size of verify_committed_data
  std::vector<float> summary_scratch_;
  std::vector<EventRow> pending_events_;            // of the blocks written since the last commit
  std::vector<unsigned char> pending_event_bytes_;  // the same, packed as the file stores them
};

}  // namespace rampart::engine
