#include "rampart/game/game.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <set>
#include <utility>

#include "rampart/sim/rng.hpp"

namespace rampart::game {
namespace {

// The run of the seed every game plays (so a game with no choices is run 0 of `rampart run`).
constexpr std::uint64_t kGameRun = 0;

int checked_horizon(const GameSetup& s) {
  if (s.rounds < 1 || s.rounds > kMaxRounds) {
    throw GameError(GameError::Kind::BadRequest, "rounds must be 1.." + std::to_string(kMaxRounds) +
                                                     " (got " + std::to_string(s.rounds) + ")");
  }
  if (s.years_per_round < 1 || s.years_per_round > kMaxYearsPerRound) {
    throw GameError(GameError::Kind::BadRequest, "years per round must be 1.." +
                                                     std::to_string(kMaxYearsPerRound) + " (got " +
                                                     std::to_string(s.years_per_round) + ")");
  }
  const int horizon = s.scenario.start_year + s.rounds * s.years_per_round;
  if (horizon > scenarios::kMaxHorizon) {
    throw GameError(GameError::Kind::BadRequest,
                    std::to_string(s.rounds) + " rounds of " + std::to_string(s.years_per_round) +
                        " years from " + std::to_string(s.scenario.start_year) + " end in " +
                        std::to_string(horizon) + ", after the model's last year " +
                        std::to_string(scenarios::kMaxHorizon));
  }
  return horizon;
}

std::vector<int> team_states(const GameSetup& s) {
  if (s.team_countries.empty() || s.team_countries.size() > kMaxTeams) {
    throw GameError(GameError::Kind::BadRequest, "a game needs 1.." + std::to_string(kMaxTeams) +
                                                     " teams (got " +
                                                     std::to_string(s.team_countries.size()) + ")");
  }
  if (s.join_codes.size() != s.team_countries.size()) {
    throw GameError(GameError::Kind::BadRequest, "one join code per team is needed");
  }
  std::set<std::string> codes(s.join_codes.begin(), s.join_codes.end());
  if (codes.size() != s.join_codes.size() || codes.count(s.teacher_key) != 0U ||
      s.teacher_key.empty() || codes.count("") != 0U) {
    throw GameError(GameError::Kind::BadRequest,
                    "join codes and the teacher key must be distinct and non-empty");
  }
  std::vector<int> states;
  for (const auto& iso3 : s.team_countries) {
    const auto& countries = s.scenario.countries;
    const auto it = std::find_if(countries.begin(), countries.end(),
                                 [&](const scenarios::Country& c) { return c.iso3 == iso3; });
    if (it == countries.end()) {
      std::string message = "no country '" + iso3 + "' in scenario " + s.scenario.name;
      message += " (it has: ";
      for (std::size_t i = 0; i < countries.size(); ++i) {
        if (i > 0) message += ',';
        message += countries[i].iso3;
      }
      message += ')';
      throw GameError(GameError::Kind::BadRequest, message);
    }
    if (it->iso3 == "USA") {
      throw GameError(GameError::Kind::BadRequest,
                      "the United States is played by the model (its posture is the scenario's)");
    }
    const int state = static_cast<int>(it - countries.begin());
    if (std::find(states.begin(), states.end(), state) != states.end()) {
      throw GameError(GameError::Kind::BadRequest, "country " + iso3 + " is given twice");
    }
    states.push_back(state);
  }
  return states;
}

constexpr std::array<const char*, 3> kUsPolicyNames{"committed", "transactional", "disengaging"};

}  // namespace

const char* us_policy_name(int policy) {
  if (policy < 0 || policy >= static_cast<int>(kUsPolicyNames.size())) return "";
  return kUsPolicyNames[static_cast<std::size_t>(policy)];
}

int us_policy_code(std::string_view name) {
  for (std::size_t i = 0; i < kUsPolicyNames.size(); ++i) {
    if (name == kUsPolicyNames[i]) return static_cast<int>(i);
  }
  return -1;
}

Game::Game(GameSetup setup)
    : setup_(std::move(setup)),
      states_(team_states(setup_)),
      model_(setup_.scenario, checked_horizon(setup_)),
      params_(sim::sample_parameters(setup_.scenario, sim::RunRng(setup_.seed, kGameRun))),
      pending_(states_.size()) {
  const auto cells = static_cast<std::size_t>(model_.shape().years * model_.shape().states);
  share_.assign(cells, std::nan(""));
  aid_.assign(cells, std::nan(""));
  commitment_.assign(cells, std::nan(""));
  probe_.assign(static_cast<std::size_t>(model_.shape().years), -1);
  ceasefire_.assign(static_cast<std::size_t>(model_.shape().years), 0);
  us_policy_.assign(static_cast<std::size_t>(model_.shape().years), -1);
  resimulate();
}

int Game::team_of_code(const std::string& code) const {
  for (std::size_t t = 0; t < setup_.join_codes.size(); ++t) {
    if (setup_.join_codes[t] == code) return static_cast<int>(t);
  }
  throw GameError(GameError::Kind::Forbidden, "unknown join code");
}

bool Game::is_teacher(const std::string& key) const {
  return key == setup_.teacher_key;
}

void Game::check_choice(const Choice& c) const {
  const auto in = [](double x, double hi) { return std::isfinite(x) && x >= 0.0 && x <= hi; };
  if (!in(c.core_share, kMaxCoreShare)) {
    throw GameError(GameError::Kind::BadRequest, "core defence spending must be 0..10 % of GDP");
  }
  if (!in(c.aid_share, kMaxAidShare)) {
    throw GameError(GameError::Kind::BadRequest, "aid to Ukraine must be 0..2 % of GDP");
  }
  if (!in(c.commitment, 1.0)) {
    throw GameError(GameError::Kind::BadRequest, "readiness to answer an ally must be 0..100 %");
  }
}

void Game::submit(int team, int round, const Choice& choice) {
  if (team < 0 || team >= teams()) {
    throw GameError(GameError::Kind::NotFound, "no team " + std::to_string(team + 1));
  }
  if (finished()) throw GameError(GameError::Kind::Conflict, "the game is over");
  if (round != rounds_played() + 1) {
    throw GameError(GameError::Kind::Conflict, "round " + std::to_string(round) +
                                                   " is not the round being played (" +
                                                   std::to_string(rounds_played() + 1) + ")");
  }
  check_choice(choice);
  pending_[static_cast<std::size_t>(team)] = choice;
}

void Game::check_events(const RoundEvents& events) const {
  const auto& countries = setup_.scenario.countries;
  if (events.probe_target < -1 || events.probe_target >= static_cast<int>(countries.size()) ||
      (events.probe_target >= 0 &&
       countries[static_cast<std::size_t>(events.probe_target)].iso3 == "USA")) {
    throw GameError(GameError::Kind::BadRequest, "Russia can probe a European state only");
  }
  if (events.us_policy < -1 ||
      events.us_policy > static_cast<int>(scenarios::UsPolicy::Disengaging)) {
    throw GameError(
        GameError::Kind::BadRequest,
        "no US policy " + std::to_string(events.us_policy) + " (0..2, or -1 unchanged)");
  }
}

scenarios::UsPolicy Game::us_policy_in(int year) const {
  const int ordered = year >= start_year() && year <= horizon()
                          ? us_policy_[static_cast<std::size_t>(year - start_year())]
                          : -1;
  if (ordered >= 0) return static_cast<scenarios::UsPolicy>(ordered);
  return static_cast<scenarios::UsPolicy>(
      static_cast<int>(std::lround(params_[scenarios::Param::UsPolicy])));
}

void Game::set_events(int round, const RoundEvents& events) {
  if (finished()) throw GameError(GameError::Kind::Conflict, "the game is over");
  if (round != rounds_played() + 1) {
    throw GameError(GameError::Kind::Conflict, "round " + std::to_string(round) +
                                                   " is not the round being played (" +
                                                   std::to_string(rounds_played() + 1) + ")");
  }
  check_events(events);
  pending_events_ = events;
}

void Game::advance() {
  if (finished()) throw GameError(GameError::Kind::Conflict, "the game is over");
  const int round = rounds_played() + 1;
  const int states = model_.shape().states;
  for (int year = first_year_of(round); year <= year_after(round); ++year) {
    for (std::size_t t = 0; t < states_.size(); ++t) {
      const auto cell =
          static_cast<std::size_t>(year - start_year()) * static_cast<std::size_t>(states) +
          static_cast<std::size_t>(states_[t]);
      share_[cell] = pending_[t].core_share;
      aid_[cell] = pending_[t].aid_share;
      commitment_[cell] = pending_[t].commitment;
    }
  }
  const auto first = static_cast<std::size_t>(first_year_of(round) - start_year());
  probe_[first] = pending_events_.probe_target;
  ceasefire_[first] = pending_events_.ceasefire ? 1 : 0;
  if (pending_events_.us_policy >= 0) {
    std::fill(us_policy_.begin() + static_cast<std::ptrdiff_t>(first), us_policy_.end(),
              pending_events_.us_policy);
  }
  events_.push_back(std::exchange(pending_events_, RoundEvents{}));
  choices_.push_back(std::exchange(pending_, std::vector<Choice>(states_.size())));
  resimulate();
}

void Game::replay(const std::vector<std::vector<Choice>>& choices,
                  const std::vector<RoundEvents>& events) {
  if (!choices_.empty()) throw GameError(GameError::Kind::Conflict, "replay needs a new game");
  if (static_cast<int>(choices.size()) > setup_.rounds || events.size() != choices.size()) {
    throw GameError(GameError::Kind::BadRequest, "the recorded rounds do not fit the game");
  }
  for (const auto& e : events) check_events(e);
  std::vector<std::vector<Choice>> checked = choices;
  for (auto& round : checked) {
    if (round.size() != states_.size()) {
      throw GameError(GameError::Kind::BadRequest, "a round records another number of teams");
    }
    for (auto& c : round) {
      // A team that submitted nothing left every decision to its agent.
      if (c.submitted()) {
        check_choice(c);
      } else {
        c = Choice{};
      }
    }
  }
  for (std::size_t r = 0; r < checked.size(); ++r) {
    pending_ = std::move(checked[r]);
    pending_events_ = events[r];
    advance();
  }
}

void Game::simulate(bool with_choices, const sim::RunRecordView& out,
                    std::vector<sim::World>* worlds) const {
  const sim::RunRng rng(setup_.seed, kGameRun);
  const auto shape = model_.shape();
  const sim::DecisionOverrides overrides{start_year(),  shape.years,       shape.states,
                                         share_.data(), aid_.data(),       commitment_.data(),
                                         probe_.data(), ceasefire_.data(), us_policy_.data()};
  std::function<void(const sim::World&)> keep = [worlds](const sim::World& w) {
    worlds->push_back(w);
  };
  if (worlds != nullptr) worlds->clear();
  model_.run(params_, rng, out, worlds != nullptr ? &keep : nullptr, nullptr,
             with_choices ? &overrides : nullptr);
}

void Game::resimulate() {
  sim::RunRecordStorage storage(model_.shape());
  simulate(true, storage.view(), &played_);
  simulate(false, storage.view(), &counterfactual_);
}

}  // namespace rampart::game
