#pragma once
// The layout of a results file (documented in docs/output.md), described once: the names of its
// dimensions and datasets, the events table's row, and the chunked datasets of a run's record in
// the one order the writer, the codec, the reader, merge and the analysis scan all use.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/io/h5.hpp"
#include "rampart/sim/run_record.hpp"

namespace rampart::engine {

inline constexpr const char* kScenarioDim = "scenario";
inline constexpr const char* kPointDim = "point";  // a sweep file's first dimension
inline constexpr const char* kFactorDim = "factor";
inline constexpr const char* kDesignDataset = "design";
inline constexpr const char* kRunDim = "run";
inline constexpr const char* kYearDim = "year";
inline constexpr const char* kCountryDim = "country";
inline constexpr const char* kParameterDim = "parameter";
inline constexpr const char* kParametersDataset = "parameters";
inline constexpr const char* kScenarioTomlDataset = "scenario_toml";
// The calibration data the runs used (format 1.1): file paths (a scale) and their texts.
inline constexpr const char* kCalibrationFileDim = "calibration_file";
inline constexpr const char* kCalibrationTextDataset = "calibration_text";
inline constexpr const char* kStateGroup = "state";
inline constexpr const char* kWorldGroup = "world";
inline constexpr const char* kSummaryGroup = "summary";
inline constexpr const char* kEventsDataset = "events";

// Which part of a run's record a chunked dataset holds.
enum class SeriesKind { State, World, Code, Summary, Parameters };

// The stored element types of the chunked datasets (little-endian in the file).
enum class ElementType { Float32, Int8, Float64 };
[[nodiscard]] hid_t file_type(ElementType type);
[[nodiscard]] hid_t memory_type(ElementType type);
[[nodiscard]] std::size_t element_size(ElementType type);

// One chunked dataset: dimensions (scenario, run, per_run_dims...), one chunk per block of one
// scenario's runs.
struct ChunkedDataset {
  SeriesKind kind;
  std::size_t index;  // the variable within its kind (sim::StateVar, ...; 0 for parameters)
  std::string group;  // kStateGroup, kWorldGroup, kSummaryGroup; empty: the root
  std::string name;   // within the group
  std::string path;   // from the root: "state/gdp", "parameters"
  std::string_view unit;
  std::string_view meaning;
  ElementType type;
};

// Every chunked dataset in the order its chunks are encoded and written (the order fixes where
// they land in the file): state series, world series, world codes, summaries, parameters.
[[nodiscard]] const std::vector<ChunkedDataset>& chunked_datasets();
inline constexpr std::size_t kChunkedDatasets =
    sim::kNumStateVars + sim::kNumWorldVars + sim::kNumWorldCodes + sim::kNumSummaryVars + 1;

// The dataset of one variable.
[[nodiscard]] const ChunkedDataset& dataset_of(sim::StateVar v);
[[nodiscard]] const ChunkedDataset& dataset_of(sim::WorldVar v);
[[nodiscard]] const ChunkedDataset& dataset_of(sim::WorldCode c);
[[nodiscard]] const ChunkedDataset& dataset_of(sim::SummaryVar v);
[[nodiscard]] const ChunkedDataset& parameters_dataset();

// A dataset's dimensions after (scenario, run): (year, country) for state series, (year) for
// world series and codes, () for summaries, (parameter) for the parameters.
[[nodiscard]] std::vector<hsize_t> per_run_dims(SeriesKind kind, hsize_t years, hsize_t countries);

// One row of the events table, in memory (the file type is the packed form of the same fields).
struct EventRow {
  std::int16_t scenario;
  std::int64_t run;
  std::int16_t year;  // calendar year
  std::int8_t kind;   // sim::EventKind
  std::int8_t country;
  float value;

  friend bool operator==(const EventRow&, const EventRow&) = default;
};

h5::Handle event_memory_type();
h5::Handle event_file_type();

// A row as the file stores it: the fields packed in declaration order, 18 bytes.
inline constexpr std::size_t kEventRowBytes = 18;
void pack_event_row(const EventRow& row, unsigned char* out);
// The file's packed layout in native types: rows packed by pack_event_row are written without a
// conversion (HDF5 allocates and clears two 1 MiB conversion buffers for each write that converts).
h5::Handle event_packed_memory_type();

}  // namespace rampart::engine
