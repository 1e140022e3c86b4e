#pragma once
// The JSON messages of the game's API: a small strict parser for the requests (one flat object
// of string, number and boolean members; no nesting, no duplicates, bounded in size) and the
// request types it yields. Responses are written with support/json.hpp.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "rampart/game/game.hpp"

namespace rampart::game {

inline constexpr std::size_t kMaxMessageBytes = 4096;
inline constexpr std::size_t kMaxMessageMembers = 16;
inline constexpr std::size_t kMaxStringBytes = 256;

using JsonValue = std::variant<std::string, double, bool>;

// A parsed request: member name -> value. Throws GameError(BadRequest) naming what is wrong
// (with its byte offset) for anything but one flat JSON object within the bounds above.
class Message {
 public:
  static Message parse(std::string_view text);

  // The member as that type; throws GameError(BadRequest) when missing or of another type.
  [[nodiscard]] const std::string& text(const std::string& name) const;
  [[nodiscard]] double number(const std::string& name) const;
  [[nodiscard]] int integer(const std::string& name) const;  // a whole number in int range
  [[nodiscard]] std::optional<bool> flag(const std::string& name) const;
  [[nodiscard]] bool has(const std::string& name) const { return members_.count(name) != 0U; }

 private:
  std::map<std::string, JsonValue, std::less<>> members_;
};

// A choice from a message in the page's units: core_pct and aid_pct in % of GDP, readiness_pct
// in % (all required, numbers).
Choice choice_of(const Message& message);

}  // namespace rampart::game
