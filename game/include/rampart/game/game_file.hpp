#pragma once
// A game as a results file (docs/seminar.md, "The game"): the normal layout (docs/output.md)
// with two "scenarios" of one run each, `played` (the game as played: the played rounds with the
// teams' choices, later years the agents' continuation) and `agents` (the counterfactual: the
// model's agents play every state), so `report`, `summarize`, `compare` and h5py read it; plus a
// /game group with the setup and every played round's choices, from which --resume rebuilds it.
// The file is small (two runs), so each save rewrites it whole: FILE.part, then a rename over
// FILE, so a crash leaves the last saved round intact.

#include <filesystem>
#include <memory>
#include <string>

#include "rampart/game/game.hpp"
#include "rampart/scenarios/country.hpp"

namespace rampart::game {

// What the file records besides the game: the command and the program's version.
struct Provenance {
  std::string command;
  std::string version;
  std::string git_sha;
};

inline constexpr const char* kPlayedName = "played";
inline constexpr const char* kAgentsName = "agents";

// Writes `game` to `path` (through path + ".part" and a rename).
void save_game(const Game& game, const std::filesystem::path& path, const Provenance& provenance);

// Rebuilds the game a file records, replaying its rounds, with the calibration data the file
// stores (`countries` only for a file without them); throws engine::FormatError or
// GameError(BadRequest) for a file that is not a readable game.
std::unique_ptr<Game> load_game(const std::filesystem::path& path,
                                const scenarios::CountryTable& countries);

}  // namespace rampart::game
