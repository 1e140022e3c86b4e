#pragma once
// A seminar game (rampart play): teams play chosen states round by round, the model's agents
// play every other state. The game is (scenario, seed, teams, rounds, years per round, the
// teams' choices); the world after any round is one deterministic run of the model (run 0 of
// the seed) from the start year to the game's horizon in which the team states' decisions of the
// played rounds are replaced by the teams' choices (sim::DecisionOverrides). Replaying from the
// start on every advance costs microseconds and makes determinism and resume trivial.

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/scenarios/calibration_data.hpp"
#include "rampart/scenarios/parameters.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/sim/model.hpp"
#include "rampart/sim/run_record.hpp"
#include "rampart/sim/world.hpp"

namespace rampart::game {

// A request the game refuses: its message is for the user; `kind` says which HTTP status fits.
class GameError : public std::runtime_error {
 public:
  enum class Kind { BadRequest, Forbidden, Conflict, NotFound };
  GameError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  [[nodiscard]] Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// The ranges a team may choose in (fractions of GDP; commitment a probability).
inline constexpr double kMaxCoreShare = 0.10;
inline constexpr double kMaxAidShare = 0.02;
inline constexpr int kMaxRounds = 12;
inline constexpr int kMaxYearsPerRound = 5;
inline constexpr std::size_t kMaxTeams = 12;

// One team's decisions for the years of one round; NaN: not chosen (the model's agent decides).
struct Choice {
  double core_share = std::numeric_limits<double>::quiet_NaN();
  double aid_share = std::numeric_limits<double>::quiet_NaN();
  double commitment = std::numeric_limits<double>::quiet_NaN();
  [[nodiscard]] bool submitted() const { return !std::isnan(core_share); }
};

// What the teacher injects into a round, in its first year: Russia probes this state whatever
// the odds (its index in the scenario; -1 none), a ceasefire ends an active war in Ukraine, and
// the US turns to a policy (a scenarios::UsPolicy value; -1 unchanged) from this round on.
struct RoundEvents {
  int probe_target = -1;
  bool ceasefire = false;
  int us_policy = -1;
  friend bool operator==(const RoundEvents&, const RoundEvents&) = default;
};

// A US policy's name in the game's messages and pages ("committed", "transactional",
// "disengaging"; "" for -1, unchanged) and back (-1 for an unknown name).
[[nodiscard]] const char* us_policy_name(int policy);
[[nodiscard]] int us_policy_code(std::string_view name);

struct GameSetup {
  scenarios::Scenario scenario;             // resolved
  std::uint64_t seed = 1;                   // run 0 of this seed is the game's world
  int rounds = 4;                           // 1..kMaxRounds
  int years_per_round = 2;                  // 1..kMaxYearsPerRound
  std::vector<std::string> team_countries;  // ISO3, one state per team
  std::vector<std::string> join_codes;      // one per team
  std::string teacher_key;                  // unlocks the teacher's requests
  // The calibration data the scenario's countries were built from; the game file stores them
  // (results format 1.1), so a resumed game does not depend on the library's data.
  std::shared_ptr<const scenarios::CalibrationData> calibration;
};

class Game {
 public:
  // Checks the setup (countries in the scenario, no state twice, rounds within the scenario's
  // reach of kMaxHorizon, distinct codes) and simulates round 0; throws GameError(BadRequest).
  explicit Game(GameSetup setup);
  // The model points into the setup's scenario: a game stays where it was made.
  Game(const Game&) = delete;
  Game& operator=(const Game&) = delete;

  [[nodiscard]] const GameSetup& setup() const { return setup_; }
  [[nodiscard]] int teams() const { return static_cast<int>(states_.size()); }
  [[nodiscard]] int team_state(int team) const {
    return states_.at(static_cast<std::size_t>(team));
  }
  [[nodiscard]] int rounds_played() const { return static_cast<int>(choices_.size()); }
  [[nodiscard]] bool finished() const { return rounds_played() == setup_.rounds; }
  [[nodiscard]] int start_year() const { return setup_.scenario.start_year; }
  [[nodiscard]] int horizon() const {
    return start_year() + setup_.rounds * setup_.years_per_round;
  }
  // The years round `round` (1-based) plays, and the year the world stands at after `round`.
  [[nodiscard]] int first_year_of(int round) const {
    return start_year() + (round - 1) * setup_.years_per_round + 1;
  }
  [[nodiscard]] int year_after(int round) const {
    return start_year() + round * setup_.years_per_round;
  }

  // The team whose join code this is; throws GameError(Forbidden) for an unknown code.
  [[nodiscard]] int team_of_code(const std::string& code) const;
  [[nodiscard]] bool is_teacher(const std::string& key) const;

  // Records a team's choice for the round to play (`round` = rounds_played() + 1, so a page of
  // an older round cannot submit into a newer one). Validates everything before changing
  // anything; a second submission replaces the first.
  void submit(int team, int round, const Choice& choice);
  [[nodiscard]] const Choice& pending(int team) const {
    return pending_.at(static_cast<std::size_t>(team));
  }
  // Sets the teacher's events of the round to play (same round rule as submit); replaces earlier
  // ones. A probe needs a state of the scenario other than the United States.
  void set_events(int round, const RoundEvents& events);
  [[nodiscard]] const RoundEvents& pending_events() const { return pending_events_; }
  // The events of each played round.
  [[nodiscard]] const std::vector<RoundEvents>& events() const { return events_; }
  // The US policy of `year` in the played game: the teacher's latest order from a played round,
  // else the scenario's (its us.policy parameter).
  [[nodiscard]] scenarios::UsPolicy us_policy_in(int year) const;

  // Plays the round: the pending choices (a team that submitted nothing leaves its state to the
  // model's agent), then the world is re-simulated. Throws GameError(Conflict) when finished.
  void advance();
  // The game as it was after the played rounds with these choices ([round][team]) and events
  // ([round]); what resume uses. Throws GameError(BadRequest) for choices out of range or too many
  // rounds.
  void replay(const std::vector<std::vector<Choice>>& choices,
              const std::vector<RoundEvents>& events);

  [[nodiscard]] const std::vector<std::vector<Choice>>& choices() const { return choices_; }

  // The world of every year start..horizon (index = year - start_year): the played game (the
  // played rounds with the teams' choices, the rest the agents' continuation) and the
  // counterfactual (the agents play every state throughout).
  [[nodiscard]] const std::vector<sim::World>& played() const { return played_; }
  [[nodiscard]] const std::vector<sim::World>& counterfactual() const { return counterfactual_; }

  [[nodiscard]] const sim::Model& model() const { return model_; }
  [[nodiscard]] const scenarios::ParameterValues& parameters() const { return params_; }
  // Simulates the played game (with_choices) or the counterfactual into `out` (shape of model()).
  void simulate(bool with_choices, const sim::RunRecordView& out,
                std::vector<sim::World>* worlds = nullptr) const;

 private:
  void check_choice(const Choice& choice) const;
  void check_events(const RoundEvents& events) const;
  void resimulate();

  GameSetup setup_;
  std::vector<int> states_;  // per team: the state's index in the scenario
  sim::Model model_;
  scenarios::ParameterValues params_;
  std::vector<Choice> pending_;                   // per team, the round to play
  std::vector<std::vector<Choice>> choices_;      // per played round, per team
  std::vector<double> share_, aid_, commitment_;  // the overrides, [year][state] of the horizon
  RoundEvents pending_events_;
  std::vector<RoundEvents> events_;                 // per played round
  std::vector<int> probe_, ceasefire_, us_policy_;  // the events, [year] of the horizon
  std::vector<sim::World> played_, counterfactual_;
};

}  // namespace rampart::game
