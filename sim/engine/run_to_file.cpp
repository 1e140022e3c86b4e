#include "rampart/engine/run_to_file.hpp"

#include "rampart/io/chunk_codec.hpp"
#include "rampart/io/output_lock.hpp"

namespace rampart::engine {

namespace {

// The request's blocks: all, or the shard's range.
std::int64_t first_block_of(const ResultsHeader& header) {
  return header.shard ? header.shard->first_block : 0;
}
std::int64_t end_block_of(const ResultsHeader& header, const RunPlan& plan) {
  return header.shard ? header.shard->end_block : plan.total_blocks();
}

}  // namespace

std::int64_t runs_in_request(const ResultsHeader& header) {
  const RunPlan plan = plan_of(header);
  return plan.runs_in_first_blocks(end_block_of(header, plan)) -
         plan.runs_in_first_blocks(first_block_of(header));
}

namespace {

// The writer of `part`: created, or with --resume reopened (created afresh when the partial file
// is damaged); empty when a stop arrived while the file was being created.
std::optional<ResultsWriter> open_writer(const RunToFileRequest& request,
                                         const std::filesystem::path& part) {
  // Removes a creation's temporary name when creation fails or is interrupted: with the lock
  // held, PART.new can only be this process's own.
  const auto create = [&]() {
    try {
      return ResultsWriter::create(part, request.header, request.metadata_cache_limit,
                                   request.stop);
    } catch (...) {
      std::error_code ignored;
      std::filesystem::remove(part.string() + ".new", ignored);
      throw;
    }
  };
  try {
    if (!request.resume) return create();
    if (!std::filesystem::exists(part)) {
      throw ResumeMismatch(file_diagnostic(
          part.string(), "cannot resume: there is no partial file for " + request.output.string()));
    }
    try {
      return ResultsWriter::resume(part, request.header, request.metadata_cache_limit);
    } catch (const PartialDamaged& damaged) {
      // Deterministic runs make starting over safe: the finished file is the same.
      if (request.on_damaged_partial) request.on_damaged_partial(damaged.what());
      std::filesystem::remove(part);
      return create();
    }
  } catch (const CreationInterrupted&) {
    return std::nullopt;  // stopped before the first run: nothing to resume, nothing left behind
  }
}

}  // namespace

RunToFileOutcome run_to_file(const RunToFileRequest& request, const SimulateRun& simulate) {
  const OutputLock lock(request.output);
  const std::filesystem::path part = partial_path(request.output);

  const RunPlan plan = plan_of(request.header, request.shape);
  const std::int64_t first_block = first_block_of(request.header);
  const std::int64_t end_block = end_block_of(request.header, plan);
  // Runs of this request's own blocks among the first `blocks` of the request.
  const std::int64_t runs_before_shard = plan.runs_in_first_blocks(first_block);
  auto runs_written = [&](std::int64_t blocks) {
    return plan.runs_in_first_blocks(first_block + blocks) - runs_before_shard;
  };

  RunToFileOutcome outcome;
  outcome.total_runs = runs_in_request(request.header);
  std::optional<ResultsWriter> writer = open_writer(request, part);
  if (!writer) return outcome;
  outcome.runs_before = runs_written(writer->blocks_done());
  if (request.on_start) request.on_start(outcome.runs_before);

  const WriteBlock write = [&](const BlockBuffer& block) {
    writer->write_block(block);
    if (request.on_block_written) {
      request.on_block_written(runs_written(writer->blocks_done()));
    }
  };
  const Compression compression = request.header.compression;
  const int keep_bits = request.header.keep_bits;
  const auto encode = [compression, keep_bits](BlockBuffer& block) {
    encode_block(block, compression, keep_bits);
  };
  const PipelineOutcome result = run_pipeline(
      plan, simulate, write,
      {request.threads, first_block + writer->blocks_done(), request.stop, encode, end_block});
  outcome.runs_done = runs_written(result.blocks_done - first_block);
  outcome.complete = result.complete;
  outcome.file_reopens = writer->reopens();
  if (result.complete) {
    writer->finish();
    std::filesystem::rename(part, request.output);
    outcome.path = request.output;
  } else {
    writer->close();
    outcome.path = part;
  }
  return outcome;
}

}  // namespace rampart::engine
