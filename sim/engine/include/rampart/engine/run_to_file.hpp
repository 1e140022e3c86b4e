#pragma once
// Runs a whole request into a results file: lock FILE.lock, write FILE.part (new, or resumed
// from its last committed block), and rename it to FILE only when every block is written.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "rampart/engine/runner.hpp"
#include "rampart/io/partial_path.hpp"
#include "rampart/io/results_writer.hpp"

namespace rampart::engine {

struct RunToFileRequest {
  ResultsHeader header;
  sim::RecordShape shape;
  std::filesystem::path output;  // the final name; data goes to output + ".part" until complete
  bool resume = false;           // continue output + ".part" instead of starting afresh
  int threads = 1;
  const std::atomic<bool>* stop = nullptr;
  // Called once the file is open, with the runs it already holds (0 unless resuming). Run
  // counts given to these callbacks count only the request's own runs (a shard's share).
  std::function<void(std::int64_t runs_before)> on_start;
  // Called from the writer stage after each block with the runs written so far (all scenarios).
  std::function<void(std::int64_t runs_done)> on_block_written;
  // Called when --resume finds the partial file damaged (a kill during a save) and starts again
  // from run 0; the argument says what was wrong.
  std::function<void(const std::string& why)> on_damaged_partial;
  // The writer reopens the file after a commit leaving its metadata cache above this (memory
  // flat in --runs; results_writer.hpp). Tests set it low to reopen at every commit.
  std::size_t metadata_cache_limit = kMetadataCacheLimit;
};

struct RunToFileOutcome {
  std::int64_t runs_before = 0;  // runs already in the partial file when resuming
  std::int64_t runs_done = 0;    // runs in the file now
  std::int64_t total_runs = 0;
  bool complete = false;
  // The final file if complete, else the partial one; empty when stopped while the file was
  // being created (nothing written, nothing to resume).
  std::filesystem::path path;
  std::int64_t file_reopens = 0;  // by the writer of this invocation, to empty its metadata cache
};

// The runs a request's file will hold: all of them, or a shard's share (summed over scenarios).
std::int64_t runs_in_request(const ResultsHeader& header);

RunToFileOutcome run_to_file(const RunToFileRequest& request, const SimulateRun& simulate);

}  // namespace rampart::engine
