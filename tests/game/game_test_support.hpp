#pragma once
// Helpers for the game tests: a game on the library's baseline scenario with fixed codes, and a
// file's bytes.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "rampart/game/game.hpp"
#include "rampart/scenarios/country.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/scenarios/scenario.hpp"

namespace rampart::game::testing {

inline const scenarios::CountryTable& countries() {
  static const scenarios::CountryTable table =
      scenarios::load_country_table(scenarios::scenario_library_dir());
  return table;
}

inline GameSetup baseline_setup(std::vector<std::string> teams = {"DEU", "FRA", "POL"},
                                int rounds = 3, int years_per_round = 2, std::uint64_t seed = 42) {
  GameSetup s;
  s.scenario =
      scenarios::load_scenario(scenarios::resolve_scenario_argument("baseline"), countries());
  s.seed = seed;
  s.rounds = rounds;
  s.years_per_round = years_per_round;
  s.team_countries = std::move(teams);
  for (std::size_t t = 0; t < s.team_countries.size(); ++t) {
    s.join_codes.push_back("CODE" + std::to_string(t + 1));
  }
  s.teacher_key = "TEACHER";
  s.calibration = countries().data;
  return s;
}

inline std::unique_ptr<Game> baseline_game(std::vector<std::string> teams = {"DEU", "FRA", "POL"},
                                           int rounds = 3, int years_per_round = 2,
                                           std::uint64_t seed = 42) {
  return std::make_unique<Game>(baseline_setup(std::move(teams), rounds, years_per_round, seed));
}

inline Choice choice(double core, double aid, double commitment) {
  Choice c;
  c.core_share = core;
  c.aid_share = aid;
  c.commitment = commitment;
  return c;
}

inline std::string bytes_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace rampart::game::testing
