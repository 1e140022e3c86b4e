#pragma once
// Names and types shared by the results writer and reader (the layout is documented in
// docs/output.md).

#include <cstdint>

#include "rampart/engine/h5.hpp"

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
inline constexpr const char* kStateGroup = "state";
inline constexpr const char* kWorldGroup = "world";
inline constexpr const char* kSummaryGroup = "summary";
inline constexpr const char* kEventsDataset = "events";

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

}  // namespace rampart::engine
