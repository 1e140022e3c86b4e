#include "rampart/io/results_merge.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "rampart/io/chunk_codec.hpp"
#include "rampart/io/output_lock.hpp"
#include "rampart/io/results_layout.hpp"
#include "rampart/io/run_plan.hpp"

namespace rampart::engine {
namespace {

using h5::check_status;
using h5::Handle;

[[noreturn]] void refuse(const std::filesystem::path& part, const std::string& message) {
  throw MergeError(file_diagnostic(part.string(), message));
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& s : items) text += (text.empty() ? "" : ",") + s;
  return text;
}

// One part, opened and checked on its own.
struct Part {
  std::filesystem::path path;
  Handle file;
  ResultsHeader header;
  std::string format_version;
  std::vector<Handle> datasets;          // chunked_datasets() order
  std::vector<std::size_t> chunk_bytes;  // uncompressed size of one chunk of each dataset
  Handle events;
  hsize_t event_rows = 0;
};

Part open_part(const std::filesystem::path& path) {
  Part part;
  part.path = path;
  if (!std::filesystem::exists(path)) refuse(path, "no such part file");
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    refuse(path, "not an HDF5 file (damaged, or not a part of a results file)");
  }
  try {
    part.file = Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open");
  } catch (const H5Error& e) {
    refuse(path, std::string("cannot be opened, the file is damaged (") + e.what() + ")");
  }
  const hid_t root = part.file.id();
  check_format(root, path.string());
  if (!h5::has_attribute(root, "shard")) {
    refuse(path,
           "not a shard part (it has no 'shard' attribute): merge takes the files written with "
           "--shard K/N or by MPI ranks");
  }
  try {
    part.header = read_results_header(root);
    part.format_version = h5::read_string_attribute(root, "format_version");
    const std::string status = h5::read_string_attribute(root, "status");
    const std::int64_t blocks_done = h5::read_int_attribute(root, "blocks_done");
    const ShardSpec& shard = *part.header.shard;
    if (status != "complete") {
      refuse(path, "shard " + shard.label() + " is unfinished (" + std::to_string(blocks_done) +
                       " of " + std::to_string(shard.blocks()) +
                       " blocks written); finish it with the same command and --resume");
    }
    if (blocks_done != shard.blocks()) {
      refuse(path, "damaged: it says complete but holds " + std::to_string(blocks_done) + " of " +
                       std::to_string(shard.blocks()) + " blocks");
    }
    for (const ChunkedDataset& d : chunked_datasets()) {
      part.datasets.emplace_back(H5Dopen2(root, d.path.c_str(), H5P_DEFAULT), "open " + d.path);
      const hid_t dataset = part.datasets.back().id();
      const StoredChunks stored = stored_chunks(dataset, memory_type(d.type));
      if (stored.runs != static_cast<hsize_t>(part.header.block_runs) ||
          stored.scenarios != static_cast<hsize_t>(part.header.block_scenarios) ||
          stored.compression != part.header.compression) {
        refuse(path, "damaged: dataset " + d.path + " is not chunked as rampart writes it");
      }
      const auto dims = h5::extent(dataset);
      std::size_t bytes =
          element_size(d.type) * static_cast<std::size_t>(stored.runs * stored.scenarios);
      for (std::size_t i = 2; i < dims.size(); ++i) bytes *= static_cast<std::size_t>(dims[i]);
      part.chunk_bytes.push_back(bytes);
    }
    part.events = Handle(H5Dopen2(root, kEventsDataset, H5P_DEFAULT), "open events");
    part.event_rows = h5::extent(part.events.id()).at(0);
    if (static_cast<std::int64_t>(part.event_rows) !=
        h5::read_int_attribute(root, "events_committed")) {
      refuse(path, "damaged: its events table does not match its events_committed count");
    }
  } catch (const H5Error& e) {
    refuse(path, std::string("damaged: ") + e.what());
  }
  return part;
}

// Refuses `part` unless it belongs to the same request as `first`.
void check_same_request(const Part& first, const Part& part) {
  const ResultsHeader& a = first.header;
  const ResultsHeader& b = part.header;
  auto differs = [&](const std::string& what, const std::string& va, const std::string& vb) {
    if (va == vb) return;
    std::string message =
        "is not from the same request as " + first.path.string() + ": " + what + " differs";
    // Short values are worth showing; long ones (TOML texts) are not.
    if (va.size() + vb.size() < 200) message += " ('" + vb + "' here, '" + va + "' there)";
    refuse(part.path, message);
  };
  differs("rampart_version", a.rampart_version, b.rampart_version);
  differs("model_version", std::to_string(a.model_version), std::to_string(b.model_version));
  differs("git_sha", a.git_sha, b.git_sha);
  differs("compression", std::string(compression_name(a.compression)),
          std::string(compression_name(b.compression)));
  differs("keep_bits", std::to_string(a.keep_bits), std::to_string(b.keep_bits));
  differs("format_version", first.format_version, part.format_version);
  differs("seed", std::to_string(a.seed), std::to_string(b.seed));
  differs("runs", std::to_string(a.runs), std::to_string(b.runs));
  differs("horizon", std::to_string(a.horizon), std::to_string(b.horizon));
  differs("first_year", std::to_string(a.first_year), std::to_string(b.first_year));
  differs("block_runs", std::to_string(a.block_runs), std::to_string(b.block_runs));
  differs("block_scenarios", std::to_string(a.block_scenarios), std::to_string(b.block_scenarios));
  differs("the first dimension", a.scenario_dim, b.scenario_dim);
  differs("the scenario list", joined(a.scenario_names), joined(b.scenario_names));
  differs("the resolved scenarios", joined(a.scenario_tomls), joined(b.scenario_tomls));
  differs("the countries", joined(a.country_iso3), joined(b.country_iso3));
  differs("the country names", joined(a.country_names), joined(b.country_names));
  if (a.calibration_files != b.calibration_files) {
    refuse(part.path, "is not from the same request as " + first.path.string() +
                          ": the calibration data differ");
  }
  differs("command", a.command, b.command);
  if (a.sweep.has_value() != b.sweep.has_value() || (a.sweep && *a.sweep != *b.sweep)) {
    refuse(part.path,
           "is not from the same request as " + first.path.string() + ": the sweep design differs");
  }
  differs("the shard count N", std::to_string(a.shard->count), std::to_string(b.shard->count));
}

// Reads a part's events table a batch at a time, handing out the rows of one block after another.
class EventCursor {
 public:
  explicit EventCursor(const Part& part) : part_(&part) {}

  // The rows of block (scenarios [first_scenario, end_scenario), runs [first_run, end_run)),
  // which must come next.
  void take_block(std::size_t first_scenario, std::size_t end_scenario, std::int64_t first_run,
                  std::int64_t end_run, std::vector<EventRow>& out) {
    out.clear();
    while (true) {
      if (next_ == batch_.size() && !load()) return;
      const EventRow& row = batch_[next_];
      const auto scenario = static_cast<std::size_t>(row.scenario);
      if (scenario >= end_scenario || row.run >= end_run) return;
      if (scenario < first_scenario || row.run < first_run) {
        refuse(part_->path, "damaged: its events are not in block order (event row " +
                                std::to_string(position_ + next_) + ")");
      }
      out.push_back(row);
      ++next_;
    }
  }
  [[nodiscard]] bool exhausted() {
    return next_ == batch_.size() && position_ + batch_.size() >= part_->event_rows;
  }

 private:
  bool load() {
    position_ += batch_.size();
    batch_.clear();
    next_ = 0;
    if (position_ >= part_->event_rows) return false;
    constexpr hsize_t kBatch = 4096;
    hsize_t count = std::min(kBatch, part_->event_rows - position_);
    batch_.resize(static_cast<std::size_t>(count));
    const Handle file_space(H5Dget_space(part_->events.id()), "events dataspace");
    const hsize_t start = position_;
    check_status(
        H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, &start, nullptr, &count, nullptr),
        "select events");
    const Handle memory_space(H5Screate_simple(1, &count, nullptr), "events memory space");
    const Handle type = event_memory_type();
    check_status(H5Dread(part_->events.id(), type.id(), memory_space.id(), file_space.id(),
                         H5P_DEFAULT, batch_.data()),
                 "read events");
    return true;
  }

  const Part* part_;
  std::vector<EventRow> batch_;
  std::size_t next_ = 0;
  hsize_t position_ = 0;  // table row of batch_[0]
};

// Reads one block's stored chunk of every dataset of `part`, and decodes it to check it is whole
// (deflate streams carry an Adler-32 checksum; uncompressed chunks only their size), so a
// damaged part is refused.
void read_block_chunks(const Part& part, std::size_t scenario, std::int64_t first_run,
                       std::vector<ChunkBytes>& chunks, std::vector<unsigned char>& raw,
                       std::vector<unsigned char>& scratch) {
  const std::vector<hsize_t> offset{scenario, static_cast<hsize_t>(first_run), 0, 0};
  chunks.resize(part.datasets.size());
  for (std::size_t d = 0; d < part.datasets.size(); ++d) {
    const std::string where = chunked_datasets()[d].path + " at " + kScenarioDim + " " +
                              std::to_string(scenario) + ", run " + std::to_string(first_run);
    if (!h5::read_raw_chunk(part.datasets[d].id(), offset, raw)) {
      refuse(part.path, "damaged: no readable chunk of " + where);
    }
    chunks[d].assign(raw.begin(), raw.end());
    scratch.resize(part.chunk_bytes[d]);
    if (!chunk_is_whole(raw, part.header.compression, scratch)) {
      refuse(part.path, "damaged: the chunk of " + where + " does not decompress");
    }
  }
}

// Refuses to start while a partial file of `output` exists: a run's or sweep's always, an
// interrupted merge's unless `discard_stale_partial` (then it is removed). Call with the lock
// held: whatever is found then belongs to no live writer.
void clear_stale_partials(const MergeRequest& request, const std::filesystem::path& partial,
                          const std::filesystem::path& fresh) {
  if (const auto run_partial = partial_path(request.output); std::filesystem::exists(run_partial)) {
    refuse(run_partial,
           "is the partial file of an interrupted run or sweep into " + request.output.string() +
               "; merge refuses to touch it: resume it, remove it, or merge into another file");
  }
  for (const auto& stale : {partial, fresh}) {
    if (!std::filesystem::exists(stale)) continue;
    if (!request.discard_stale_partial) {
      refuse(stale, "is left by an interrupted merge into " + request.output.string() +
                        "; pass --force to discard it (a merge is quick to redo)");
    }
    std::filesystem::remove(stale);
  }
}

// The parts by shard index, refusing a shard given twice or missing.
std::map<int, const Part*> parts_by_shard(const std::vector<Part>& parts) {
  const int count = parts.front().header.shard->count;
  std::map<int, const Part*> by_index;
  for (const Part& part : parts) {
    const auto [it, inserted] = by_index.emplace(part.header.shard->index, &part);
    if (!inserted) {
      refuse(part.path, "is shard " + part.header.shard->label() + ", as " +
                            it->second->path.string() + " is: each shard must be given once");
    }
  }
  std::string missing;
  for (int k = 0; k < count; ++k) {
    if (by_index.count(k) == 0U) {
      missing += (missing.empty() ? "" : ", ") + std::to_string(k) + "/" + std::to_string(count);
    }
  }
  if (!missing.empty()) {
    refuse(parts.front().path,
           "the parts of this request are incomplete: shard(s) " + missing + " missing");
  }
  return by_index;
}

// Copies every block of the parts, in block order, into `writer`; throws CreationInterrupted
// when `stop` is set.
void copy_blocks(const std::map<int, const Part*>& by_index, const RunPlan& plan,
                 const MergeRequest& request, ResultsWriter& writer) {
  std::vector<ChunkBytes> chunks;
  std::vector<unsigned char> raw;
  std::vector<unsigned char> scratch;
  std::vector<EventRow> events;
  std::int64_t block = 0;
  for (const auto& [index, part] : by_index) {
    EventCursor cursor(*part);
    for (; block < part->header.shard->end_block; ++block) {
      if (request.stop != nullptr && request.stop->load()) throw CreationInterrupted("stopped");
      const std::size_t scenario = plan.scenario_of(block);
      const std::int64_t first_run = plan.first_run_of(block);
      try {
        read_block_chunks(*part, scenario, first_run, chunks, raw, scratch);
        cursor.take_block(scenario, scenario + static_cast<std::size_t>(plan.scenarios_in(block)),
                          first_run, first_run + plan.block_runs, events);
      } catch (const H5Error& e) {
        refuse(part->path, std::string("damaged: ") + e.what());
      }
      writer.write_encoded_block({scenario, first_run, &chunks, &events});
      if (request.on_block) request.on_block(block + 1, plan.total_blocks());
    }
    if (!cursor.exhausted()) {
      refuse(part->path, "damaged: its events table has rows outside its blocks");
    }
  }
}

}  // namespace

MergeOutcome merge_parts(const MergeRequest& request) {
  h5::silence_error_printing();
  if (request.parts.empty()) throw std::invalid_argument("merge_parts: no parts");

  // The lock first: whatever partial file is found once it is held belongs to no live writer.
  const OutputLock lock(request.output);
  const std::filesystem::path partial = merge_partial_path(request.output);
  const std::filesystem::path fresh = partial.string() + ".new";
  clear_stale_partials(request, partial, fresh);

  // Every part on its own, then together: same request, each shard once, none missing.
  std::vector<Part> parts;
  parts.reserve(request.parts.size());
  for (const auto& path : request.parts) parts.push_back(open_part(path));
  for (std::size_t i = 1; i < parts.size(); ++i) check_same_request(parts.front(), parts[i]);
  const std::map<int, const Part*> by_index = parts_by_shard(parts);

  ResultsHeader header = parts.front().header;
  header.shard.reset();
  // The data were made when the first part was; with SOURCE_DATE_EPOCH all parts agree.
  for (const Part& part : parts) header.created = std::min(header.created, part.header.created);
  const RunPlan plan = plan_of(header);

  std::int64_t reopens = 0;
  // Everything at `partial` and `fresh` from here on is this process's own (the lock is held
  // and neither existed), so an error or a stop removes them.
  const auto remove_own_partial = [&]() {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    std::filesystem::remove(fresh, ignored);
  };
  try {
    ResultsWriter writer =
        ResultsWriter::create(partial, header, request.metadata_cache_limit, request.stop);
    copy_blocks(by_index, plan, request, writer);
    writer.finish();
    reopens = writer.reopens();
    std::filesystem::rename(partial, request.output);
  } catch (const CreationInterrupted&) {
    remove_own_partial();
    MergeOutcome stopped;
    stopped.complete = false;
    return stopped;
  } catch (...) {
    remove_own_partial();
    throw;
  }
  return {plan.total_blocks(), plan.runs_in_first_blocks(plan.total_blocks()), reopens, true};
}

}  // namespace rampart::engine
