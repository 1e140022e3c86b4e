#include "rampart/analysis/results_scan.hpp"

#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "rampart/analysis/errors.hpp"
#include "rampart/engine/h5.hpp"
#include "rampart/engine/results_layout.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/scenarios/text_format.hpp"

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

std::string dataset_name(const char* group, std::string_view variable) {
  return std::string(group) + "/" + std::string(variable);
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
  if (std::filesystem::is_directory(path, ec)) {
    throw RequestError(path, "is a directory, not a results file");
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
    blocks_done_ = reader_->int_attribute("blocks_done");
    partial_ = reader_->string_attribute("status") != "complete";
  } catch (const engine::H5Error& e) {
    throw RequestError(path, std::string("a damaged Rampart results file (") + e.what() + ")");
  }
  if (runs_ <= 0 || block_runs_ <= 0 || scenario_names_.empty() || years_.empty()) {
    throw RequestError(path, "a damaged Rampart results file: no runs, blocks or years");
  }
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
  const std::int64_t blocks = std::clamp<std::int64_t>(
      blocks_done_ - static_cast<std::int64_t>(scenario) * per_entry, 0, per_entry);
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
      country_cache_->data = std::make_unique<scenarios::CountryTable>(
          scenarios::load_country_table(scenarios::scenario_library_dir()));
    }
    auto stored = reader_->stored_scenario(key, *country_cache_->data);
    table = std::make_unique<scenarios::CountryTable>(
        scenarios::CountryTable{std::move(stored.countries)});
  }
  return *table;
}

std::size_t ResultsScan::scenario_index(std::string_view name) const {
  const auto it = std::find(scenario_names_.begin(), scenario_names_.end(), name);
  if (it != scenario_names_.end()) return static_cast<std::size_t>(it - scenario_names_.begin());
  const std::vector<std::string_view> names(scenario_names_.begin(), scenario_names_.end());
  std::string listing;
  if (names.size() <= 12) {
    listing = scenarios::join_names(names);
  } else {
    listing = std::to_string(names.size()) + " " + scenario_dim() + "s, " +
              scenario_names_.front() + " ... " + scenario_names_.back();
  }
  throw RequestError(path_, "no " + scenario_dim() + " '" + std::string(name) + "' in this file;" +
                                scenarios::did_you_mean(name, names) + " it holds: " + listing);
}

int ResultsScan::year_index(int year) const {
  const auto it = std::find(years_.begin(), years_.end(), year);
  if (it != years_.end()) return static_cast<int>(it - years_.begin());
  throw RequestError(path_, "year " + std::to_string(year) + " is not in this file (it holds " +
                                range_text(years_) + ")");
}

namespace {

// One block to read: entry of the first dimension and its runs [first, first + count).
struct BlockSpan {
  std::size_t scenario;
  std::int64_t first;
  std::int64_t count;
};

struct DatasetToRead {
  Handle dataset;
  std::string name;
  hid_t memory_type;
  hsize_t values_per_run;
  // Where the values go in a RunBlock.
  enum class Kind { State, World, Code, Summary, Parameters } kind;
  std::size_t index;
};

std::vector<DatasetToRead> open_requested(hid_t file, const SeriesRequest& request) {
  std::vector<DatasetToRead> out;
  auto open = [&](std::string name, hid_t type, DatasetToRead::Kind kind, std::size_t index) {
    Handle ds(H5Dopen2(file, name.c_str(), H5P_DEFAULT), "open " + name);
    const auto dims = engine::h5::extent(ds.id());
    hsize_t per_run = 1;
    for (std::size_t i = 2; i < dims.size(); ++i) per_run *= dims[i];
    out.push_back(DatasetToRead{std::move(ds), std::move(name), type, per_run, kind, index});
  };
  for (const auto v : request.state) {
    const auto i = static_cast<std::size_t>(v);
    open(dataset_name(engine::kStateGroup, sim::state_var_info()[i].name), H5T_NATIVE_FLOAT,
         DatasetToRead::Kind::State, i);
  }
  for (const auto v : request.world) {
    const auto i = static_cast<std::size_t>(v);
    open(dataset_name(engine::kWorldGroup, sim::world_var_info()[i].name), H5T_NATIVE_FLOAT,
         DatasetToRead::Kind::World, i);
  }
  for (const auto c : request.codes) {
    const auto i = static_cast<std::size_t>(c);
    open(dataset_name(engine::kWorldGroup, sim::world_code_info()[i].name), H5T_NATIVE_INT8,
         DatasetToRead::Kind::Code, i);
  }
  for (const auto v : request.summary) {
    const auto i = static_cast<std::size_t>(v);
    open(dataset_name(engine::kSummaryGroup, sim::summary_var_info()[i].name), H5T_NATIVE_FLOAT,
         DatasetToRead::Kind::Summary, i);
  }
  if (request.parameters) {
    open(engine::kParametersDataset, H5T_NATIVE_DOUBLE, DatasetToRead::Kind::Parameters, 0);
  }
  return out;
}

// Reads runs [first, first + count) of one entry of every requested dataset: one hyperslab,
// which is one chunk when the block is a whole block of the file.
void read_span(const DatasetToRead& d, const BlockSpan& span, void* out) {
  const Handle file_space(H5Dget_space(d.dataset.id()), "dataspace of " + d.name);
  const int rank = H5Sget_simple_extent_ndims(file_space.id());
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  engine::h5::check(H5Sget_simple_extent_dims(file_space.id(), dims.data(), nullptr),
                    "extent of " + d.name);
  std::vector<hsize_t> start(dims.size(), 0);
  std::vector<hsize_t> count = dims;
  start.at(0) = span.scenario;
  start.at(1) = static_cast<hsize_t>(span.first);
  count.at(0) = 1;
  count.at(1) = static_cast<hsize_t>(span.count);
  engine::h5::check_status(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start.data(),
                                               nullptr, count.data(), nullptr),
                           "select runs of " + d.name);
  // The memory space has the selection's own shape: HDF5 then copies a whole chunk at once
  // instead of mapping element by element (a 1-D memory space was 20 times slower).
  const Handle memory_space(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr),
                            "memory space");
  engine::h5::check_status(
      H5Dread(d.dataset.id(), d.memory_type, memory_space.id(), file_space.id(), H5P_DEFAULT, out),
      "read " + d.name);
}

// Both visits share this: a serial in-order stage reads one block at a time (HDF5 is not
// thread-safe), a parallel stage runs the visitor; the token count bounds the blocks in memory.
void scan_blocks(const ResultsScan& scan, const std::vector<BlockSpan>& spans,
                 const SeriesRequest& request, const std::function<void(const RunBlock&)>& visit) {
  if (spans.empty()) return;
  engine::h5::silence_error_printing();
  std::vector<DatasetToRead> datasets;
  try {
    datasets = open_requested(scan.reader().file(), request);
  } catch (const engine::H5Error& e) {
    throw engine::H5Error(scan.path().string() + ": " + e.what());
  }
  const int years = static_cast<int>(scan.years().size());
  const int countries = static_cast<int>(scan.country_codes().size());
  const std::size_t parameter_count = scan.parameter_names().size();
  std::size_t next = 0;
  const auto tokens =
      static_cast<std::size_t>(std::max(2, 2 * tbb::this_task_arena::max_concurrency()));
  tbb::parallel_pipeline(
      tokens, tbb::make_filter<void, std::shared_ptr<RunBlock>>(
                  tbb::filter_mode::serial_in_order,
                  [&](tbb::flow_control& control) -> std::shared_ptr<RunBlock> {
                    if (next == spans.size()) {
                      control.stop();
                      return nullptr;
                    }
                    const BlockSpan& span = spans[next++];
                    auto block = std::make_shared<RunBlock>();
                    block->scenario = span.scenario;
                    block->first_run = span.first;
                    block->runs = static_cast<int>(span.count);
                    block->years = years;
                    block->countries = countries;
                    block->parameter_count = parameter_count;
                    block->state_data.resize(sim::kNumStateVars);
                    block->world_data.resize(sim::kNumWorldVars);
                    block->code_data.resize(sim::kNumWorldCodes);
                    block->summary_data.resize(sim::kNumSummaryVars);
                    engine::h5::silence_error_printing();
                    try {
                      for (const auto& d : datasets) {
                        const auto n = static_cast<std::size_t>(span.count) * d.values_per_run;
                        switch (d.kind) {
                          case DatasetToRead::Kind::State:
                            block->state_data[d.index].resize(n);
                            read_span(d, span, block->state_data[d.index].data());
                            break;
                          case DatasetToRead::Kind::World:
                            block->world_data[d.index].resize(n);
                            read_span(d, span, block->world_data[d.index].data());
                            break;
                          case DatasetToRead::Kind::Code:
                            block->code_data[d.index].resize(n);
                            read_span(d, span, block->code_data[d.index].data());
                            break;
                          case DatasetToRead::Kind::Summary:
                            block->summary_data[d.index].resize(n);
                            read_span(d, span, block->summary_data[d.index].data());
                            break;
                          case DatasetToRead::Kind::Parameters:
                            block->parameter_data.resize(n);
                            read_span(d, span, block->parameter_data.data());
                            break;
                        }
                      }
                    } catch (const engine::H5Error& e) {
                      throw engine::H5Error(scan.path().string() + ": " + e.what());
                    }
                    return block;
                  }) &
                  tbb::make_filter<std::shared_ptr<RunBlock>, void>(
                      tbb::filter_mode::parallel,
                      [&](const std::shared_ptr<RunBlock>& block) { visit(*block); }));
}

void add_spans(std::vector<BlockSpan>& spans, std::size_t scenario, std::int64_t complete,
               std::int64_t block_runs) {
  for (std::int64_t first = 0; first < complete; first += block_runs) {
    spans.push_back(BlockSpan{scenario, first, std::min(block_runs, complete - first)});
  }
}

}  // namespace

void ResultsScan::for_each_block(std::size_t scenario, const SeriesRequest& request,
                                 const std::function<void(const RunBlock&)>& visit) const {
  if (scenario >= scenario_names_.size()) {
    throw std::out_of_range("no " + scenario_dim() + " " + std::to_string(scenario));
  }
  std::vector<BlockSpan> spans;
  add_spans(spans, scenario, complete_runs(scenario), block_runs_);
  scan_blocks(*this, spans, request, visit);
}

void ResultsScan::for_each_block_all(const SeriesRequest& request,
                                     const std::function<void(const RunBlock&)>& visit) const {
  std::vector<BlockSpan> spans;
  for (std::size_t s = 0; s < scenario_names_.size(); ++s) {
    add_spans(spans, s, complete_runs(s), block_runs_);
  }
  scan_blocks(*this, spans, request, visit);
}

}  // namespace rampart::analysis
