#include "rampart/analysis/results_scan.hpp"

#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <bit>
#include <climits>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "rampart/analysis/errors.hpp"
#include "rampart/io/chunk_codec.hpp"
#include "rampart/io/h5.hpp"
#include "rampart/io/results_layout.hpp"
#include "rampart/scenarios/input_file.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/support/text_format.hpp"

namespace rampart::analysis {
namespace {

using engine::h5::Handle;

template <typename T>
void add_unique(std::vector<T>& into, const std::vector<T>& from) {
  for (const T& x : from) {
    if (std::find(into.begin(), into.end(), x) == into.end()) into.push_back(x);
  }
}

[[noreturn]] void missing(const char* what) {
  throw std::logic_error(std::string("RunBlock: ") + what + " was not requested");
}

// The scales name what every index means: a repeated name would count one country twice
// (`burden` once showed 36 allies and a blank US share) or hide a scenario behind another.
void refuse_duplicates(const std::filesystem::path& path, const std::string& scale,
                       const std::vector<std::string>& names) {
  // By hash, not pairwise: a sweep names up to 32 768 points (2.4 s compared pairwise).
  std::unordered_map<std::string_view, std::size_t> first_at;
  first_at.reserve(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto [it, inserted] = first_at.emplace(names[i], i);
    if (!inserted) {
      throw RequestError(path, "a damaged Rampart results file: the scale '" + scale + "' names '" +
                                   names[i] + "' twice (at " + std::to_string(it->second) +
                                   " and " + std::to_string(i) + ")");
    }
  }
}

std::string range_text(const std::vector<int>& years) {
  if (years.empty()) return "no years";
  return std::to_string(years.front()) + "-" + std::to_string(years.back());
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// SeriesRequest and RunBlock

void SeriesRequest::merge(const SeriesRequest& other) {
  add_unique(state, other.state);
  add_unique(world, other.world);
  add_unique(codes, other.codes);
  add_unique(summary, other.summary);
  parameters = parameters || other.parameters;
}

float RunBlock::state(sim::StateVar v, int run, int year, int country) const {
  return state_row(v, run, year)[static_cast<std::size_t>(country)];
}

std::span<const float> RunBlock::state_row(sim::StateVar v, int run, int year) const {
  const auto& data = state_data.at(static_cast<std::size_t>(v));
  if (data.empty()) missing("a state series");
  const auto n = static_cast<std::size_t>(countries);
  const auto offset = (static_cast<std::size_t>(run) * static_cast<std::size_t>(years) +
                       static_cast<std::size_t>(year)) *
                      n;
  return std::span<const float>(data).subspan(offset, n);
}

float RunBlock::world(sim::WorldVar v, int run, int year) const {
  const auto& data = world_data.at(static_cast<std::size_t>(v));
  if (data.empty()) missing("a world series");
  return data[static_cast<std::size_t>(run) * static_cast<std::size_t>(years) +
              static_cast<std::size_t>(year)];
}

std::int8_t RunBlock::code(sim::WorldCode c, int run, int year) const {
  const auto& data = code_data.at(static_cast<std::size_t>(c));
  if (data.empty()) missing("a world code");
  return data[static_cast<std::size_t>(run) * static_cast<std::size_t>(years) +
              static_cast<std::size_t>(year)];
}

float RunBlock::summary(sim::SummaryVar v, int run) const {
  const auto& data = summary_data.at(static_cast<std::size_t>(v));
  if (data.empty()) missing("a summary variable");
  return data[static_cast<std::size_t>(run)];
}

std::span<const double> RunBlock::parameters(int run) const {
  if (parameter_data.empty()) missing("the parameters");
  return std::span<const double>(parameter_data)
      .subspan(static_cast<std::size_t>(run) * parameter_count, parameter_count);
}

// ---------------------------------------------------------------------------------------------
// ResultsScan

struct ResultsScan::CountryCache {
  std::mutex mutex;
  std::unique_ptr<scenarios::CountryTable> data;  // the calibration data files
  std::map<std::size_t, std::unique_ptr<scenarios::CountryTable>> tables;
};

ResultsScan::ResultsScan(const std::filesystem::path& path, const ScanOptions& options)
    : path_(path), country_cache_(std::make_unique<CountryCache>()) {
  engine::h5::silence_error_printing();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw RequestError(path, "no such file");
  }
  // Only a regular file is opened: a FIFO would block HDF5's open, a device stream forever.
  if (const auto status = std::filesystem::status(path, ec);
      !std::filesystem::is_regular_file(status)) {
    throw RequestError(path,
                       "is " + scenarios::describe_non_regular(status) + ", not a results file");
  }
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    throw RequestError(path,
                       "not an HDF5 file (expected a results file written by `rampart run` or "
                       "`rampart sweep`)");
  }
  try {
    // Another program's HDF5 file is a user mistake, not a format problem: say so plainly
    // before ResultsReader looks at the version.
    const Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open");
    if (!engine::h5::has_attribute(file.id(), "filetype") ||
        engine::h5::read_string_attribute(file.id(), "filetype") != "rampart-results") {
      throw RequestError(path,
                         "an HDF5 file, but not a Rampart results file (it has no "
                         "filetype=\"rampart-results\" attribute; it was written by another "
                         "program)");
    }
    for (const char* name : {"format_version", "runs", "block_runs", "horizon", "first_year",
                             "status", "blocks_done", "command"}) {
      if (!engine::h5::has_attribute(file.id(), name)) {
        throw RequestError(
            path, std::string("a damaged Rampart results file: the root attribute '") + name +
                      "' is missing");
      }
    }
  } catch (const engine::H5Error& e) {
    throw RequestError(path, std::string("cannot be read as HDF5 (") + e.what() + ")");
  }
  // engine::FormatError (another format major version) passes through unchanged.
  reader_ = std::make_unique<engine::ResultsReader>(path);
  try {
    scenario_names_ = reader_->scenario_names();
    const auto first_year = static_cast<int>(reader_->int_attribute("first_year"));
    for (int y = first_year; y <= reader_->horizon(); ++y) years_.push_back(y);
    country_codes_ = reader_->strings(engine::kCountryDim);
    parameter_names_ = reader_->strings(engine::kParameterDim);
    runs_ = reader_->runs();
    block_runs_ = reader_->int_attribute("block_runs");
    block_scenarios_ = reader_->plan().block_scenarios;
    blocks_done_ = reader_->int_attribute("blocks_done");
    partial_ = reader_->string_attribute("status") != "complete";
  } catch (const engine::H5Error& e) {
    throw RequestError(path, std::string("a damaged Rampart results file (") + e.what() + ")");
  }
  if (runs_ <= 0 || block_runs_ <= 0 || scenario_names_.empty() || years_.empty()) {
    throw RequestError(path, "a damaged Rampart results file: no runs, blocks or years");
  }
  refuse_duplicates(path, scenario_dim(), scenario_names_);
  refuse_duplicates(path, engine::kCountryDim, country_codes_);
  refuse_duplicates(path, engine::kParameterDim, parameter_names_);
  if (partial_ && !options.allow_partial) {
    std::int64_t complete = 0;
    for (std::size_t s = 0; s < scenario_names_.size(); ++s) complete += complete_runs(s);
    const std::int64_t total = runs_ * static_cast<std::int64_t>(scenario_names_.size());
    std::string output = path.string();
    const std::string suffix = ".part";
    const bool part_name = output.size() > suffix.size() && output.ends_with(suffix);
    if (part_name) output.resize(output.size() - suffix.size());
    const std::string resume = reader_->string_attribute("command") + " --resume -o " + output;
    throw RequestError(
        path, "a partial file (an interrupted or unfinished run): " + std::to_string(complete) +
                  " of " + std::to_string(total) + " runs are complete. Finish it with `" + resume +
                  "`" + (part_name ? "" : " (after renaming it to " + output + ".part)") +
                  ", or pass --partial to analyse the complete runs only");
  }
}

ResultsScan::~ResultsScan() = default;

std::int64_t ResultsScan::complete_runs(std::size_t scenario) const {
  if (!partial_) return runs_;
  const std::int64_t per_entry = (runs_ + block_runs_ - 1) / block_runs_;
  const std::int64_t group = static_cast<std::int64_t>(scenario) / block_scenarios_;
  const std::int64_t blocks =
      std::clamp<std::int64_t>(blocks_done_ - group * per_entry, 0, per_entry);
  return std::min(blocks * block_runs_, runs_);
}

std::string ResultsScan::partial_warning() const {
  if (!partial_) return "";
  std::int64_t complete = 0;
  std::string per_entry;
  for (std::size_t s = 0; s < scenario_names_.size(); ++s) {
    complete += complete_runs(s);
    if (s < 6) {
      per_entry +=
          (s == 0 ? "" : ", ") + scenario_names_[s] + ": " + std::to_string(complete_runs(s));
    } else if (s == 6) {
      per_entry += ", ...";
    }
  }
  const std::int64_t total = runs_ * static_cast<std::int64_t>(scenario_names_.size());
  return "warning: " + path_.string() + " is partial (interrupted): analysing only its " +
         std::to_string(complete) + " complete runs of " + std::to_string(total) + " (" +
         per_entry + " of " + std::to_string(runs_) + " each)";
}

const scenarios::CountryTable& ResultsScan::countries(std::size_t scenario) const {
  if (scenario >= scenario_names_.size()) {
    throw std::out_of_range("no " + scenario_dim() + " " + std::to_string(scenario));
  }
  // Sweep points differ only in global parameters, so they share the base scenario's table.
  const std::size_t key = reader_->is_sweep() ? 0 : scenario;
  const std::lock_guard lock(country_cache_->mutex);
  auto& table = country_cache_->tables[key];
  if (!table) {
    if (!country_cache_->data) {
      // The calibration data the runs used when the file stores them (format 1.1 on).
      auto stored = reader_->stored_country_table();
      country_cache_->data = std::make_unique<scenarios::CountryTable>(
          stored ? std::move(*stored)
                 : scenarios::load_country_table(scenarios::scenario_library_dir()));
    }
    auto stored = reader_->stored_scenario(key, *country_cache_->data);
    table = std::make_unique<scenarios::CountryTable>(scenarios::CountryTable{
        std::move(stored.countries), stored.history, country_cache_->data->data});
  }
  return *table;
}

std::size_t ResultsScan::scenario_index(std::string_view name) const {
  const auto it = std::find(scenario_names_.begin(), scenario_names_.end(), name);
  if (it != scenario_names_.end()) return static_cast<std::size_t>(it - scenario_names_.begin());
  const std::vector<std::string_view> names(scenario_names_.begin(), scenario_names_.end());
  std::string listing;
  if (names.size() <= 12) {
    listing = support::join_names(names);
  } else {
    listing = std::to_string(names.size()) + " " + scenario_dim() + "s, " +
              scenario_names_.front() + " ... " + scenario_names_.back();
  }
  throw RequestError(path_, "no " + scenario_dim() + " '" + std::string(name) + "' in this file;" +
                                support::did_you_mean(name, names) + " it holds: " + listing);
}

int ResultsScan::year_index(int year) const {
  const auto it = std::find(years_.begin(), years_.end(), year);
  if (it != years_.end()) return static_cast<int>(it - years_.begin());
  throw RequestError(path_, "year " + std::to_string(year) + " is not in this file (it holds " +
                                range_text(years_) + ")");
}

namespace {

// One block to read: entries [scenario, scenario + scenarios) of the first dimension and runs
// [first, first + count) of each; `only` names the one entry to visit when not all are wanted
// (a chunk spanning several sweep points is read whole).
struct BlockSpan {
  std::size_t scenario;
  std::size_t scenarios;
  std::int64_t first;
  std::int64_t count;
  std::optional<std::size_t> only;

  [[nodiscard]] std::size_t runs() const { return scenarios * static_cast<std::size_t>(count); }
};

struct DatasetToRead {
  Handle dataset;
  const engine::ChunkedDataset* layout;  // its name, kind and type
  hsize_t values_per_run;
  // The chunk's extent (entries, runs) when whole chunks can be copied raw and decoded in the
  // parallel stage (engine::stored_chunks); raw_chunk_runs 0 reads through H5Dread.
  hsize_t raw_chunk_scenarios = 0;
  hsize_t raw_chunk_runs = 0;
  engine::Compression compression = engine::kDefaultCompression;
  // Whether its chunks are worth a read-ahead hint (see kMaxPrefetchChunks).
  bool prefetch = false;

  [[nodiscard]] const std::string& name() const { return layout->path; }
  [[nodiscard]] engine::SeriesKind kind() const { return layout->kind; }
  [[nodiscard]] std::size_t index() const { return layout->index; }
  [[nodiscard]] hid_t memory_type() const { return engine::memory_type(layout->type); }
  [[nodiscard]] std::size_t element_size() const { return engine::element_size(layout->type); }
};

std::string shape_text(const std::vector<hsize_t>& dims) {
  std::string text = "(";
  for (std::size_t i = 0; i < dims.size(); ++i) {
    text += (i == 0 ? "" : ", ") + std::to_string(dims[i]);
  }
  return text + ")";
}

// Opens the requested datasets, refusing any whose shape is not the one the file's attributes
// and scales give (a damaged or hand-edited file): the decoding and the statistics index the
// values by that shape.
std::vector<DatasetToRead> open_requested(const ResultsScan& scan, const SeriesRequest& request) {
  const hid_t file = scan.reader().file();
  const hsize_t scenarios = scan.scenario_names().size();
  const auto runs = static_cast<hsize_t>(scan.runs());
  const hsize_t years = scan.years().size();
  std::vector<DatasetToRead> out;
  auto open = [&](const engine::ChunkedDataset& layout) {
    const std::string& name = layout.path;
    Handle ds(H5Dopen2(file, name.c_str(), H5P_DEFAULT), "open " + name);
    const auto dims = engine::h5::extent(ds.id());
    std::vector<hsize_t> expected{scenarios, runs};
    const auto rest = engine::per_run_dims(layout.kind, years, scan.country_codes().size());
    expected.insert(expected.end(), rest.begin(), rest.end());
    if (layout.kind == engine::SeriesKind::Parameters) {
      expected.back() = scan.parameter_names().size();
    }
    if (dims != expected) {
      throw RequestError(scan.path(), "a damaged Rampart results file: the dataset '" + name +
                                          "' has the shape " + shape_text(dims) + ", expected " +
                                          shape_text(expected));
    }
    hsize_t per_run = 1;
    for (std::size_t i = 2; i < dims.size(); ++i) per_run *= dims[i];
    const engine::StoredChunks stored =
        engine::stored_chunks(ds.id(), engine::memory_type(layout.type));
    // Finding a chunk's address (H5Dget_chunk_info_by_coord) walks the whole chunk index in
    // HDF5 1.10, so a hint per chunk costs the square of the chunk count: a sweep file of
    // 65 536 two-run chunks per dataset (format 1.3) took 100 s to scan with hints, 3 s without.
    constexpr hsize_t kMaxPrefetchChunks = 8192;
    bool prefetch = false;
    if (stored.runs > 0 && stored.scenarios > 0) {
      const hsize_t chunks = ((dims[0] + stored.scenarios - 1) / stored.scenarios) *
                             ((dims[1] + stored.runs - 1) / stored.runs);
      prefetch = chunks <= kMaxPrefetchChunks;
    }
    out.push_back(DatasetToRead{std::move(ds), &layout, per_run, stored.scenarios, stored.runs,
                                stored.compression, prefetch});
  };
  for (const auto v : request.state) open(engine::dataset_of(v));
  for (const auto v : request.world) open(engine::dataset_of(v));
  for (const auto c : request.codes) open(engine::dataset_of(c));
  for (const auto v : request.summary) open(engine::dataset_of(v));
  if (request.parameters) open(engine::parameters_dataset());
  return out;
}

// Reads runs [first, first + count) of one entry of every requested dataset: one hyperslab,
// which is one chunk when the block is a whole block of the file.
void read_span(const DatasetToRead& d, const BlockSpan& span, void* out) {
  const Handle file_space(H5Dget_space(d.dataset.id()), "dataspace of " + d.name());
  const int rank = H5Sget_simple_extent_ndims(file_space.id());
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  engine::h5::check(H5Sget_simple_extent_dims(file_space.id(), dims.data(), nullptr),
                    "extent of " + d.name());
  std::vector<hsize_t> start(dims.size(), 0);
  std::vector<hsize_t> count = dims;
  start.at(0) = span.scenario;
  start.at(1) = static_cast<hsize_t>(span.first);
  count.at(0) = span.scenarios;
  count.at(1) = static_cast<hsize_t>(span.count);
  engine::h5::check_status(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start.data(),
                                               nullptr, count.data(), nullptr),
                           "select runs of " + d.name());
  // The memory space has the selection's own shape: HDF5 then copies a whole chunk at once
  // instead of mapping element by element (a 1-D memory space was 3 times slower).
  const Handle memory_space(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr),
                            "memory space");
  engine::h5::check_status(H5Dread(d.dataset.id(), d.memory_type(), memory_space.id(),
                                   file_space.id(), H5P_DEFAULT, out),
                           "read " + d.name());
}

// A block as read, with the chunks still to decode (in the parallel stage).
struct RawChunk {
  const DatasetToRead* dataset = nullptr;
  std::vector<unsigned char> bytes;
  std::size_t values = 0;  // of this block
};
struct LoadedBlock {
  RunBlock block;  // all of the span's runs, entry-major
  BlockSpan span;
  std::vector<RawChunk> chunks;  // [0, chunk_count) read for this span; the rest kept for reuse
  std::size_t chunk_count = 0;
};

// The blocks in flight, reused from one span to the next: their buffers keep their size, so a
// block's values are overwritten in place instead of zero-filled and paged in afresh (`memset`
// alone was 4 % of a warm scan's samples). A block goes back to the pool when the last stage
// lets go of it.
class BlockPool {
 public:
  std::shared_ptr<LoadedBlock> take() {
    std::unique_ptr<LoadedBlock> block;
    {
      const std::lock_guard lock(mutex_);
      if (!free_.empty()) {
        block = std::move(free_.back());
        free_.pop_back();
      }
    }
    if (!block) block = std::make_unique<LoadedBlock>();
    return {block.release(), [this](LoadedBlock* b) { give_back(b); }};
  }

 private:
  void give_back(LoadedBlock* block) {
    const std::lock_guard lock(mutex_);
    free_.emplace_back(block);
  }

  std::mutex mutex_;
  std::vector<std::unique_ptr<LoadedBlock>> free_;
};

// A block of `runs` runs shaped like `whole`, its values still to take.
RunBlock entry_shell(const RunBlock& whole, int runs) {
  RunBlock part;
  part.first_run = whole.first_run;
  part.runs = runs;
  part.years = whole.years;
  part.countries = whole.countries;
  part.parameter_count = whole.parameter_count;
  part.state_data.resize(whole.state_data.size());
  part.world_data.resize(whole.world_data.size());
  part.code_data.resize(whole.code_data.size());
  part.summary_data.resize(whole.summary_data.size());
  return part;
}

// Copies entry `i` of a block read whole (entry-major) into `part`, reusing its vectors.
void take_entry(const RunBlock& whole, std::size_t i, RunBlock& part) {
  const auto runs = static_cast<std::size_t>(part.runs);
  const auto slice = [&](const auto& from, auto& to) {
    if (from.empty()) {
      to.clear();
      return;
    }
    const std::size_t n = from.size() / static_cast<std::size_t>(whole.runs) * runs;
    const auto begin = from.begin() + static_cast<std::ptrdiff_t>(i * n);
    to.assign(begin, begin + static_cast<std::ptrdiff_t>(n));
  };
  for (std::size_t v = 0; v < whole.state_data.size(); ++v) {
    slice(whole.state_data[v], part.state_data[v]);
  }
  for (std::size_t v = 0; v < whole.world_data.size(); ++v) {
    slice(whole.world_data[v], part.world_data[v]);
  }
  for (std::size_t c = 0; c < whole.code_data.size(); ++c) {
    slice(whole.code_data[c], part.code_data[c]);
  }
  for (std::size_t v = 0; v < whole.summary_data.size(); ++v) {
    slice(whole.summary_data[v], part.summary_data[v]);
  }
  slice(whole.parameter_data, part.parameter_data);
}

// Sizes the block's vector for `d` and returns where its values go.
void* destination(RunBlock& block, const DatasetToRead& d, std::size_t runs) {
  const std::size_t n = runs * d.values_per_run;
  switch (d.kind()) {
    case engine::SeriesKind::State:
      block.state_data[d.index()].resize(n);
      return block.state_data[d.index()].data();
    case engine::SeriesKind::World:
      block.world_data[d.index()].resize(n);
      return block.world_data[d.index()].data();
    case engine::SeriesKind::Code:
      block.code_data[d.index()].resize(n);
      return block.code_data[d.index()].data();
    case engine::SeriesKind::Summary:
      block.summary_data[d.index()].resize(n);
      return block.summary_data[d.index()].data();
    case engine::SeriesKind::Parameters:
      block.parameter_data.resize(n);
      return block.parameter_data.data();
  }
  return nullptr;
}

// The offset of the chunk that holds `span` whole, its values the first of the chunk's, when it
// is read raw; nullopt otherwise.
std::optional<std::vector<hsize_t>> raw_chunk_offset(const DatasetToRead& d,
                                                     const BlockSpan& span) {
  const auto chunk_runs = static_cast<std::int64_t>(d.raw_chunk_runs);
  const hsize_t chunk_scenarios = d.raw_chunk_scenarios;
  if (chunk_runs == 0 || span.first % chunk_runs != 0 || span.count > chunk_runs ||
      chunk_scenarios == 0 || span.scenario % chunk_scenarios != 0 ||
      span.scenarios > chunk_scenarios || (span.scenarios > 1 && span.count != chunk_runs)) {
    return std::nullopt;
  }
  std::vector<hsize_t> offset(2 + engine::per_run_dims(d.kind(), 0, 0).size(), 0);
  offset.at(0) = span.scenario;
  offset.at(1) = static_cast<hsize_t>(span.first);
  return offset;
}

// Copies a whole stored chunk without decoding it (H5Dread_chunk), when the block is one chunk
// and every filter was applied; false means "read it through H5Dread".
bool read_raw_chunk(const DatasetToRead& d, const BlockSpan& span, LoadedBlock& loaded) {
  const auto found = raw_chunk_offset(d, span);
  if (!found) return false;
  const std::vector<hsize_t>& offset = *found;
  if (loaded.chunk_count == loaded.chunks.size()) loaded.chunks.emplace_back();
  RawChunk& chunk = loaded.chunks[loaded.chunk_count];
  chunk.dataset = &d;
  chunk.values = span.runs() * d.values_per_run;
  if (!engine::h5::read_raw_chunk(d.dataset.id(), offset, chunk.bytes)) return false;
  ++loaded.chunk_count;
  return true;
}

// Decodes one chunk into the block (what HDF5's deflate and shuffle filters do on read),
// keeping only the block's runs.
void decode_into(const DatasetToRead& d, const RawChunk& chunk, RunBlock& block,
                 const std::filesystem::path& file) {
  void* out = destination(block, d, chunk.values / static_cast<std::size_t>(d.values_per_run));
  const std::size_t chunk_values =
      static_cast<std::size_t>(d.raw_chunk_scenarios * d.raw_chunk_runs) * d.values_per_run;
  if (!engine::decode_chunk(chunk.bytes, d.compression, d.element_size(), chunk_values,
                            chunk.values, out)) {
    throw engine::H5Error(file.string() + ": read " + d.name() + ": a chunk does not decode");
  }
}

// The range a world code can take, [low, high]; crisis_target is a country index or -1.
std::pair<int, int> code_range(std::size_t code, int countries) {
  switch (static_cast<sim::WorldCode>(code)) {
    case sim::WorldCode::WarState:
      return {0, 2};
    case sim::WorldCode::CrisisTarget:
      return {-1, countries - 1};
    case sim::WorldCode::CrisisOutcome:
      return {0, 3};
    default:
      return {INT8_MIN, INT8_MAX};
  }
}

// Where value `i` of dataset `d` in `block` sits in the file, as an index and in words.
std::string position_text(const ResultsScan& scan, const DatasetToRead& d, const RunBlock& block,
                          std::size_t i) {
  const auto per_run = static_cast<std::size_t>(d.values_per_run);
  const std::size_t run = static_cast<std::size_t>(block.first_run) + i / per_run;
  const std::size_t within = i % per_run;
  std::string index = "(" + std::to_string(block.scenario) + ", " + std::to_string(run);
  std::string words = scan.scenario_dim() + " " + scan.scenario_names()[block.scenario] + ", run " +
                      std::to_string(run);
  const auto countries = static_cast<std::size_t>(block.countries);
  switch (d.kind()) {
    case engine::SeriesKind::State:
      index +=
          ", " + std::to_string(within / countries) + ", " + std::to_string(within % countries);
      words += ", year " + std::to_string(scan.years()[within / countries]) + ", country " +
               scan.country_codes()[within % countries];
      break;
    case engine::SeriesKind::World:
    case engine::SeriesKind::Code:
      index += ", " + std::to_string(within);
      words += ", year " + std::to_string(scan.years()[within]);
      break;
    case engine::SeriesKind::Summary:
      break;
    case engine::SeriesKind::Parameters:
      index += ", " + std::to_string(within);
      words += ", parameter " + scan.parameter_names()[within];
      break;
  }
  return index + ") (" + words + ")";
}

[[noreturn]] void refuse_value(const ResultsScan& scan, const DatasetToRead& d,
                               const RunBlock& block, std::size_t i, const std::string& what) {
  throw RequestError(scan.path(), "a damaged Rampart results file: the dataset '" + d.name() +
                                      "' holds " + what + " at " +
                                      position_text(scan, d, block, i));
}

// True when every value is finite (or NaN, when `nan_allowed`), by the bits of |x|: infinity's
// are the exponent's all ones, NaN's lie above them. Reductions without a branch, so they
// vectorise.
template <typename T>
bool all_of_finite(std::span<const T> values, bool nan_allowed) {
  using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
  constexpr Bits kMagnitude = ~(Bits{1} << (8 * sizeof(T) - 1));
  constexpr Bits kInfinity = std::bit_cast<Bits>(std::numeric_limits<T>::infinity());
  if (nan_allowed) {
    Bits infinite = 0;
    for (const T x : values) infinite |= Bits{(std::bit_cast<Bits>(x) & kMagnitude) == kInfinity};
    return infinite == 0;
  }
  if constexpr (sizeof(T) == 4) {
    // Floats (the series) by a signed compare, which SSE2 has: the unsigned maximum below has
    // no SSE2 instruction and ran one value at a time, 3 GB/s against 10-14 GB/s.
    using Signed = std::int32_t;
    Signed beyond = 0;
    for (const T x : values) {
      beyond |= Signed{static_cast<Signed>(std::bit_cast<Bits>(x) & kMagnitude) >=
                       static_cast<Signed>(kInfinity)};
    }
    return beyond == 0;
  } else {
    Bits largest = 0;
    for (const T x : values) largest = std::max(largest, std::bit_cast<Bits>(x) & kMagnitude);
    return largest < kInfinity;
  }
}

template <typename T>
std::string number_text(T value) {
  if (std::isnan(value)) return "NaN";
  return value > 0 ? "infinity" : "-infinity";
}

// Every value the statistics will use, checked: runs never write NaN or infinity into a series
// (summaries use NaN for "not applicable") nor a code outside its range, and a damaged file
// that does would otherwise give numbers instead of an error (a crisis probability of 1 from
// an outcome code 7; quantiles silently taken over the finite runs only).
void check_values(const ResultsScan& scan, const DatasetToRead& d, const RunBlock& block) {
  const auto all_finite = [&](const auto& values, bool nan_allowed) {
    // A branch-free pass first (it vectorises; a search that may throw does not, and was a
    // tenth of a scan's samples); the offending index is looked for only when there is one.
    if (all_of_finite(std::span(values), nan_allowed)) return;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const auto x = values[i];
      if (std::isfinite(x) || (nan_allowed && std::isnan(x))) continue;
      refuse_value(scan, d, block, i, number_text(x));
    }
  };
  switch (d.kind()) {
    case engine::SeriesKind::State:
      all_finite(block.state_data[d.index()], false);
      break;
    case engine::SeriesKind::World:
      all_finite(block.world_data[d.index()], false);
      break;
    case engine::SeriesKind::Summary:
      all_finite(block.summary_data[d.index()], true);
      break;
    case engine::SeriesKind::Parameters:
      all_finite(block.parameter_data, false);
      break;
    case engine::SeriesKind::Code: {
      const auto [low, high] = code_range(d.index(), block.countries);
      const auto& codes = block.code_data[d.index()];
      for (std::size_t i = 0; i < codes.size(); ++i) {
        if (codes[i] < low || codes[i] > high) {
          refuse_value(scan, d, block, i,
                       "the code " + std::to_string(codes[i]) + " (allowed " + std::to_string(low) +
                           " to " + std::to_string(high) + ")");
        }
      }
      break;
    }
  }
}

// Both visits share this: a serial in-order stage reads one block at a time (HDF5 is not
// thread-safe), a parallel stage runs the visitor; the token count bounds the blocks in memory.
void scan_blocks(const ResultsScan& scan, const std::vector<BlockSpan>& spans,
                 const SeriesRequest& request, const std::function<void(const RunBlock&)>& visit) {
  if (spans.empty()) return;
  engine::h5::silence_error_printing();
  std::vector<DatasetToRead> datasets;
  try {
    datasets = open_requested(scan, request);
  } catch (const engine::H5Error& e) {
    throw engine::H5Error(scan.path().string() + ": " + e.what());
  }
  const int years = static_cast<int>(scan.years().size());
  const int countries = static_cast<int>(scan.country_codes().size());
  const std::size_t parameter_count = scan.parameter_names().size();
  std::size_t next = 0;
  // The requested datasets' chunks are a tenth of a file or less, spread through it: read one at
  // a time, a cold file was read at 67 MB/s against 1.2 GB/s for `cat`. The kernel is asked to
  // start reading the chunks of the spans kPrefetchSpans ahead, so the reads overlap.
  constexpr std::size_t kPrefetchSpans = 16;
  const int fd = engine::h5::file_descriptor(scan.reader().file());
  std::size_t prefetched = 0;
  const auto prefetch_up_to = [&](std::size_t end) {
    for (; prefetched < std::min(end, spans.size()); ++prefetched) {
      for (const auto& d : datasets) {
        if (!d.prefetch) continue;
        if (const auto offset = raw_chunk_offset(d, spans[prefetched])) {
          engine::h5::prefetch_chunk(d.dataset.id(), *offset, fd);
        }
      }
    }
  };
  const auto tokens =
      static_cast<std::size_t>(std::max(2, 2 * tbb::this_task_arena::max_concurrency()));
  BlockPool pool;  // outlives the pipeline, which hands every block back
  tbb::parallel_pipeline(
      tokens, tbb::make_filter<void, std::shared_ptr<LoadedBlock>>(
                  tbb::filter_mode::serial_in_order,
                  [&](tbb::flow_control& control) -> std::shared_ptr<LoadedBlock> {
                    if (next == spans.size()) {
                      control.stop();
                      return nullptr;
                    }
                    const BlockSpan& span = spans[next++];
                    if (fd >= 0) prefetch_up_to(next + kPrefetchSpans);
                    std::shared_ptr<LoadedBlock> loaded = pool.take();
                    loaded->span = span;
                    loaded->chunk_count = 0;
                    RunBlock& block = loaded->block;
                    block.scenario = span.scenario;
                    block.first_run = span.first;
                    block.runs = static_cast<int>(span.runs());
                    block.years = years;
                    block.countries = countries;
                    block.parameter_count = parameter_count;
                    block.state_data.resize(sim::kNumStateVars);
                    block.world_data.resize(sim::kNumWorldVars);
                    block.code_data.resize(sim::kNumWorldCodes);
                    block.summary_data.resize(sim::kNumSummaryVars);
                    engine::h5::silence_error_printing();
                    try {
                      for (const auto& d : datasets) {
                        void* out = destination(block, d, span.runs());
                        if (!read_raw_chunk(d, span, *loaded)) read_span(d, span, out);
                      }
                    } catch (const engine::H5Error& e) {
                      throw engine::H5Error(scan.path().string() + ": " + e.what());
                    }
                    return loaded;
                  }) &
                  tbb::make_filter<std::shared_ptr<LoadedBlock>, void>(
                      tbb::filter_mode::parallel, [&](const std::shared_ptr<LoadedBlock>& loaded) {
                        for (std::size_t c = 0; c < loaded->chunk_count; ++c) {
                          decode_into(*loaded->chunks[c].dataset, loaded->chunks[c], loaded->block,
                                      scan.path());
                        }
                        loaded->chunk_count = 0;
                        const BlockSpan& span = loaded->span;
                        if (span.scenarios == 1) {
                          for (const auto& d : datasets) check_values(scan, d, loaded->block);
                          visit(loaded->block);
                          return;
                        }
                        // A chunk of several entries: each is visited as a block of its own.
                        RunBlock part = entry_shell(loaded->block, static_cast<int>(span.count));
                        for (std::size_t i = 0; i < span.scenarios; ++i) {
                          if (span.only && *span.only != span.scenario + i) continue;
                          part.scenario = span.scenario + i;
                          take_entry(loaded->block, i, part);
                          for (const auto& d : datasets) check_values(scan, d, part);
                          visit(part);
                        }
                      }));
}

// The spans of entries [scenario, scenario + scenarios), whose first `complete` runs are
// committed: one per chunk.
void add_spans(std::vector<BlockSpan>& spans, std::size_t scenario, std::size_t scenarios,
               std::int64_t complete, std::int64_t block_runs,
               std::optional<std::size_t> only = std::nullopt) {
  for (std::int64_t first = 0; first < complete; first += block_runs) {
    spans.push_back(
        BlockSpan{scenario, scenarios, first, std::min(block_runs, complete - first), only});
  }
}

}  // namespace

void ResultsScan::for_each_block(std::size_t scenario, const SeriesRequest& request,
                                 const std::function<void(const RunBlock&)>& visit) const {
  if (scenario >= scenario_names_.size()) {
    throw std::out_of_range("no " + scenario_dim() + " " + std::to_string(scenario));
  }
  std::vector<BlockSpan> spans;
  if (block_scenarios_ == 1) {
    add_spans(spans, scenario, 1, complete_runs(scenario), block_runs_);
  } else {
    // The chunks hold several entries each: read the one holding `scenario`, visit it alone.
    const auto group = static_cast<std::size_t>(block_scenarios_);
    const std::size_t first = scenario / group * group;
    add_spans(spans, first, std::min(group, scenario_names_.size() - first),
              complete_runs(scenario), block_runs_, scenario);
  }
  scan_blocks(*this, spans, request, visit);
}

void ResultsScan::for_each_block_all(const SeriesRequest& request,
                                     const std::function<void(const RunBlock&)>& visit) const {
  std::vector<BlockSpan> spans;
  const auto group = static_cast<std::size_t>(block_scenarios_);
  for (std::size_t s = 0; s < scenario_names_.size(); s += group) {
    add_spans(spans, s, std::min(group, scenario_names_.size() - s), complete_runs(s), block_runs_);
  }
  scan_blocks(*this, spans, request, visit);
}

}  // namespace rampart::analysis
