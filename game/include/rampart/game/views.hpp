#pragma once
// What the game's pages show, as JSON: a team's situation and decision form, the teacher's
// overview, and the debrief (each team against the model's agent for its state). Pure functions
// of the game and the classroom's clock; the server sends them, the debrief export inlines one.

#include <string>
#include <string_view>

#include "rampart/game/game.hpp"

namespace rampart::game {

// What the classroom adds to the game and the file does not record: the teacher's pause and the
// seconds left on the round's timer (negative: no timer).
struct Classroom {
  bool paused = false;
  double seconds_left = -1.0;
};

std::string team_view(const Game& game, int team, const Classroom& classroom);
std::string teacher_view(const Game& game, const Classroom& classroom);
std::string debrief_view(const Game& game);
// The join links for the cards and the teacher's join panel: per team its code, the address
// `base` + "/team?code=CODE" (base: "http://HOST:PORT", the address the server prints, the one
// students can reach) and that address as an inline QR code (qr_svg.hpp).
std::string join_view(const Game& game, std::string_view base);

}  // namespace rampart::game
