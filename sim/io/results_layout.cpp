#include "rampart/io/results_layout.hpp"

#include <cstddef>
#include <cstring>
#include <span>

#include "rampart/scenarios/parameters.hpp"

namespace rampart::engine {
namespace {

void add_group(std::vector<ChunkedDataset>& out, SeriesKind kind, const char* group,
               std::span<const sim::VarInfo> infos, ElementType type) {
  for (std::size_t i = 0; i < infos.size(); ++i) {
    const std::string name(infos[i].name);
    out.push_back({kind, i, group, name, std::string(group) + "/" + name, infos[i].unit,
                   infos[i].meaning, type});
  }
}

std::vector<ChunkedDataset> build_chunked_datasets() {
  std::vector<ChunkedDataset> out;
  add_group(out, SeriesKind::State, kStateGroup, sim::state_var_info(), ElementType::Float32);
  add_group(out, SeriesKind::World, kWorldGroup, sim::world_var_info(), ElementType::Float32);
  add_group(out, SeriesKind::Code, kWorldGroup, sim::world_code_info(), ElementType::Int8);
  add_group(out, SeriesKind::Summary, kSummaryGroup, sim::summary_var_info(), ElementType::Float32);
  out.push_back({SeriesKind::Parameters, 0, "", kParametersDataset, kParametersDataset,
                 "see parameter_unit", "sampled parameter values of each run",
                 ElementType::Float64});
  return out;
}

// The position of a kind's first dataset in chunked_datasets().
std::size_t first_of(SeriesKind kind) {
  switch (kind) {
    case SeriesKind::State:
      return 0;
    case SeriesKind::World:
      return sim::kNumStateVars;
    case SeriesKind::Code:
      return sim::kNumStateVars + sim::kNumWorldVars;
    case SeriesKind::Summary:
      return sim::kNumStateVars + sim::kNumWorldVars + sim::kNumWorldCodes;
    case SeriesKind::Parameters:
      break;
  }
  return kChunkedDatasets - 1;
}

}  // namespace

hid_t file_type(ElementType type) {
  switch (type) {
    case ElementType::Float32:
      return H5T_IEEE_F32LE;
    case ElementType::Int8:
      return H5T_STD_I8LE;
    case ElementType::Float64:
      break;
  }
  return H5T_IEEE_F64LE;
}

hid_t memory_type(ElementType type) {
  switch (type) {
    case ElementType::Float32:
      return H5T_NATIVE_FLOAT;
    case ElementType::Int8:
      return H5T_NATIVE_INT8;
    case ElementType::Float64:
      break;
  }
  return H5T_NATIVE_DOUBLE;
}

std::size_t element_size(ElementType type) {
  switch (type) {
    case ElementType::Float32:
      return sizeof(float);
    case ElementType::Int8:
      return sizeof(std::int8_t);
    case ElementType::Float64:
      break;
  }
  return sizeof(double);
}

const std::vector<ChunkedDataset>& chunked_datasets() {
  static const std::vector<ChunkedDataset> kDatasets = build_chunked_datasets();
  return kDatasets;
}

const ChunkedDataset& dataset_of(sim::StateVar v) {
  return chunked_datasets()[first_of(SeriesKind::State) + static_cast<std::size_t>(v)];
}
const ChunkedDataset& dataset_of(sim::WorldVar v) {
  return chunked_datasets()[first_of(SeriesKind::World) + static_cast<std::size_t>(v)];
}
const ChunkedDataset& dataset_of(sim::WorldCode c) {
  return chunked_datasets()[first_of(SeriesKind::Code) + static_cast<std::size_t>(c)];
}
const ChunkedDataset& dataset_of(sim::SummaryVar v) {
  return chunked_datasets()[first_of(SeriesKind::Summary) + static_cast<std::size_t>(v)];
}
const ChunkedDataset& parameters_dataset() {
  return chunked_datasets()[first_of(SeriesKind::Parameters)];
}

std::vector<hsize_t> per_run_dims(SeriesKind kind, hsize_t years, hsize_t countries) {
  switch (kind) {
    case SeriesKind::State:
      return {years, countries};
    case SeriesKind::World:
    case SeriesKind::Code:
      return {years};
    case SeriesKind::Summary:
      return {};
    case SeriesKind::Parameters:
      break;
  }
  return {scenarios::kNumParams};
}

h5::Handle event_memory_type() {
  h5::Handle type(H5Tcreate(H5T_COMPOUND, sizeof(EventRow)), "create event type");
  const hid_t id = type.id();
  h5::check_status(H5Tinsert(id, "scenario", offsetof(EventRow, scenario), H5T_NATIVE_INT16),
                   "event type");
  h5::check_status(H5Tinsert(id, "run", offsetof(EventRow, run), H5T_NATIVE_INT64), "event type");
  h5::check_status(H5Tinsert(id, "year", offsetof(EventRow, year), H5T_NATIVE_INT16), "event type");
  h5::check_status(H5Tinsert(id, "kind", offsetof(EventRow, kind), H5T_NATIVE_INT8), "event type");
  h5::check_status(H5Tinsert(id, "country", offsetof(EventRow, country), H5T_NATIVE_INT8),
                   "event type");
  h5::check_status(H5Tinsert(id, "value", offsetof(EventRow, value), H5T_NATIVE_FLOAT),
                   "event type");
  return type;
}

namespace {
// Each field's offset in the packed row, in declaration order.
constexpr std::size_t kEventScenarioAt = 0;
constexpr std::size_t kEventRunAt = 2;
constexpr std::size_t kEventYearAt = 10;
constexpr std::size_t kEventKindAt = 12;
constexpr std::size_t kEventCountryAt = 13;
constexpr std::size_t kEventValueAt = 14;
static_assert(kEventValueAt + sizeof(float) == kEventRowBytes);

h5::Handle packed_event_type(hid_t i16, hid_t i64, hid_t i8, hid_t f32, const char* what) {
  h5::Handle type(H5Tcreate(H5T_COMPOUND, kEventRowBytes), what);
  const hid_t id = type.id();
  h5::check_status(H5Tinsert(id, "scenario", kEventScenarioAt, i16), what);
  h5::check_status(H5Tinsert(id, "run", kEventRunAt, i64), what);
  h5::check_status(H5Tinsert(id, "year", kEventYearAt, i16), what);
  h5::check_status(H5Tinsert(id, "kind", kEventKindAt, i8), what);
  h5::check_status(H5Tinsert(id, "country", kEventCountryAt, i8), what);
  h5::check_status(H5Tinsert(id, "value", kEventValueAt, f32), what);
  return type;
}
}  // namespace

h5::Handle event_file_type() {
  // Little-endian fields packed in declaration order: 18 bytes a row on every platform.
  return packed_event_type(H5T_STD_I16LE, H5T_STD_I64LE, H5T_STD_I8LE, H5T_IEEE_F32LE,
                           "event file type");
}

h5::Handle event_packed_memory_type() {
  return packed_event_type(H5T_NATIVE_INT16, H5T_NATIVE_INT64, H5T_NATIVE_INT8, H5T_NATIVE_FLOAT,
                           "event packed memory type");
}

void pack_event_row(const EventRow& row, unsigned char* out) {
  std::memcpy(out + kEventScenarioAt, &row.scenario, sizeof row.scenario);
  std::memcpy(out + kEventRunAt, &row.run, sizeof row.run);
  std::memcpy(out + kEventYearAt, &row.year, sizeof row.year);
  std::memcpy(out + kEventKindAt, &row.kind, sizeof row.kind);
  std::memcpy(out + kEventCountryAt, &row.country, sizeof row.country);
  std::memcpy(out + kEventValueAt, &row.value, sizeof row.value);
}

}  // namespace rampart::engine
