#include "rampart/io/results_writer.hpp"

#include <fcntl.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <stdexcept>

#include "rampart/io/results_layout.hpp"
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

// Writes `block`'s hyperslab [scenarios, first_run .. first_run+runs, ...] of `dataset`.
void write_block_slab(hid_t dataset, hid_t memory_type, const BlockBuffer& block,
                      const std::vector<hsize_t>& trailing, const void* data) {
  std::vector<hsize_t> start{block.first_scenario(), static_cast<hsize_t>(block.first_run())};
  std::vector<hsize_t> count{static_cast<hsize_t>(block.scenarios()),
                             static_cast<hsize_t>(block.runs_per_scenario())};
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

// Blocks per commit: one for blocks of 256 runs (`rampart run`, a sweep's blocks of many
// points), more for small blocks, so that each commit and flush covers at least 256 runs.
// A function of the block size only: the file never depends on timing or threads.
std::int64_t commit_interval(int block_capacity) {
  constexpr int kRunsPerCommit = 256;
  return std::max(1, kRunsPerCommit / std::max(1, block_capacity));
}

// The root attributes: what the file is, the request that made it, the commit counters.
void write_root_attributes(hid_t root, const ResultsHeader& header) {
  h5::write_attribute(root, "filetype", std::string_view(kFileType));
  h5::write_attribute(root, "format_version",
                      std::to_string(kFormatMajor) + "." + std::to_string(kFormatMinor));
  h5::write_attribute(root, "rampart_version", header.rampart_version);
  h5::write_attribute(root, "model_version", std::int64_t{header.model_version});
  h5::write_attribute(root, "git_sha", header.git_sha);
  h5::write_attribute(root, "created", header.created);
  h5::write_attribute(root, "seed", header.seed);
  h5::write_attribute(root, "runs", header.runs);
  h5::write_attribute(root, "horizon", std::int64_t{header.horizon});
  h5::write_attribute(root, "first_year", std::int64_t{header.first_year});
  h5::write_attribute(root, "block_runs", std::int64_t{header.block_runs});
  h5::write_attribute(root, "block_scenarios", std::int64_t{header.block_scenarios});
  h5::write_attribute(root, "compression", compression_name(header.compression));
  h5::write_attribute(root, "keep_bits", std::int64_t{header.keep_bits});
  h5::write_attribute(root, "command", header.command);
  h5::write_attribute(root, "status", std::string_view("partial"));
  h5::write_attribute(root, "blocks_done", std::int64_t{0});
  h5::write_attribute(root, "events_committed", std::int64_t{0});
  if (header.shard) {
    h5::write_attribute(root, "shard", header.shard->label());
    h5::write_attribute(root, "shard_first_block", header.shard->first_block);
    h5::write_attribute(root, "shard_end_block", header.shard->end_block);
  }
}

// The dimension scales, open while the datasets attach to them.
struct Scales {
  Handle scenario;
  Handle run;
  Handle year;
  Handle country;
  Handle parameter;
};

// The run scale, 0 .. runs-1, written in pieces so that memory stays flat in --runs. A piece
// takes well under a millisecond, so Ctrl-C (`stop`) is honoured at once however many runs. Not
// before the first: a file of one piece is as quick to finish as to abandon.
Handle create_run_scale(hid_t root, hsize_t runs, const std::filesystem::path& path,
                        const std::atomic<bool>* stop) {
  Handle scale = create_dataset(root, {kRunDim, H5T_STD_I64LE, {runs}, {}, false, false});
  constexpr hsize_t kPiece = hsize_t{1} << 16;
  std::vector<std::int64_t> values(std::min(runs, kPiece));
  const Handle file_space(H5Dget_space(scale.id()), "run dataspace");
  for (hsize_t start = 0; start < runs; start += kPiece) {
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
    check_status(H5Dwrite(scale.id(), H5T_NATIVE_INT64, memory_space.id(), file_space.id(),
                          H5P_DEFAULT, values.data()),
                 "write run scale");
  }
  check_status(H5DSset_scale(scale.id(), kRunDim), "make scale run");
  describe(scale.id(), "1", "replicate index (RunRng run number)");
  return scale;
}

Scales create_scales(hid_t root, const ResultsHeader& header, const std::filesystem::path& path,
                     const std::atomic<bool>* stop) {
  Scales scales;
  scales.scenario = make_scale_strings(root, header.scenario_dim.c_str(), header.scenario_names,
                                       header.sweep ? "design point name" : "scenario name");
  scales.run = create_run_scale(root, static_cast<hsize_t>(header.runs), path, stop);
  const auto years = static_cast<hsize_t>(header.years());
  scales.year = create_dataset(root, {kYearDim, H5T_STD_I32LE, {years}, {}, false, false});
  std::vector<std::int32_t> calendar(years);
  std::iota(calendar.begin(), calendar.end(), std::int32_t{header.first_year});
  write_whole(scales.year.id(), H5T_NATIVE_INT32, calendar);
  check_status(H5DSset_scale(scales.year.id(), kYearDim), "make scale year");
  describe(scales.year.id(), "year", "calendar year (the first is the start year's data)");
  scales.country =
      make_scale_strings(root, kCountryDim, header.country_iso3, "ISO 3166-1 alpha-3 code");
  std::vector<std::string> paths;
  for (const auto& spec : scenarios::parameter_specs()) paths.emplace_back(spec.path);
  scales.parameter = make_scale_strings(root, kParameterDim, paths, "parameter registry path");
  return scales;
}

// A 1-D string dataset along one scale.
void write_label_dataset(hid_t root, const char* name, const std::vector<std::string>& texts,
                         std::string_view long_name, hid_t scale, const char* scale_name) {
  const Handle type = h5::string_type();
  Handle ds = create_dataset(root, {name, type.id(), {texts.size()}, {}, false, false});
  write_strings(ds.id(), texts);
  describe(ds.id(), "1", long_name);
  check_status(H5DSattach_scale(ds.id(), scale, 0), std::string("attach ") + scale_name);
}

// The string datasets beside the scales: country names, parameter units, resolved scenarios.
void write_labels(hid_t root, const ResultsHeader& header, const Scales& scales) {
  write_label_dataset(root, "country_name", header.country_names, "country name",
                      scales.country.id(), "country");
  std::vector<std::string> units;
  for (const auto& spec : scenarios::parameter_specs()) units.emplace_back(spec.unit);
  write_label_dataset(root, "parameter_unit", units, "unit of each parameter",
                      scales.parameter.id(), "parameter");
  if (!header.scenario_tomls.empty()) {
    write_label_dataset(root, kScenarioTomlDataset, header.scenario_tomls,
                        "fully resolved scenario (TOML)", scales.scenario.id(), "scenario");
  }
  if (!header.calibration_files.empty()) {
    std::vector<std::string> paths;
    std::vector<std::string> texts;
    for (const auto& f : header.calibration_files) {
      paths.push_back(f.path);
      texts.push_back(f.text);
    }
    const Handle scale = make_scale_strings(root, kCalibrationFileDim, paths,
                                            "calibration data file (path in the scenario library)");
    write_label_dataset(root, kCalibrationTextDataset, texts,
                        "text of the calibration data file the runs were computed from", scale.id(),
                        kCalibrationFileDim);
  }
}

// The scales of a chunked dataset's axes, in order.
std::vector<hid_t> axes_of(SeriesKind kind, const Scales& scales) {
  std::vector<hid_t> axes{scales.scenario.id(), scales.run.id()};
  switch (kind) {
    case SeriesKind::State:
      axes.insert(axes.end(), {scales.year.id(), scales.country.id()});
      break;
    case SeriesKind::World:
    case SeriesKind::Code:
      axes.push_back(scales.year.id());
      break;
    case SeriesKind::Summary:
      break;
    case SeriesKind::Parameters:
      axes.push_back(scales.parameter.id());
      break;
  }
  return axes;
}

// The chunked datasets, sized for the whole request, each attached to its scales. The
// parameters come first, then each group with its datasets: the order of the objects in the
// file (kept, so files stay byte-identical across versions of this code).
void create_chunked_datasets(hid_t root, const ResultsHeader& header, const Scales& scales) {
  const hsize_t years = static_cast<hsize_t>(header.years());
  const auto create = [&](hid_t parent, const ChunkedDataset& d) {
    std::vector<hsize_t> dims{header.scenario_names.size(), static_cast<hsize_t>(header.runs)};
    std::vector<hsize_t> chunk{static_cast<hsize_t>(header.block_scenarios),
                               static_cast<hsize_t>(header.block_runs)};
    const auto rest = per_run_dims(d.kind, years, header.country_iso3.size());
    dims.insert(dims.end(), rest.begin(), rest.end());
    chunk.insert(chunk.end(), rest.begin(), rest.end());
    const Handle ds = create_dataset(parent, {d.name.c_str(), file_type(d.type), dims, chunk,
                                              header.compression == Compression::Deflate});
    describe(ds.id(), d.unit, d.meaning);
    unsigned axis = 0;
    for (const hid_t scale : axes_of(d.kind, scales)) {
      check_status(H5DSattach_scale(ds.id(), scale, axis++), "attach dimension scale");
    }
  };
  create(root, parameters_dataset());
  Handle group;
  std::string group_name;
  for (const ChunkedDataset& d : chunked_datasets()) {
    if (d.kind == SeriesKind::Parameters) continue;
    if (d.group != group_name) {
      group.reset();
      group = create_group(root, d.group.c_str());
      group_name = d.group;
    }
    create(group.id(), d);
  }
}

void create_events_table(hid_t root) {
  const Handle file_type = event_file_type();
  // Uncompressed, so a partly filled chunk is rewritten in place (never moved) when the next
  // block appends rows: a kill cannot make it overwrite space the last flush still uses.
  const Handle events =
      create_dataset(root, {kEventsDataset, file_type.id(), {0}, {kEventChunkRows}, false, true});
  describe(events.id(), "per field (docs/output.md)",
           "events (crises, war-state changes, US milestones) in run order");
  check_status(H5DSset_scale(events.id(), kEventsDataset), "make events its own dimension");
}

// A resume of a partial file written for another request is refused (ResumeMismatch).
[[noreturn]] void refuse_resume(const std::string& file_name, std::string message) {
  throw ResumeMismatch(file_diagnostic(file_name, "cannot resume: " + std::move(message)));
}

void compare_for_resume(const std::string& file_name, const char* what, const std::string& in_file,
                        const std::string& wanted) {
  if (in_file == wanted) return;
  refuse_resume(file_name, std::string(what) + " differs: the partial file has " + in_file +
                               ", this request " + wanted);
}

// The request's attributes: versions, seed, runs, horizon, block size, shard.
void check_resumable_attributes(hid_t root, const ResultsHeader& header,
                                const std::string& file_name) {
  const auto compare = [&](const char* what, const std::string& in_file,
                           const std::string& wanted) {
    compare_for_resume(file_name, what, in_file, wanted);
  };
  compare("rampart_version", h5::read_string_attribute(root, "rampart_version"),
          header.rampart_version);
  compare("model_version",
          h5::has_attribute(root, "model_version")
              ? std::to_string(h5::read_int_attribute(root, "model_version"))
              : std::string("none"),
          std::to_string(header.model_version));
  compare("git_sha", h5::read_string_attribute(root, "git_sha"), header.git_sha);
  compare("compression",
          h5::has_attribute(root, "compression")
              ? h5::read_string_attribute(root, "compression")
              : std::string(compression_name(Compression::Deflate)),
          std::string(compression_name(header.compression)));
  compare("keep_bits",
          std::to_string(h5::has_attribute(root, "keep_bits")
                             ? h5::read_int_attribute(root, "keep_bits")
                             : std::int64_t{kAllMantissaBits}),
          std::to_string(header.keep_bits));
  compare("seed", std::to_string(h5::read_uint_attribute(root, "seed")),
          std::to_string(header.seed));
  compare("runs", std::to_string(h5::read_int_attribute(root, "runs")),
          std::to_string(header.runs));
  compare("horizon", std::to_string(h5::read_int_attribute(root, "horizon")),
          std::to_string(header.horizon));
  compare("block_runs", std::to_string(h5::read_int_attribute(root, "block_runs")),
          std::to_string(header.block_runs));
  compare("block_scenarios",
          std::to_string(h5::has_attribute(root, "block_scenarios")
                             ? h5::read_int_attribute(root, "block_scenarios")
                             : std::int64_t{1}),
          std::to_string(header.block_scenarios));
  const std::string shard = h5::has_attribute(root, "shard")
                                ? h5::read_string_attribute(root, "shard")
                                : std::string("none");
  compare("shard", shard, header.shard ? header.shard->label() : std::string("none"));
}

void check_resumable_sweep(hid_t root, const ResultsHeader& header, const std::string& file_name) {
  const bool file_is_sweep = h5::has_attribute(root, "sweep_toml");
  if (file_is_sweep != header.sweep.has_value()) {
    refuse_resume(file_name, file_is_sweep
                                 ? "the partial file holds a sweep, this request is a run"
                                 : "the partial file holds a run, this request is a sweep");
  }
  if (!header.sweep) return;
  const SweepHeader in_file = read_sweep_header(root);
  if (in_file.sweep_toml != header.sweep->sweep_toml) {
    refuse_resume(file_name,
                  "the sweep file's text differs from the one the partial file was started with");
  }
  if (in_file != *header.sweep) {
    refuse_resume(file_name,
                  "the sweep design (factors, design matrix or base scenario) differs from the one "
                  "the partial file was started with");
  }
}

void check_resumable_scenarios(hid_t root, const ResultsHeader& header,
                               const std::string& file_name) {
  if (H5Lexists(root, header.scenario_dim.c_str(), H5P_DEFAULT) <= 0) {
    refuse_resume(file_name, "the partial file has no '" + header.scenario_dim + "' dimension");
  }
  const Handle names(H5Dopen2(root, header.scenario_dim.c_str(), H5P_DEFAULT),
                     "open " + header.scenario_dim);
  const auto join = [](const std::vector<std::string>& v) {
    std::string text;
    for (const auto& s : v) text += (text.empty() ? "" : ",") + s;
    return text;
  };
  compare_for_resume(file_name, "the scenario list", join(h5::read_strings(names.id())),
                     join(header.scenario_names));
  const bool file_has_tomls = H5Lexists(root, kScenarioTomlDataset, H5P_DEFAULT) > 0;
  if (file_has_tomls != !header.scenario_tomls.empty()) {
    refuse_resume(file_name, "the partial file stores the resolved scenarios differently");
  }
  if (read_calibration_files(root) != header.calibration_files) {
    refuse_resume(file_name,
                  "the calibration data (scenario library data/ files) differ from the ones the "
                  "partial file was started with");
  }
  if (!file_has_tomls) return;
  const Handle tomls(H5Dopen2(root, kScenarioTomlDataset, H5P_DEFAULT), "open scenario_toml");
  const auto texts = h5::read_strings(tomls.id());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (texts[i] != header.scenario_tomls[i]) {
      refuse_resume(file_name, "the resolved scenario '" + header.scenario_names[i] +
                                   "' differs from the one the partial file was started with");
    }
  }
}

}  // namespace

ResultsWriter ResultsWriter::create(const std::filesystem::path& path, const ResultsHeader& header,
                                    std::size_t metadata_cache_limit,
                                    const std::atomic<bool>* stop) {
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
  write_root_attributes(root, header);
  const Scales scales = create_scales(root, header, path, stop);
  write_labels(root, header, scales);
  if (header.sweep) write_sweep_design(root, *header.sweep, scales.scenario.id());
  create_chunked_datasets(root, header, scales);
  create_events_table(root);
  check_status(H5Fflush(root, H5F_SCOPE_GLOBAL), "flush");
  std::filesystem::rename(fresh, path);
  w.commit_every_ = commit_interval(header.block_runs * header.block_scenarios);
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
  check_resumable_attributes(root, header, file_name);
  check_resumable_sweep(root, header, file_name);
  check_resumable_scenarios(root, header, file_name);
  try {
    w.blocks_done_ = h5::read_int_attribute(root, "blocks_done");
    w.blocks_committed_ = w.blocks_done_;
    w.events_committed_ = h5::read_int_attribute(root, "events_committed");
    w.commit_every_ = commit_interval(header.block_runs * header.block_scenarios);
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
  for (const auto& dataset : datasets_) read_slabs(dataset, static_cast<hsize_t>(block_runs_));
  read_slabs(events_, 4096);
}

void ResultsWriter::open_datasets() {
  const hid_t root = file_.id();
  auto open = [&](const std::string& name) {
    return Handle(H5Dopen2(root, name.c_str(), H5P_DEFAULT), "open dataset " + name);
  };
  for (const ChunkedDataset& d : chunked_datasets()) datasets_.push_back(open(d.path));
  events_ = open(kEventsDataset);
  event_memory_type_ = event_packed_memory_type();
}

void ResultsWriter::write_block(const BlockBuffer& block) {
  h5::silence_error_printing();
  if (sealed_) throw H5Error("the results file was sealed after a write error");
  try {
    if (block.encoded().size() == kChunkedDatasets) {
      put_chunks(block.first_scenario(), block.first_run(), block.encoded());
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
    datasets_.clear();
    events_.reset();
    file_.release();
  }
}

void ResultsWriter::write_encoded_block(const EncodedBlock& block) {
  h5::silence_error_printing();
  if (sealed_) throw H5Error("the results file was sealed after a write error");
  if (block.chunks == nullptr || block.chunks->size() != kChunkedDatasets) {
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

void ResultsWriter::put_chunks(std::size_t scenario, std::int64_t first_run,
                               const std::vector<ChunkBytes>& chunks) {
  const std::array<hsize_t, 4> offset{scenario, static_cast<hsize_t>(first_run), 0, 0};
  for (std::size_t d = 0; d < datasets_.size(); ++d) {
    const auto& bytes = chunks[d];
    check_status(H5Dwrite_chunk(datasets_[d].id(), H5P_DEFAULT, 0, offset.data(), bytes.size(),
                                bytes.data()),
                 "write chunk");
  }
}

void ResultsWriter::write_slabs(const BlockBuffer& block) {
  const auto years = static_cast<hsize_t>(block.shape().years);
  const auto states = static_cast<hsize_t>(block.shape().states);
  static_assert(sizeof(scenarios::ParameterValues) == sizeof(double) * scenarios::kNumParams);
  summary_scratch_.resize(static_cast<std::size_t>(block.runs()));
  for (std::size_t i = 0; i < datasets_.size(); ++i) {
    const ChunkedDataset& d = chunked_datasets()[i];
    const void* data = nullptr;
    switch (d.kind) {
      case SeriesKind::State:
        data = block.state(static_cast<sim::StateVar>(d.index)).data();
        break;
      case SeriesKind::World:
        data = block.world(static_cast<sim::WorldVar>(d.index)).data();
        break;
      case SeriesKind::Code:
        data = block.codes(static_cast<sim::WorldCode>(d.index)).data();
        break;
      case SeriesKind::Summary:
        for (int j = 0; j < block.runs(); ++j) {
          summary_scratch_[static_cast<std::size_t>(j)] =
              block.summary(j, static_cast<sim::SummaryVar>(d.index));
        }
        data = summary_scratch_.data();
        break;
      case SeriesKind::Parameters:
        data = block.parameters().data();
        break;
    }
    write_block_slab(datasets_[i].id(), memory_type(d.type), block,
                     per_run_dims(d.kind, years, states), data);
  }
}

void ResultsWriter::append_events_and_commit(const BlockBuffer& block) {
  for (int j = 0; j < block.runs(); ++j) {
    for (const sim::Event& e : block.events(j)) {
      pending_events_.push_back(EventRow{static_cast<std::int16_t>(block.scenario_of(j)),
                                         block.run_of(j), e.year, e.kind, e.country, e.value});
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
    pending_event_bytes_.resize(pending_events_.size() * kEventRowBytes);
    for (std::size_t k = 0; k < pending_events_.size(); ++k) {
      pack_event_row(pending_events_[k], pending_event_bytes_.data() + k * kEventRowBytes);
    }
    check_status(H5Dwrite(events_.id(), event_memory_type_.id(), memory_space.id(), file_space.id(),
                          H5P_DEFAULT, pending_event_bytes_.data()),
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
  datasets_.clear();
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
