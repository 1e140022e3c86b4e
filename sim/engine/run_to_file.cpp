#include "rampart/engine/run_to_file.hpp"

#include "rampart/engine/chunk_encoder.hpp"
#include "rampart/engine/output_lock.hpp"

namespace rampart::engine {

std::filesystem::path partial_path(const std::filesystem::path& output) {
  return output.string() + ".part";
}

RunToFileOutcome run_to_file(const RunToFileRequest& request, const SimulateRun& simulate) {
  const OutputLock lock(request.output);
  const std::filesystem::path part = partial_path(request.output);

  RunPlan plan;
  plan.scenarios = request.header.scenario_names.size();
  plan.runs = request.header.runs;
  plan.block_runs = request.header.block_runs;
  plan.seed = request.header.seed;
  plan.shape = request.shape;

  std::optional<ResultsWriter> writer;
  if (request.resume) {
    if (!std::filesystem::exists(part)) {
      throw ResumeMismatch(file_diagnostic(
          part.string(), "cannot resume: there is no partial file for " + request.output.string()));
    }
    try {
      writer.emplace(ResultsWriter::resume(part, request.header));
    } catch (const PartialDamaged& damaged) {
      // Deterministic runs make starting over safe: the finished file is the same.
      if (request.on_damaged_partial) request.on_damaged_partial(damaged.what());
      std::filesystem::remove(part);
      writer.emplace(ResultsWriter::create(part, request.header));
    }
  } else {
    writer.emplace(ResultsWriter::create(part, request.header));
  }

  RunToFileOutcome outcome;
  outcome.total_runs = plan.runs * static_cast<std::int64_t>(plan.scenarios);
  outcome.runs_before = plan.runs_in_first_blocks(writer->blocks_done());
  if (request.on_start) request.on_start(outcome.runs_before);

  const WriteBlock write = [&](const BlockBuffer& block) {
    writer->write_block(block);
    if (request.on_block_written) {
      request.on_block_written(plan.runs_in_first_blocks(writer->blocks_done()));
    }
  };
  const PipelineOutcome result = run_pipeline(
      plan, simulate, write, {request.threads, writer->blocks_done(), request.stop, encode_block});
  outcome.runs_done = plan.runs_in_first_blocks(result.blocks_done);
  outcome.complete = result.complete;
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
