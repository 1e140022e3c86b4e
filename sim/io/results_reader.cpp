#include "rampart/io/results_reader.hpp"

#include <cmath>
#include <memory>
#include <stdexcept>

#include "rampart/io/results_header.hpp"
#include "rampart/scenarios/errors.hpp"
#include "rampart/scenarios/input_file.hpp"
#include "rampart/scenarios/parameters.hpp"
#include "rampart/scenarios/sweep.hpp"

namespace rampart::engine {
namespace {

using h5::check_status;
using h5::Handle;

std::size_t element_count(const std::vector<hsize_t>& dims, std::size_t from) {
  std::size_t n = 1;
  for (std::size_t i = from; i < dims.size(); ++i) n *= dims[i];
  return n;
}

// The `runs` attribute sizes the buffers of the over-runs reads: a damaged or hostile file must
// not make it negative (a huge allocation) or disagree with the datasets (a write past the end).
std::size_t checked_runs(std::int64_t runs, const std::filesystem::path& path) {
  if (runs < 0) {
    throw FormatError(file_diagnostic(path.string(), "damaged: runs = " + std::to_string(runs)));
  }
  return static_cast<std::size_t>(runs);
}

}  // namespace

ResultsReader::ResultsReader(const std::filesystem::path& path) : path_(path) {
  h5::silence_error_printing();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) {
    throw FormatError(file_diagnostic(path.string(), "no such file"));
  }
  // Only a regular file is opened: a FIFO would block HDF5's open, a device stream forever.
  if (!std::filesystem::is_regular_file(status)) {
    throw FormatError(file_diagnostic(
        path.string(), "is " + scenarios::describe_non_regular(status) + ", not a results file"));
  }
  if (h5::check(H5Fis_hdf5(path.c_str()), "inspect " + path.string()) <= 0) {
    throw FormatError(file_diagnostic(path.string(), "not an HDF5 file"));
  }
  file_ = Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open " + path.string());
  check_format(file_.id(), path.string());
  if (h5::has_attribute(file_.id(), "shard")) {
    // A part holds only its shard's blocks; the others would read as fill values.
    throw FormatError(file_diagnostic(
        path.string(), "is shard " + h5::read_string_attribute(file_.id(), "shard") +
                           " of a sharded request, not a whole results file: join the parts "
                           "with 'rampart merge PART... -o FILE.h5' and read that"));
  }
  scenario_dim_ = H5Lexists(file_.id(), kPointDim, H5P_DEFAULT) > 0 ? kPointDim : kScenarioDim;
}

std::string ResultsReader::string_attribute(const char* name) const {
  return h5::read_string_attribute(file_.id(), name);
}
RunPlan ResultsReader::plan() const {
  RunPlan plan;
  plan.scenarios = scenario_names().size();
  plan.runs = runs();
  plan.block_runs = static_cast<int>(int_attribute("block_runs"));
  if (h5::has_attribute(file_.id(), "block_scenarios")) {
    plan.block_scenarios = static_cast<int>(int_attribute("block_scenarios"));
  }
  plan.seed = seed();
  if (!plan.valid()) {
    throw H5Error("an inconsistent chunk grid (block_runs " + std::to_string(plan.block_runs) +
                  ", block_scenarios " + std::to_string(plan.block_scenarios) + ")");
  }
  return plan;
}

std::int64_t ResultsReader::int_attribute(const char* name) const {
  return h5::read_int_attribute(file_.id(), name);
}
std::uint64_t ResultsReader::seed() const {
  return h5::read_uint_attribute(file_.id(), "seed");
}
int ResultsReader::keep_bits() const {
  return read_keep_bits(file_.id());
}

int ResultsReader::model_version() const {
  return h5::has_attribute(file_.id(), "model_version")
             ? static_cast<int>(h5::read_int_attribute(file_.id(), "model_version"))
             : 0;
}

std::vector<std::string> ResultsReader::strings(const char* dataset) const {
  const Handle ds(H5Dopen2(file_.id(), dataset, H5P_DEFAULT), std::string("open ") + dataset);
  return h5::read_strings(ds.id());
}
std::optional<scenarios::CalibrationData> ResultsReader::calibration_data() const {
  if (H5Lexists(file_.id(), kCalibrationFileDim, H5P_DEFAULT) <= 0) return std::nullopt;
  scenarios::CalibrationData data;
  data.origin = path_.string() + ":" + kCalibrationTextDataset;
  data.files = read_calibration_files(file_.id());
  return data;
}

std::optional<scenarios::CountryTable> ResultsReader::stored_country_table() const {
  auto data = calibration_data();
  if (!data) return std::nullopt;
  try {
    return scenarios::load_country_table(
        std::make_shared<const scenarios::CalibrationData>(std::move(*data)));
  } catch (const scenarios::DataError& e) {
    const auto& first = e.diagnostics().front();
    throw FormatError(file_diagnostic(
        path_.string(), "damaged: the stored calibration data do not load (" + first.format() +
                            (e.diagnostics().size() > 1 ? ", and more" : "") + ")"));
  }
}

std::vector<std::string> ResultsReader::scenario_names() const {
  return strings(scenario_dim_.c_str());
}
std::vector<std::string> ResultsReader::scenario_tomls() const {
  return strings(kScenarioTomlDataset);
}

bool ResultsReader::is_sweep() const {
  return h5::has_attribute(file_.id(), "sweep_toml") &&
         H5Lexists(file_.id(), kDesignDataset, H5P_DEFAULT) > 0;
}
std::vector<std::string> ResultsReader::factor_paths() const {
  auto paths = strings(kFactorDim);
  // A factor named twice would have one parameter's effects reported under both names.
  for (std::size_t i = 0; i < paths.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (paths[j] == paths[i]) {
        throw FormatError(file_diagnostic(
            path_.string(), "damaged: the scale '" + std::string(kFactorDim) + "' names '" +
                                paths[i] + "' twice (at " + std::to_string(j) + " and " +
                                std::to_string(i) + ")"));
      }
    }
  }
  return paths;
}
std::vector<double> ResultsReader::design() const {
  const Handle ds(H5Dopen2(file_.id(), kDesignDataset, H5P_DEFAULT), "open design");
  const auto dims = h5::extent(ds.id());
  std::vector<double> values(element_count(dims, 0));
  if (!values.empty()) {
    check_status(H5Dread(ds.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                 "read design");
  }
  // Every design value is a parameter setting: a NaN or infinity can only come from damage, and
  // sensitivity and discovery would turn it into indices or boxes without a word.
  const std::size_t per_point = dims.size() < 2 ? 1 : element_count(dims, 1);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      throw FormatError(file_diagnostic(
          path_.string(), "damaged: the dataset '" + std::string(kDesignDataset) + "' holds " +
                              (std::isnan(values[i]) ? "NaN" : "infinity") + " at (" +
                              std::to_string(i / per_point) + ", " + std::to_string(i % per_point) +
                              ")"));
    }
  }
  return values;
}

scenarios::Scenario ResultsReader::stored_scenario(std::size_t scenario,
                                                   const scenarios::CountryTable& countries) const {
  const auto names = scenario_names();
  if (scenario >= names.size()) {
    throw std::out_of_range("no " + scenario_dim_ + " " + std::to_string(scenario) + " in " +
                            path_.string());
  }
  const std::string source =
      path_.string() + ":" + kScenarioTomlDataset + "[" + names[scenario] + "]";
  if (!is_sweep()) {
    const Handle ds(H5Dopen2(file_.id(), kScenarioTomlDataset, H5P_DEFAULT), "open scenario_toml");
    return scenarios::parse_stored_scenario(h5::read_string_at(ds.id(), scenario), source,
                                            countries);
  }
  // A sweep point: the base scenario with the factors fixed at the point's design row, exactly
  // as `rampart sweep` built it (scenarios::scenario_for_point).
  const scenarios::Scenario base = scenarios::parse_stored_scenario(
      string_attribute("base_scenario_toml"), path_.string() + ":base_scenario_toml", countries);
  scenarios::SweepDesign design;
  design.name = string_attribute("sweep_name");
  const std::string type = string_attribute("design");
  bool known_type = false;
  for (const auto t : {scenarios::DesignType::FullFactorial, scenarios::DesignType::LatinHypercube,
                       scenarios::DesignType::Sobol}) {
    if (scenarios::design_type_name(t) == type) {
      design.type = t;
      known_type = true;
    }
  }
  if (!known_type) {
    throw FormatError(file_diagnostic(path_.string(), "unknown design type '" + type + "'"));
  }
  for (const auto& path : factor_paths()) {
    const auto param = scenarios::find_parameter(path);
    if (!param) {
      throw FormatError(
          file_diagnostic(path_.string(), "factor '" + path + "' is not a known parameter"));
    }
    scenarios::SweepFactor factor;
    factor.parameter = *param;
    design.factors.push_back(factor);
  }
  design.points = names.size();
  design.matrix = this->design();
  if (design.matrix.size() != design.points * design.factors.size()) {
    throw FormatError(file_diagnostic(path_.string(), "the design does not match the points"));
  }
  return scenarios::scenario_for_point(base, design, scenario);
}

void ResultsReader::read_run_slab(const std::string& dataset, std::size_t scenario,
                                  std::int64_t run, hid_t memory_type, void* out) const {
  const Handle ds(H5Dopen2(file_.id(), dataset.c_str(), H5P_DEFAULT), "open " + dataset);
  const auto dims = h5::extent(ds.id());
  if (dims.size() < 2) {
    throw FormatError(
        file_diagnostic(path_.string(), "damaged: " + dataset + " has no run dimension"));
  }
  if (scenario >= dims.at(0) || run < 0 || static_cast<hsize_t>(run) >= dims.at(1)) {
    throw std::out_of_range("no run " + std::to_string(run) + " of scenario " +
                            std::to_string(scenario) + " in " + path_.string());
  }
  std::vector<hsize_t> start(dims.size(), 0);
  std::vector<hsize_t> count = dims;
  start[0] = scenario;
  start[1] = static_cast<hsize_t>(run);
  count[0] = 1;
  count[1] = 1;
  const Handle file_space(H5Dget_space(ds.id()), "dataspace");
  check_status(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start.data(), nullptr,
                                   count.data(), nullptr),
               "select run");
  const Handle memory_space(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr),
                            "memory space");
  check_status(H5Dread(ds.id(), memory_type, memory_space.id(), file_space.id(), H5P_DEFAULT, out),
               "read " + dataset);
}

template <typename T>
std::vector<T> ResultsReader::run_values(const std::string& dataset, std::size_t scenario,
                                         std::int64_t run, hid_t memory_type) const {
  const Handle ds(H5Dopen2(file_.id(), dataset.c_str(), H5P_DEFAULT), "open " + dataset);
  std::vector<T> values(element_count(h5::extent(ds.id()), 2));
  read_run_slab(dataset, scenario, run, memory_type, values.data());
  return values;
}

std::vector<double> ResultsReader::parameters(std::size_t scenario, std::int64_t run) const {
  return run_values<double>(kParametersDataset, scenario, run, H5T_NATIVE_DOUBLE);
}

std::vector<float> ResultsReader::state(sim::StateVar v, std::size_t scenario,
                                        std::int64_t run) const {
  return run_values<float>(dataset_of(v).path, scenario, run, H5T_NATIVE_FLOAT);
}

std::vector<float> ResultsReader::world(sim::WorldVar v, std::size_t scenario,
                                        std::int64_t run) const {
  return run_values<float>(dataset_of(v).path, scenario, run, H5T_NATIVE_FLOAT);
}

std::vector<std::int8_t> ResultsReader::codes(sim::WorldCode c, std::size_t scenario,
                                              std::int64_t run) const {
  return run_values<std::int8_t>(dataset_of(c).path, scenario, run, H5T_NATIVE_INT8);
}

float ResultsReader::summary(sim::SummaryVar v, std::size_t scenario, std::int64_t run) const {
  const std::string& name = dataset_of(v).path;
  {
    // One value a run: a dataset with more dimensions would overrun `value`.
    const Handle ds(H5Dopen2(file_.id(), name.c_str(), H5P_DEFAULT), "open " + name);
    if (h5::extent(ds.id()).size() != 2) {
      throw FormatError(file_diagnostic(path_.string(), "damaged: " + name + " is not 2-D"));
    }
  }
  float value = 0.0F;
  read_run_slab(name, scenario, run, H5T_NATIVE_FLOAT, &value);
  return value;
}

std::vector<EventRow> ResultsReader::all_events() const {
  const Handle ds(H5Dopen2(file_.id(), kEventsDataset, H5P_DEFAULT), "open events");
  const auto dims = h5::extent(ds.id());
  std::vector<EventRow> rows(dims.at(0));
  if (!rows.empty()) {
    const Handle type = event_memory_type();
    check_status(H5Dread(ds.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data()),
                 "read events");
  }
  return rows;
}

std::vector<EventRow> ResultsReader::events(std::size_t scenario, std::int64_t run) const {
  std::vector<EventRow> selected;
  for (const EventRow& row : all_events()) {
    if (row.scenario == static_cast<std::int16_t>(scenario) && row.run == run) {
      selected.push_back(row);
    }
  }
  return selected;
}

void ResultsReader::read_over_runs(const std::string& dataset, std::size_t scenario,
                                   const std::vector<hsize_t>& trailing, hid_t memory_type,
                                   void* out) const {
  const Handle ds(H5Dopen2(file_.id(), dataset.c_str(), H5P_DEFAULT), "open " + dataset);
  const auto dims = h5::extent(ds.id());
  if (dims.size() != trailing.size() + 2 || scenario >= dims[0]) {
    throw std::out_of_range("no scenario " + std::to_string(scenario) + " in " + dataset);
  }
  if (dims[1] != static_cast<hsize_t>(runs())) {
    throw FormatError(file_diagnostic(path_.string(),
                                      "damaged: " + dataset + " holds " + std::to_string(dims[1]) +
                                          " runs, the file says runs = " + std::to_string(runs())));
  }
  std::vector<hsize_t> start{scenario, 0};
  std::vector<hsize_t> count{1, dims[1]};
  for (std::size_t i = 0; i < trailing.size(); ++i) {
    if (trailing[i] >= dims[i + 2]) {
      throw std::out_of_range("index " + std::to_string(trailing[i]) + " out of range in " +
                              dataset);
    }
    start.push_back(trailing[i]);
    count.push_back(1);
  }
  const Handle file_space(H5Dget_space(ds.id()), "dataspace");
  check_status(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start.data(), nullptr,
                                   count.data(), nullptr),
               "select runs");
  const hsize_t runs = dims[1];
  const Handle memory_space(H5Screate_simple(1, &runs, nullptr), "memory space");
  check_status(H5Dread(ds.id(), memory_type, memory_space.id(), file_space.id(), H5P_DEFAULT, out),
               "read " + dataset);
}

std::vector<float> ResultsReader::state_over_runs(sim::StateVar v, std::size_t scenario,
                                                  int year_index, int country) const {
  std::vector<float> values(checked_runs(runs(), path_));
  read_over_runs(dataset_of(v).path, scenario,
                 {static_cast<hsize_t>(year_index), static_cast<hsize_t>(country)},
                 H5T_NATIVE_FLOAT, values.data());
  return values;
}

std::vector<float> ResultsReader::world_over_runs(sim::WorldVar v, std::size_t scenario,
                                                  int year_index) const {
  std::vector<float> values(checked_runs(runs(), path_));
  read_over_runs(dataset_of(v).path, scenario, {static_cast<hsize_t>(year_index)}, H5T_NATIVE_FLOAT,
                 values.data());
  return values;
}

std::vector<std::int8_t> ResultsReader::codes_over_runs(sim::WorldCode c, std::size_t scenario,
                                                        int year_index) const {
  std::vector<std::int8_t> values(checked_runs(runs(), path_));
  read_over_runs(dataset_of(c).path, scenario, {static_cast<hsize_t>(year_index)}, H5T_NATIVE_INT8,
                 values.data());
  return values;
}

std::vector<float> ResultsReader::summary_over_runs(sim::SummaryVar v, std::size_t scenario) const {
  std::vector<float> values(checked_runs(runs(), path_));
  read_over_runs(dataset_of(v).path, scenario, {}, H5T_NATIVE_FLOAT, values.data());
  return values;
}

std::vector<double> ResultsReader::parameter_over_runs(std::size_t parameter,
                                                       std::size_t scenario) const {
  std::vector<double> values(checked_runs(runs(), path_));
  read_over_runs(kParametersDataset, scenario, {parameter}, H5T_NATIVE_DOUBLE, values.data());
  return values;
}

std::vector<std::string> ResultsReader::numeric_datasets() {
  std::vector<std::string> names;
  for (const ChunkedDataset& d : chunked_datasets()) names.push_back(d.path);
  return names;
}

std::vector<unsigned char> ResultsReader::raw(const std::string& dataset) const {
  const Handle ds(H5Dopen2(file_.id(), dataset.c_str(), H5P_DEFAULT), "open " + dataset);
  const Handle file_type(H5Dget_type(ds.id()), "dataset type");
  const Handle native(H5Tget_native_type(file_type.id(), H5T_DIR_ASCEND), "native type");
  const std::size_t n = element_count(h5::extent(ds.id()), 0);
  std::vector<unsigned char> bytes(n * H5Tget_size(native.id()));
  if (!bytes.empty()) {
    check_status(H5Dread(ds.id(), native.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()),
                 "read " + dataset);
  }
  return bytes;
}

}  // namespace rampart::engine
