#pragma once
// One run of the agent model: scenario constants + one run's parameters + its random streams
// -> a filled RunRecordView. A Model is immutable after construction and shared by all threads.

#include <cmath>
#include <functional>

#include "rampart/scenarios/scenario.hpp"
#include "rampart/sim/rng.hpp"
#include "rampart/sim/run_record.hpp"

namespace rampart::sim {

// The model's version, stored in every results file (`model_version`): it changes whenever the
// same (scenario, seed, run index) gives other values (docs/model.md, "Model versions").
// 3: normals by a ziggurat instead of Box-Muller (model 2's equations, other draws).
inline constexpr int kModelVersion = 3;

struct World;  // sim/world.hpp: the full double-precision state of one year

// Observed defence shares that replace the simulated ones year by year, from the start year on:
// what `rampart calibrate` conditions the one-year-ahead spending equation on (the observed
// lagged world). NaN leaves the simulated share.
struct ObservedShares {
  int first_year = 0;
  int years = 0;
  int states = 0;
  const double* shares = nullptr;  // [(year - first_year) * states + state]
  [[nodiscard]] double at(int year, int state) const {
    if (year < first_year || year >= first_year + years) return std::nan("");
    return shares[static_cast<std::size_t>((year - first_year) * states + state)];
  }
};

// Decisions taken out of the model's hands, year by year from `first_year`: what a seminar
// game's teams choose for their states (rampart play). After a state's own rule has run, its
// core defence share, aid to Ukraine (share of GDP) and commitment (0..1) of that year are
// replaced by the given ones; NaN (or a year outside the range) leaves the model's decision.
// Everything downstream (capability, crises, Russia, the allies' next decisions) follows.
struct DecisionOverrides {
  int first_year = 0;
  int years = 0;
  int states = 0;
  const double* share = nullptr;       // [(year - first_year) * states + state], or null
  const double* aid_share = nullptr;   // the same layout, or null
  const double* commitment = nullptr;  // the same layout, or null
  // Events a game's teacher injects, per year (index year - first_year), or null: Russia probes
  // this state (its index; -1 none) that year, whatever the odds; a ceasefire (non-zero) ends an
  // active war that year. The random draws are taken as without them.
  const int* probe_target = nullptr;
  const int* ceasefire = nullptr;
  // A US policy the teacher orders, per year (the same index), or null: -1 none, else a
  // scenarios::UsPolicy value that replaces the scenario's (or the record's) policy that year. A
  // drawdown ordered in a year starts no earlier than that year (docs/seminar.md, "The game").
  const int* us_policy = nullptr;
  [[nodiscard]] static double at(const double* values, int first_year, int years, int states,
                                 int year, int state) {
    if (values == nullptr || year < first_year || year >= first_year + years) {
      return std::nan("");
    }
    return values[static_cast<std::size_t>((year - first_year) * states + state)];
  }
  [[nodiscard]] double share_at(int year, int state) const {
    return at(share, first_year, years, states, year, state);
  }
  [[nodiscard]] double aid_share_at(int year, int state) const {
    return at(aid_share, first_year, years, states, year, state);
  }
  [[nodiscard]] double commitment_at(int year, int state) const {
    return at(commitment, first_year, years, states, year, state);
  }
  [[nodiscard]] int probe_at(int year) const {
    if (probe_target == nullptr || year < first_year || year >= first_year + years) return -1;
    return probe_target[year - first_year];
  }
  [[nodiscard]] bool ceasefire_at(int year) const {
    if (ceasefire == nullptr || year < first_year || year >= first_year + years) return false;
    return ceasefire[year - first_year] != 0;
  }
  [[nodiscard]] int us_policy_at(int year) const {
    if (us_policy == nullptr || year < first_year || year >= first_year + years) return -1;
    return us_policy[year - first_year];
  }
};

// The instruction set of the step's alliance sums (the O(n^2) part of a year): the results are
// the same bits on either; AVX2 only takes fewer instructions (docs/performance.md).
enum class InstructionSet { Portable, Avx2 };

// Whether this CPU (and its operating system) can run the AVX2 copy.
[[nodiscard]] bool avx2_available();

class Model {
 public:
  // `horizon` is the last simulated year (after the scenario's start year, up to 2050).
  Model(const scenarios::Scenario& scenario, int horizon);

  [[nodiscard]] RecordShape shape() const { return shape_; }
  [[nodiscard]] int horizon() const { return horizon_; }
  [[nodiscard]] const scenarios::Scenario& scenario() const { return *scenario_; }

  // AVX2 where avx2_available(), else Portable. Setting Avx2 on a CPU without it throws
  // std::invalid_argument; tests set each in turn to compare the two bit for bit.
  [[nodiscard]] InstructionSet instruction_set() const { return instruction_set_; }
  void set_instruction_set(InstructionSet isa);

  // Simulates the start year (initial condition) .. horizon into `out`, including the run
  // summary. Allocation-free. `observer`, when set, sees the full world after each year (for
  // trace, the estimator and known-answer tests); `observed`, when set, replaces each year's
  // realised shares by the observed ones after the plan is made; `decisions`, when set, replaces
  // the chosen states' decisions (a seminar game's teams).
  void run(const scenarios::ParameterValues& params, const RunRng& rng, const RunRecordView& out,
           const std::function<void(const World&)>* observer = nullptr,
           const ObservedShares* observed = nullptr,
           const DecisionOverrides* decisions = nullptr) const;

  // One Monte Carlo replicate, the entry point of every run: draws the parameters of run
  // (rng.seed(), rng.run()) into `params` (sample_parameters) and simulates them into `out`.
  // Allocation-free: the caller owns and reuses `params` and the storage behind `out`.
  void sample_and_run(const RunRng& rng, scenarios::ParameterValues& params,
                      const RunRecordView& out,
                      const std::function<void(const World&)>* observer = nullptr) const;

 private:
  const scenarios::Scenario* scenario_;
  int horizon_;
  RecordShape shape_;
  InstructionSet instruction_set_ =
      avx2_available() ? InstructionSet::Avx2 : InstructionSet::Portable;
};

// Draws one run's parameter values: parameter p uses uniform(Stream::Parameters, 0, p), so run i
// draws the same quantile of every parameter in every scenario (common random numbers).
scenarios::ParameterValues sample_parameters(const scenarios::Scenario& scenario,
                                             const RunRng& rng);

}  // namespace rampart::sim
