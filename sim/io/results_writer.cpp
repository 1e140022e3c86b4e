#include "rampart/engine/results_writer.hpp"

#include <fcntl.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <numeric>
#include <stdexcept>

#include "rampart/engine/chunk_encoder.hpp"
#include "rampart/engine/results_layout.hpp"
#include "rampart/scenarios/parameters.hpp"

namespace rampart::engine {
namespace {

using h5::check_status;
using h5::Handle;

constexpr hsize_t kEventChunkRows = 1024;

Handle file_access_list() {
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), "create file access list");
  check_status(H5Pset_libver_bounds(fapl.id(), H5F_LIBVER_EARLIEST, H5F_LIBVER_LATEST),
               "set library version bounds");
  // Metadata reaches the disk only when we flush: a kill between flushes cannot leave a
  // half-updated B-tree or object header pointing at chunks of an uncommitted block.
  H5AC_cache_config_t config{};
  config.version = H5AC__CURR_CACHE_CONFIG_VERSION;
  check_status(H5Pget_mdc_config(fapl.id(), &config), "get metadata cache config");
  config.evictions_enabled = false;
  config.incr_mode = H5C_incr__off;
  config.flash_incr_mode = H5C_flash_incr__off;
  config.decr_mode = H5C_decr__off;
  check_status(H5Pset_mdc_config(fapl.id(), &config), "set metadata cache config");
  return fapl;
}

Handle untimed_group_list() {
  Handle gcpl(H5Pcreate(H5P_GROUP_CREATE), "create group creation list");
  check_status(H5Pset_obj_track_times(gcpl.id(), false), "disable group time stamps");
  return gcpl;
}

Handle create_group(hid_t parent, const char* name) {
  const Handle gcpl = untimed_group_list();
  return Handle(H5Gcreate2(parent, name, H5P_DEFAULT, gcpl.id(), H5P_DEFAULT),
                std::string("create group ") + name);
}

struct DatasetSpec {
  const char* name;
  hid_t type;
  std::vector<hsize_t> dims;
  std::vector<hsize_t> chunk;  // empty: contiguous
  bool compress = true;
  bool extensible = false;  // first dimension unlimited
};

Handle create_dataset(hid_t parent, const DatasetSpec& spec) {
  const auto rank = static_cast<int>(spec.dims.size());
  std::vector<hsize_t> max_dims = spec.dims;
  if (spec.extensible) max_dims[0] = H5S_UNLIMITED;
  const Handle space(H5Screate_simple(rank, spec.dims.data(), max_dims.data()), "create dataspace");
  const Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), "create dataset creation list");
  check_status(H5Pset_obj_track_times(dcpl.id(), false), "disable dataset time stamps");
  if (!spec.chunk.empty()) {
    check_status(H5Pset_chunk(dcpl.id(), rank, spec.chunk.data()), "set chunk shape");
    check_status(H5Pset_fill_time(dcpl.id(), H5D_FILL_TIME_NEVER), "set fill time");
    if (spec.compress) {
      check_status(H5Pset_shuffle(dcpl.id()), "set shuffle filter");
      check_status(H5Pset_deflate(dcpl.id(), 1), "set deflate filter");
    }
  }
  return Handle(
      H5Dcreate2(parent, spec.name, spec.type, space.id(), H5P_DEFAULT, dcpl.id(), H5P_DEFAULT),
      std::string("create dataset ") + spec.name);
}

void describe(hid_t object, std::string_view units, std::string_view long_name) {
  h5::write_attribute(object, "units", units);
  h5::write_attribute(object, "long_name", long_name);
}

template <typename T>
void write_whole(hid_t dataset, hid_t memory_type, const std::vector<T>& values) {
  check_status(H5Dwrite(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
               "write dataset");
}

void write_strings(hid_t dataset, const std::vector<std::string>& texts) {
  std::vector<const char*> pointers;
  pointers.reserve(texts.size());
  for (const auto& t : texts) pointers.push_back(t.c_str());
  const Handle type = h5::string_type();
  check_status(H5Dwrite(dataset, type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
               "write strings");
}

Handle make_scale_strings(hid_t parent, const char* name, const std::vector<std::string>& texts,
                          std::string_view long_name) {
  const Handle type = h5::string_type();
  Handle ds = create_dataset(parent, {name, type.id(), {texts.size()}, {}, false, false});
  write_strings(ds.id(), texts);
  check_status(H5DSset_scale(ds.id(), name), std::string("make scale ") + name);
  describe(ds.id(), "1", long_name);
  return ds;
}

// Writes `block`'s hyperslab [scenario, first_run .. first_run+runs, ...] of `dataset`.
void write_block_slab(hid_t dataset, hid_t memory_type, const BlockBuffer& block,
                      const std::vector<hsize_t>& trailing, const void* data) {
  std::vector<hsize_t> start{block.scenario(), static_cast<hsize_t>(block.first_run())};
  std::vector<hsize_t> count{1, static_cast<hsize_t>(block.runs())};
  for (const hsize_t t : trailing) {
    start.push_back(0);
    count.push_back(t);
  }
  const Handle file_space(H5Dget_space(dataset), "dataset dataspace");
  check_status(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start.data(), nullptr,
                                   count.data(), nullptr),
               "select block");
  const Handle memory_space(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr),
                            "memory space");
  check_status(
      H5Dwrite(dataset, memory_type, memory_space.id(), file_space.id(), H5P_DEFAULT, data),
      "write block");
}

// The sweep's attributes and its `design` dataset (point x factor) with a `factor` scale.
void write_sweep_design(hid_t root, const SweepHeader& sweep, hid_t point_scale) {
  h5::write_attribute(root, "sweep_name", sweep.name);
  h5::write_attribute(root, "sweep_toml", sweep.sweep_toml);
  h5::write_attribute(root, "design", sweep.design);
  h5::write_attribute(root, "replicates", sweep.replicates);
  if (sweep.base_samples > 0) h5::write_attribute(root, "base_samples", sweep.base_samples);
  h5::write_attribute(root, "base_scenario_toml", sweep.base_scenario_toml);
  const Handle factor_scale =
      make_scale_strings(root, kFactorDim, sweep.factor_paths, "factor (parameter registry path)");
  const hsize_t factors = sweep.factor_paths.size();
  const hsize_t points = factors == 0 ? 0 : sweep.matrix.size() / factors;
  Handle design =
      create_dataset(root, {kDesignDataset, H5T_IEEE_F64LE, {points, factors}, {}, false, false});
  write_whole(design.id(), H5T_NATIVE_DOUBLE, sweep.matrix);
  describe(design.id(), "see parameter_unit of each factor's parameter",
           "factor values of each design point");
  check_status(H5DSattach_scale(design.id(), point_scale, 0), "attach point");
  check_status(H5DSattach_scale(design.id(), factor_scale.id(), 1), "attach factor");
}

// Blocks per commit: one for blocks of 256 runs (`rampart run`), more for small blocks (a
// sweep's few replicates per point), so that each commit and flush covers at least 256 runs.
// A function of the block size only: the file never depends on timing or threads.
std::int64_t commit_interval(int block_runs) {
  constexpr int kRunsPerCommit = 256;
  return std::max(1, kRunsPerCommit / std::max(1, block_runs));
}

std::string mismatch_text(const char* what, const std::string& file, const std::string& wanted) {
  return std::string(what) + " differs: the partial file has " + file + ", this request " + wanted;
}

}  // namespace

std::string creation_timestamp() {
  std::time_t seconds = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    seconds = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
  }
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text.data();
}

ResultsWriter ResultsWriter::create(const std::filesystem::path& path, const ResultsHeader& header,
                                    std::size_t metadata_cache_limit,
                                    const std::atomic<bool>* stop) {
  const hsize_t scenarios = header.scenario_names.size();
  const auto runs = static_cast<hsize_t>(header.runs);
  const auto years = static_cast<hsize_t>(header.years());
  const hsize_t countries = header.country_iso3.size();
  const hsize_t params = scenarios::kNumParams;
  const auto block = static_cast<hsize_t>(header.block_runs);

  h5::silence_error_printing();
  ResultsWriter w;
  w.path_ = path;
  w.metadata_cache_limit_ = metadata_cache_limit;
  const Handle fcpl(H5Pcreate(H5P_FILE_CREATE), "create file creation list");
  check_status(H5Pset_obj_track_times(fcpl.id(), false), "disable root time stamps");
  const Handle fapl = file_access_list();
  // Built under a temporary name and renamed once its first flush is done, so `path` is
  // always a consistent file: a kill during creation leaves nothing to resume, not a torn file.
  const std::filesystem::path fresh = path.string() + ".new";
  w.file_ = Handle(H5Fcreate(fresh.c_str(), H5F_ACC_TRUNC, fcpl.id(), fapl.id()),
                   "create " + path.string());
  const hid_t root = w.file_.id();

  h5::write_attribute(root, "filetype", std::string_view(kFileType));
  h5::write_attribute(root, "format_version",
                      std::to_string(kFormatMajor) + "." + std::to_string(kFormatMinor));
  h5::write_attribute(root, "rampart_version", header.rampart_version);
  h5::write_attribute(root, "git_sha", header.git_sha);
  h5::write_attribute(root, "created", header.created);
  h5::write_attribute(root, "seed", header.seed);
  h5::write_attribute(root, "runs", header.runs);
  h5::write_attribute(root, "horizon", std::int64_t{header.horizon});
  h5::write_attribute(root, "first_year", std::int64_t{header.first_year});
  h5::write_attribute(root, "block_runs", std::int64_t{header.block_runs});
  h5::write_attribute(root, "command", header.command);
  h5::write_attribute(root, "status", std::string_view("partial"));
  h5::write_attribute(root, "blocks_done", std::int64_t{0});
  h5::write_attribute(root, "events_committed", std::int64_t{0});
  if (header.shard) {
    h5::write_attribute(root, "shard", header.shard->label());
    h5::write_attribute(root, "shard_first_block", header.shard->first_block);
    h5::write_attribute(root, "shard_end_block", header.shard->end_block);
  }

  // Dimension scales.
  const Handle scenario_scale =
      make_scale_strings(root, header.scenario_dim.c_str(), header.scenario_names,
                         header.sweep ? "design point name" : "scenario name");
  Handle run_scale = create_dataset(root, {kRunDim, H5T_STD_I64LE, {runs}, {}, false, false});
  {
    // Written in pieces so that memory stays flat in --runs.
    constexpr hsize_t kPiece = hsize_t{1} << 16;
    std::vector<std::int64_t> values(std::min(runs, kPiece));
    const Handle file_space(H5Dget_space(run_scale.id()), "run dataspace");
    for (hsize_t start = 0; start < runs; start += kPiece) {
      // A piece takes well under a millisecond, so Ctrl-C is honoured at once however many
      // runs. Not before the first: a file of one piece is as quick to finish as to abandon.
      if (start > 0 && stop != nullptr && stop->load()) {
        throw CreationInterrupted("interrupted while creating " + path.string());
      }
      const hsize_t count = std::min(kPiece, runs - start);
      std::iota(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(count),
                static_cast<std::int64_t>(start));
      check_status(
          H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, &start, nullptr, &count, nullptr),
          "select runs");
      const Handle memory_space(H5Screate_simple(1, &count, nullptr), "memory space");
      check_status(H5Dwrite(run_scale.id(), H5T_NATIVE_INT64, memory_space.id(), file_space.id(),
                            H5P_DEFAULT, values.data()),
                   "write run scale");
    }
    check_status(H5DSset_scale(run_scale.id(), kRunDim), "make scale run");
    describe(run_scale.id(), "1", "replicate index (RunRng run number)");
  }
  Handle year_scale = create_dataset(root, {kYearDim, H5T_STD_I32LE, {years}, {}, false, false});
  {
    std::vector<std::int32_t> values(years);
    std::iota(values.begin(), values.end(), std::int32_t{header.first_year});
    write_whole(year_scale.id(), H5T_NATIVE_INT32, values);
    check_status(H5DSset_scale(year_scale.id(), kYearDim), "make scale year");
    describe(year_scale.id(), "year", "calendar year (the first is the start year's data)");
  }
  const Handle country_scale =
      make_scale_strings(root, kCountryDim, header.country_iso3, "ISO 3166-1 alpha-3 code");
  std::vector<std::string> param_paths;
  std::vector<std::string> param_units;
  for (const auto& s : scenarios::parameter_specs()) {
    param_paths.emplace_back(s.path);
    param_units.emplace_back(s.unit);
  }
  const Handle parameter_scale =
      make_scale_strings(root, kParameterDim, param_paths, "parameter registry path");

  const Handle string_type = h5::string_type();
  {
    Handle names =
        create_dataset(root, {"country_name", string_type.id(), {countries}, {}, false, false});
    write_strings(names.id(), header.country_names);
    describe(names.id(), "1", "country name");
    check_status(H5DSattach_scale(names.id(), country_scale.id(), 0), "attach country");
    Handle units =
        create_dataset(root, {"parameter_unit", string_type.id(), {params}, {}, false, false});
    write_strings(units.id(), param_units);
    describe(units.id(), "1", "unit of each parameter");
    check_status(H5DSattach_scale(units.id(), parameter_scale.id(), 0), "attach parameter");
    if (!header.scenario_tomls.empty()) {
      Handle tomls = create_dataset(
          root, {kScenarioTomlDataset, string_type.id(), {scenarios}, {}, false, false});
      write_strings(tomls.id(), header.scenario_tomls);
      describe(tomls.id(), "1", "fully resolved scenario (TOML)");
      check_status(H5DSattach_scale(tomls.id(), scenario_scale.id(), 0), "attach scenario");
    }
  }
  if (header.sweep) write_sweep_design(root, *header.sweep, scenario_scale.id());

  auto attach = [](hid_t ds, std::initializer_list<hid_t> scales) {
    unsigned axis = 0;
    for (const hid_t s : scales) {
      check_status(H5DSattach_scale(ds, s, axis++), "attach dimension scale");
    }
  };

  {
    Handle parameters = create_dataset(
        root, {kParametersDataset, H5T_IEEE_F64LE, {scenarios, runs, params}, {1, block, params}});
    describe(parameters.id(), "see parameter_unit", "sampled parameter values of each run");
    attach(parameters.id(), {scenario_scale.id(), run_scale.id(), parameter_scale.id()});
  }
  {
    const Handle group = create_group(root, kStateGroup);
    for (const auto& info : sim::state_var_info()) {
      const std::string name(info.name);
      Handle ds = create_dataset(group.id(), {name.c_str(),
                                              H5T_IEEE_F32LE,
                                              {scenarios, runs, years, countries},
                                              {1, block, years, countries}});
      describe(ds.id(), info.unit, info.meaning);
      attach(ds.id(), {scenario_scale.id(), run_scale.id(), year_scale.id(), country_scale.id()});
    }
  }
  {
    const Handle group = create_group(root, kWorldGroup);
    // World series (float32) and world codes (int8) share the (scenario, run, year) layout.
    auto create_world = [&](const sim::VarInfo& info, hid_t type) {
      const std::string name(info.name);
      Handle ds = create_dataset(group.id(),
                                 {name.c_str(), type, {scenarios, runs, years}, {1, block, years}});
      describe(ds.id(), info.unit, info.meaning);
      attach(ds.id(), {scenario_scale.id(), run_scale.id(), year_scale.id()});
    };
    for (const auto& info : sim::world_var_info()) create_world(info, H5T_IEEE_F32LE);
    for (const auto& info : sim::world_code_info()) create_world(info, H5T_STD_I8LE);
  }
  {
    const Handle group = create_group(root, kSummaryGroup);
    for (const auto& info : sim::summary_var_info()) {
      const std::string name(info.name);
      Handle ds =
          create_dataset(group.id(), {name.c_str(), H5T_IEEE_F32LE, {scenarios, runs}, {1, block}});
      describe(ds.id(), info.unit, info.meaning);
      attach(ds.id(), {scenario_scale.id(), run_scale.id()});
    }
  }
  {
    const Handle file_type = event_file_type();
    // Uncompressed, so a partly filled chunk is rewritten in place (never moved) when the next
    // block appends rows: a kill cannot make it overwrite space the last flush still uses.
    Handle events =
        create_dataset(root, {kEventsDataset, file_type.id(), {0}, {kEventChunkRows}, false, true});
    describe(events.id(), "per field (docs/output.md)",
             "events (crises, war-state changes, US milestones) in run order");
    check_status(H5DSset_scale(events.id(), kEventsDataset), "make events its own dimension");
  }
  check_status(H5Fflush(root, H5F_SCOPE_GLOBAL), "flush");
  std::filesystem::rename(fresh, path);
  w.commit_every_ = commit_interval(header.block_runs);
  w.open_datasets();
  return w;
}

ResultsWriter ResultsWriter::resume(const std::filesystem::path& path, const ResultsHeader& header,
                                    std::size_t metadata_cache_limit) {
  h5::silence_error_printing();
  ResultsWriter w;
  w.path_ = path;
  w.metadata_cache_limit_ = metadata_cache_limit;
  const Handle fapl = file_access_list();
  w.file_ = Handle(H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.id()), "open " + path.string());
  const hid_t root = w.file_.id();
  const std::string file_name = path.string();
  check_format(root, file_name);
  // A process killed during its last flush may have written metadata and chunks past the
  // end-of-allocation recorded on disk. Allocate only past the physical end of the file from
  // now on, so nothing written then is overwritten while anything may still point to it.
  check_status(H5Fincrement_filesize(root, 0), "move the end of allocation past the file's end");

  auto refuse = [&](std::string message) {
    throw ResumeMismatch(file_diagnostic(file_name, "cannot resume: " + std::move(message)));
  };
  auto compare = [&](const char* what, const std::string& in_file, const std::string& wanted) {
    if (in_file != wanted) refuse(mismatch_text(what, in_file, wanted));
  };
  compare("rampart_version", h5::read_string_attribute(root, "rampart_version"),
          header.rampart_version);
  compare("git_sha", h5::read_string_attribute(root, "git_sha"), header.git_sha);
  compare("seed", std::to_string(h5::read_uint_attribute(root, "seed")),
          std::to_string(header.seed));
  compare("runs", std::to_string(h5::read_int_attribute(root, "runs")),
          std::to_string(header.runs));
  compare("horizon", std::to_string(h5::read_int_attribute(root, "horizon")),
          std::to_string(header.horizon));
  compare("block_runs", std::to_string(h5::read_int_attribute(root, "block_runs")),
          std::to_string(header.block_runs));
  {
    const std::string in_file = h5::has_attribute(root, "shard")
                                    ? h5::read_string_attribute(root, "shard")
                                    : std::string("none");
    compare("shard", in_file, header.shard ? header.shard->label() : std::string("none"));
  }
  const bool file_is_sweep = h5::has_attribute(root, "sweep_toml");
  if (file_is_sweep != header.sweep.has_value()) {
    refuse(file_is_sweep ? "the partial file holds a sweep, this request is a run"
                         : "the partial file holds a run, this request is a sweep");
  }
  if (header.sweep) {
    const SweepHeader in_file = read_sweep_header(root);
    if (in_file.sweep_toml != header.sweep->sweep_toml) {
      refuse("the sweep file's text differs from the one the partial file was started with");
    }
    if (in_file != *header.sweep) {
      refuse(
          "the sweep design (factors, design matrix or base scenario) differs from the one "
          "the partial file was started with");
    }
  }
  {
    if (H5Lexists(root, header.scenario_dim.c_str(), H5P_DEFAULT) <= 0) {
      refuse("the partial file has no '" + header.scenario_dim + "' dimension");
    }
    const Handle names(H5Dopen2(root, header.scenario_dim.c_str(), H5P_DEFAULT),
                       "open " + header.scenario_dim);
    const auto in_file = h5::read_strings(names.id());
    auto join = [](const std::vector<std::string>& v) {
      std::string text;
      for (const auto& s : v) text += (text.empty() ? "" : ",") + s;
      return text;
    };
    compare("the scenario list", join(in_file), join(header.scenario_names));
    const bool file_has_tomls = H5Lexists(root, kScenarioTomlDataset, H5P_DEFAULT) > 0;
    if (file_has_tomls != !header.scenario_tomls.empty()) {
      refuse("the partial file stores the resolved scenarios differently");
    }
    if (file_has_tomls) {
      const Handle tomls(H5Dopen2(root, kScenarioTomlDataset, H5P_DEFAULT), "open scenario_toml");
      const auto texts = h5::read_strings(tomls.id());
      for (std::size_t i = 0; i < texts.size(); ++i) {
        if (texts[i] != header.scenario_tomls[i]) {
          refuse("the resolved scenario '" + header.scenario_names[i] +
                 "' differs from the one the partial file was started with");
        }
      }
    }
  }
  try {
    w.blocks_done_ = h5::read_int_attribute(root, "blocks_done");
    w.blocks_committed_ = w.blocks_done_;
    w.events_committed_ = h5::read_int_attribute(root, "events_committed");
    w.commit_every_ = commit_interval(header.block_runs);
    w.block_runs_ = header.block_runs;
    w.open_datasets();
    w.verify_committed_data();
    // Rows written after the last commit belong to blocks that will be simulated again.
    const auto committed = static_cast<hsize_t>(w.events_committed_);
    check_status(H5Dset_extent(w.events_.id(), &committed), "truncate events");
  } catch (const H5Error& e) {
    throw PartialDamaged(file_name + ": the partial file is damaged (" + e.what() + ")");
  }
  return w;
}

void ResultsWriter::verify_committed_data() const {
  // Read back everything a resume builds on, one block-sized slab at a time, so a structure
  // broken by a kill during a save is found now rather than as a wrong number later.
  std::vector<unsigned char> buffer;
  auto read_slabs = [&](const Handle& dataset, hsize_t rows_per_slab) {
    const Handle space(H5Dget_space(dataset.id()), "dataspace");
    const int rank = H5Sget_simple_extent_ndims(space.id());
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr);
    const Handle type(H5Dget_type(dataset.id()), "type");
    std::size_t row_bytes = H5Tget_size(type.id());
    // Rank 1 (events): rows are table rows; otherwise rows are runs of one scenario.
    const std::size_t run_axis = rank == 1 ? 0 : 1;
    for (std::size_t d = run_axis + 1; d < dims.size(); ++d) row_bytes *= dims[d];
    const hsize_t first_axis = rank == 1 ? 1 : dims[0];
    const hsize_t rows = rank == 1 ? static_cast<hsize_t>(events_committed_) : dims[run_axis];
    for (hsize_t s = 0; s < first_axis; ++s) {
      for (hsize_t r = 0; r < rows; r += rows_per_slab) {
        std::vector<hsize_t> start(dims.size(), 0), count = dims;
        if (rank > 1) {
          start[0] = s;
          count[0] = 1;
        }
        start[run_axis] = r;
        count[run_axis] = std::min<hsize_t>(rows_per_slab, rows - r);
        buffer.resize(row_bytes * count[run_axis]);
        check_status(H5Sselect_hyperslab(space.id(), H5S_SELECT_SET, start.data(), nullptr,
                                         count.data(), nullptr),
                     "select");
        const Handle memory(H5Screate_simple(rank, count.data(), nullptr), "memory space");
        check_status(
            H5Dread(dataset.id(), type.id(), memory.id(), space.id(), H5P_DEFAULT, buffer.data()),
            "read back committed data");
      }
    }
  };
  const auto block = static_cast<hsize_t>(block_runs_);
  for (const auto* group : {&state_, &world_, &codes_, &summary_}) {
    for (const auto& dataset : *group) read_slabs(dataset, block);
  }
  read_slabs(parameters_, block);
  read_slabs(events_, 4096);
}

SweepHeader read_sweep_header(hid_t root) {
  SweepHeader sweep;
  sweep.name = h5::read_string_attribute(root, "sweep_name");
  sweep.sweep_toml = h5::read_string_attribute(root, "sweep_toml");
  sweep.design = h5::read_string_attribute(root, "design");
  sweep.replicates = h5::read_int_attribute(root, "replicates");
  if (h5::has_attribute(root, "base_samples")) {
    sweep.base_samples = h5::read_int_attribute(root, "base_samples");
  }
  sweep.base_scenario_toml = h5::read_string_attribute(root, "base_scenario_toml");
  const Handle factors(H5Dopen2(root, kFactorDim, H5P_DEFAULT), "open factor");
  sweep.factor_paths = h5::read_strings(factors.id());
  const Handle design(H5Dopen2(root, kDesignDataset, H5P_DEFAULT), "open design");
  const auto dims = h5::extent(design.id());
  sweep.matrix.resize(static_cast<std::size_t>(dims.at(0) * dims.at(1)));
  if (!sweep.matrix.empty()) {
    check_status(
        H5Dread(design.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, sweep.matrix.data()),
        "read design");
  }
  return sweep;
}

void check_format(hid_t root, const std::string& file_name) {
  auto refuse = [&](std::string message) {
    throw FormatError(file_diagnostic(file_name, std::move(message)));
  };
  if (!h5::has_attribute(root, "filetype") ||
      h5::read_string_attribute(root, "filetype") != kFileType) {
    refuse("not a Rampart results file (no filetype=\"rampart-results\" attribute)");
  }
  const std::string version = h5::read_string_attribute(root, "format_version");
  const auto dot = version.find('.');
  const std::string major = version.substr(0, dot);
  if (major != std::to_string(kFormatMajor)) {
    refuse("format version " + version + " is not readable by this build (it reads " +
           std::to_string(kFormatMajor) + ".x)");
  }
}

void ResultsWriter::open_datasets() {
  const hid_t root = file_.id();
  auto open = [&](const std::string& name) {
    return Handle(H5Dopen2(root, name.c_str(), H5P_DEFAULT), "open dataset " + name);
  };
  for (const auto& info : sim::state_var_info()) {
    state_.push_back(open(std::string(kStateGroup) + "/" + std::string(info.name)));
  }
  for (const auto& info : sim::world_var_info()) {
    world_.push_back(open(std::string(kWorldGroup) + "/" + std::string(info.name)));
  }
  for (const auto& info : sim::world_code_info()) {
    codes_.push_back(open(std::string(kWorldGroup) + "/" + std::string(info.name)));
  }
  for (const auto& info : sim::summary_var_info()) {
    summary_.push_back(open(std::string(kSummaryGroup) + "/" + std::string(info.name)));
  }
  parameters_ = open(kParametersDataset);
  events_ = open(kEventsDataset);
  event_memory_type_ = event_memory_type();
}

void ResultsWriter::write_block(const BlockBuffer& block) {
  h5::silence_error_printing();
  if (sealed_) throw H5Error("the results file was sealed after a write error");
  try {
    if (block.encoded().size() == kEncodedDatasets) {
      write_encoded_chunks(block);
    } else {
      write_slabs(block);
    }
    append_events_and_commit(block);
  } catch (...) {
    seal();
    throw;
  }
}

void ResultsWriter::seal() noexcept {
  sealed_ = true;
  // Point HDF5's descriptor at a read-only one of the same file: whatever HDF5 still tries to
  // write (dirty metadata at close) fails instead of half-updating the last committed state.
  void* handle = nullptr;
  if (H5Fget_vfd_handle(file_.id(), H5P_DEFAULT, &handle) >= 0 && handle != nullptr) {
    const int read_only = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (read_only >= 0) {
      ::dup2(read_only, *static_cast<int*>(handle));
      ::close(read_only);
    }
  }
  H5Eclear2(H5E_DEFAULT);
}

ResultsWriter::~ResultsWriter() {
  if (sealed_) {
    state_.clear();
    world_.clear();
    codes_.clear();
    summary_.clear();
    parameters_.reset();
    events_.reset();
    file_.release();
  }
}

void ResultsWriter::write_encoded_block(const EncodedBlock& block) {
  h5::silence_error_printing();
  if (sealed_) throw H5Error("the results file was sealed after a write error");
  if (block.chunks == nullptr || block.chunks->size() != kEncodedDatasets) {
    throw std::invalid_argument("write_encoded_block: one chunk per dataset expected");
  }
  try {
    put_chunks(block.scenario, block.first_run, *block.chunks);
    if (block.events != nullptr) {
      pending_events_.insert(pending_events_.end(), block.events->begin(), block.events->end());
    }
    count_block_and_commit();
  } catch (...) {
    seal();
    throw;
  }
}

void ResultsWriter::write_encoded_chunks(const BlockBuffer& block) {
  put_chunks(block.scenario(), block.first_run(), block.encoded());
}

void ResultsWriter::put_chunks(std::size_t scenario, std::int64_t first_run,
                               const std::vector<std::vector<unsigned char>>& chunks) {
  const std::array<hsize_t, 4> offset{scenario, static_cast<hsize_t>(first_run), 0, 0};
  std::size_t d = 0;
  auto put = [&](const Handle& dataset) {
    const auto& bytes = chunks[d++];
    check_status(
        H5Dwrite_chunk(dataset.id(), H5P_DEFAULT, 0, offset.data(), bytes.size(), bytes.data()),
        "write chunk");
  };
  for (const auto& ds : state_) put(ds);
  for (const auto& ds : world_) put(ds);
  for (const auto& ds : codes_) put(ds);
  for (const auto& ds : summary_) put(ds);
  put(parameters_);
}

void ResultsWriter::write_slabs(const BlockBuffer& block) {
  const auto years = static_cast<hsize_t>(block.shape().years);
  const auto states = static_cast<hsize_t>(block.shape().states);
  for (std::size_t v = 0; v < state_.size(); ++v) {
    write_block_slab(state_[v].id(), H5T_NATIVE_FLOAT, block, {years, states},
                     block.state(static_cast<sim::StateVar>(v)).data());
  }
  for (std::size_t v = 0; v < world_.size(); ++v) {
    write_block_slab(world_[v].id(), H5T_NATIVE_FLOAT, block, {years},
                     block.world(static_cast<sim::WorldVar>(v)).data());
  }
  for (std::size_t c = 0; c < codes_.size(); ++c) {
    write_block_slab(codes_[c].id(), H5T_NATIVE_INT8, block, {years},
                     block.codes(static_cast<sim::WorldCode>(c)).data());
  }
  summary_scratch_.resize(static_cast<std::size_t>(block.runs()));
  for (std::size_t v = 0; v < summary_.size(); ++v) {
    for (int j = 0; j < block.runs(); ++j) {
      summary_scratch_[static_cast<std::size_t>(j)] =
          block.summary(j, static_cast<sim::SummaryVar>(v));
    }
    write_block_slab(summary_[v].id(), H5T_NATIVE_FLOAT, block, {}, summary_scratch_.data());
  }
  static_assert(sizeof(scenarios::ParameterValues) == sizeof(double) * scenarios::kNumParams);
  write_block_slab(parameters_.id(), H5T_NATIVE_DOUBLE, block, {scenarios::kNumParams},
                   block.parameters().data());
}

void ResultsWriter::append_events_and_commit(const BlockBuffer& block) {
  for (int j = 0; j < block.runs(); ++j) {
    for (const sim::Event& e : block.events(j)) {
      pending_events_.push_back(EventRow{static_cast<std::int16_t>(block.scenario()),
                                         block.first_run() + j, e.year, e.kind, e.country,
                                         e.value});
    }
  }
  count_block_and_commit();
}

void ResultsWriter::count_block_and_commit() {
  blocks_done_ += 1;
  if (blocks_done_ - blocks_committed_ >= commit_every_) commit();
}

void ResultsWriter::commit() {
  // Events are appended once per commit: each write of a partly filled events chunk costs a
  // chunk-sized allocation in HDF5, which dominated sweeps of small blocks.
  if (!pending_events_.empty()) {
    const auto start = static_cast<hsize_t>(events_committed_);
    const hsize_t count = pending_events_.size();
    const hsize_t new_size = start + count;
    check_status(H5Dset_extent(events_.id(), &new_size), "extend events");
    const Handle file_space(H5Dget_space(events_.id()), "events dataspace");
    check_status(
        H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, &start, nullptr, &count, nullptr),
        "select events");
    const Handle memory_space(H5Screate_simple(1, &count, nullptr), "events memory space");
    check_status(H5Dwrite(events_.id(), event_memory_type_.id(), memory_space.id(), file_space.id(),
                          H5P_DEFAULT, pending_events_.data()),
                 "write events");
  }
  // Two flushes, because one H5Fflush writes metadata and cached chunks in no promised order:
  // a kill inside a single flush could leave the counters on disk ahead of the data they count.
  // First the data (chunks, chunk indexes, events) reaches the file, then the counters do.
  check_status(H5Fflush(file_.id(), H5F_SCOPE_GLOBAL), "flush data");
  blocks_committed_ = blocks_done_;
  events_committed_ += static_cast<std::int64_t>(pending_events_.size());
  pending_events_.clear();
  h5::write_attribute(file_.id(), "blocks_done", blocks_committed_);
  h5::write_attribute(file_.id(), "events_committed", events_committed_);
  check_status(H5Fflush(file_.id(), H5F_SCOPE_GLOBAL), "flush counters");
  reopen_if_cache_grew();
}

void ResultsWriter::finish() {
  h5::silence_error_printing();
  h5::write_attribute(file_.id(), "status", std::string_view("complete"));
  close();
}

void ResultsWriter::close() {
  h5::silence_error_printing();
  if (!file_.valid() || sealed_) return;
  if (blocks_committed_ != blocks_done_) commit();
  check_status(H5Fflush(file_.id(), H5F_SCOPE_GLOBAL), "flush");
  close_handles();
}

void ResultsWriter::close_handles() {
  state_.clear();
  world_.clear();
  codes_.clear();
  summary_.clear();
  parameters_.reset();
  events_.reset();
  event_memory_type_.reset();
  file_.reset();
}

void ResultsWriter::reopen_if_cache_grew() {
  std::size_t max_size = 0;
  std::size_t min_clean_size = 0;
  std::size_t cache_size = 0;
  int entries = 0;
  check_status(H5Fget_mdc_size(file_.id(), &max_size, &min_clean_size, &cache_size, &entries),
               "read the metadata cache size");
  if (cache_size < metadata_cache_limit_) return;
  close_handles();
  const Handle fapl = file_access_list();
  file_ = Handle(H5Fopen(path_.c_str(), H5F_ACC_RDWR, fapl.id()), "reopen " + path_.string());
  open_datasets();
  ++reopens_;
}

}  // namespace rampart::engine
