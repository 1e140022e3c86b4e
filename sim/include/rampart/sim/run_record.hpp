#pragma once
// What one run records: per-state yearly series, world yearly series, events and a summary.
// The model writes into a RunRecordView (non-owning pointers into a block buffer laid out
// exactly as the HDF5 chunks: [run][year][state]), so recording allocates nothing.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace rampart::sim {

struct VarInfo {
  std::string_view name;  // dataset name in the output file
  std::string_view unit;
  std::string_view meaning;
};

// Per-state yearly series (float32 in the file), index [year][state]; year 0 is 2024 (data).
enum class StateVar : std::size_t {
  Gdp,              // USD bn (constant 2024)
  SpendingShare,    // core defence spending, fraction of GDP
  RelatedShare,     // defence-related spending (Hague 1.5 % category), fraction of GDP
  Spending,         // core defence spending, USD bn
  Capability,       // capability stock K, USD bn-equivalent
  AidShare,         // military aid to Ukraine, fraction of GDP
  Commitment,       // probability of answering an ally's call, 0..1
  SecurityWeight,   // w, the weight on security in the state's utility
  PerceivedThreat,  // exposure-weighted threat relative to 2024
  DeterrenceRatio,  // (own + allied credible capability) / Russian capability
  Count
};
inline constexpr std::size_t kNumStateVars = static_cast<std::size_t>(StateVar::Count);

// World yearly series (float32), index [year].
enum class WorldVar : std::size_t {
  RussiaCapability,  // USD bn-equivalent
  Threat,            // Russian capability relative to 2024
  UsPresence,        // US presence in Europe relative to 2024, 0..1
  UkraineAid,        // total military aid to Ukraine, USD bn
  Count
};
inline constexpr std::size_t kNumWorldVars = static_cast<std::size_t>(WorldVar::Count);

// World yearly codes (int8), index [year].
enum class WorldCode : std::size_t {
  WarState,       // 0 active, 1 ceasefire, 2 frozen
  CrisisTarget,   // state index probed this year, -1 none
  CrisisOutcome,  // 0 none, 1 deterred, 2 contained, 3 failed
  Count
};
inline constexpr std::size_t kNumWorldCodes = static_cast<std::size_t>(WorldCode::Count);

enum class EventKind : std::int8_t {
  Crisis = 1,          // value: outcome code (1 deterred, 2 contained, 3 failed)
  WarStateChange = 2,  // value: new war state
  UsFloorReached = 3,  // value: presence
  UsAidEnded = 4,      // value: 0
  Accession = 5,       // a recorded NATO accession (runs starting before 2024); value: 0
};

struct Event {
  std::int16_t year;
  std::int8_t kind;     // EventKind
  std::int8_t country;  // state index, -1 for none
  float value;
};

// Per-run summary (float32; NaN where not applicable, e.g. no crisis).
enum class SummaryVar : std::size_t {
  FirstCrisisYear,
  Crises,
  DeterrenceFailures,
  EuropeSpendingShareEnd,  // NATO-Europe: sum of core spending / sum of GDP, final year
  UsShareNatoSpendingEnd,  // US core spending / all allies' core spending, final year
  AlliesAt2PctEnd,         // NATO allies with core share >= 2 %, final year
  MeanCommitmentEnd,       // mean commitment of European states, final year
  WarStateEnd,
  ThreatEnd,
  Count
};
inline constexpr std::size_t kNumSummaryVars = static_cast<std::size_t>(SummaryVar::Count);

std::span<const VarInfo> state_var_info();    // kNumStateVars
std::span<const VarInfo> world_var_info();    // kNumWorldVars
std::span<const VarInfo> world_code_info();   // kNumWorldCodes
std::span<const VarInfo> summary_var_info();  // kNumSummaryVars

struct RecordShape {
  int years = 0;   // horizon - 2024 + 1
  int states = 0;  // 36
  [[nodiscard]] int max_events() const { return 4 * years; }
};

struct RunRecordView {
  RecordShape shape;
  std::array<float*, kNumStateVars> state{};         // each [years * states]
  std::array<float*, kNumWorldVars> world{};         // each [years]
  std::array<std::int8_t*, kNumWorldCodes> codes{};  // each [years]
  float* summary = nullptr;                          // [kNumSummaryVars]
  Event* events = nullptr;                           // [shape.max_events()]
  int* event_count = nullptr;

  float& at(StateVar v, int year, int country) const {
    return state[static_cast<std::size_t>(v)][year * shape.states + country];
  }
  float& at(WorldVar v, int year) const { return world[static_cast<std::size_t>(v)][year]; }
  std::int8_t& at(WorldCode c, int year) const { return codes[static_cast<std::size_t>(c)][year]; }
  float& at(SummaryVar v) const { return summary[static_cast<std::size_t>(v)]; }
  void push_event(const Event& e) const {
    if (*event_count < shape.max_events()) events[(*event_count)++] = e;
  }
};

}  // namespace rampart::sim

namespace rampart::sim {

// Owning storage for one run's record (the engine writes into its block buffers instead): for
// single runs outside the Monte Carlo pipeline, such as the estimator's and validate's.
class RunRecordStorage {
 public:
  explicit RunRecordStorage(RecordShape shape)
      : shape_(shape),
        state_(kNumStateVars * static_cast<std::size_t>(shape.years) *
               static_cast<std::size_t>(shape.states)),
        world_(kNumWorldVars * static_cast<std::size_t>(shape.years)),
        codes_(kNumWorldCodes * static_cast<std::size_t>(shape.years)),
        summary_(kNumSummaryVars),
        events_(static_cast<std::size_t>(shape.max_events())) {}

  [[nodiscard]] RunRecordView view() {
    RunRecordView v;
    v.shape = shape_;
    const auto per_state =
        static_cast<std::size_t>(shape_.years) * static_cast<std::size_t>(shape_.states);
    const auto per_year = static_cast<std::size_t>(shape_.years);
    for (std::size_t k = 0; k < kNumStateVars; ++k) v.state[k] = state_.data() + k * per_state;
    for (std::size_t k = 0; k < kNumWorldVars; ++k) v.world[k] = world_.data() + k * per_year;
    for (std::size_t k = 0; k < kNumWorldCodes; ++k) v.codes[k] = codes_.data() + k * per_year;
    v.summary = summary_.data();
    v.events = events_.data();
    v.event_count = &event_count_;
    return v;
  }

 private:
  RecordShape shape_;
  std::vector<float> state_, world_;
  std::vector<std::int8_t> codes_;
  std::vector<float> summary_;
  std::vector<Event> events_;
  int event_count_ = 0;
};

}  // namespace rampart::sim
