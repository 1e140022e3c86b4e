#pragma once
// What the game's message fuzz target checks (tests/fuzz/fuzz_game_message.cpp), shared with the
// test that replays its seeds and past failures in the ordinary suites (tests/game/).
//
// The contract: game::Message::parse given arbitrary bytes either accepts them or throws
// game::GameError; so does reading a choice from an accepted message. An accepted message came
// from at most kMaxMessageBytes bytes, and every number in it is finite.

#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>

#include "rampart/game/message.hpp"

namespace rampart::fuzz {

class GamePropertyViolation : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

inline void fuzz_game_message_text(std::string_view text) {
  game::Message m;
  try {
    m = game::Message::parse(text);
  } catch (const game::GameError&) {
    return;
  }
  if (text.size() > game::kMaxMessageBytes) {
    throw GamePropertyViolation("a message over the size limit was accepted");
  }
  for (const char* name : {"core_pct", "aid_pct", "readiness_pct", "round", "team", "seconds"}) {
    try {
      if (!std::isfinite(m.number(name))) throw GamePropertyViolation("a non-finite number");
      static_cast<void>(m.integer(name));
    } catch (const game::GameError&) {
    }
  }
  try {
    static_cast<void>(game::choice_of(m));
    static_cast<void>(m.text("code"));
    static_cast<void>(m.flag("paused"));
  } catch (const game::GameError&) {
  }
}

}  // namespace rampart::fuzz
