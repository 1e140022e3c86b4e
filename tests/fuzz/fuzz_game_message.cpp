// libFuzzer target: game::Message::parse, the parser of every request body of `rampart play`'s
// server, on arbitrary bytes (see fuzz_game_inputs.hpp for what counts as a failure). Run with
// scripts/fuzz.sh.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_game_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rampart::fuzz::fuzz_game_message_text(
      std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
