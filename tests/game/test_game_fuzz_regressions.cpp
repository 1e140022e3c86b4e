// Replays the game message fuzz target's check (tests/fuzz/fuzz_game_inputs.hpp) on its seed
// corpus (tests/data/game_messages) and on every input a fuzzer once failed on
// (tests/fuzz/regressions/game_message/), so a fixed crash stays fixed without clang.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "fuzz/fuzz_game_inputs.hpp"

namespace rampart::fuzz {
namespace {

namespace fs = std::filesystem;

TEST(GameFuzzRegressions, MessageParserOnTheSeedsAndPastFailures) {
  int files = 0;
  for (const char* dir : {"tests/data/game_messages", "tests/fuzz/regressions/game_message"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(RAMPART_SOURCE_DIR) / dir)) {
      if (!entry.is_regular_file() || entry.path().filename() == ".gitkeep") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      SCOPED_TRACE(entry.path().string());
      EXPECT_NO_THROW(fuzz_game_message_text(text));
      ++files;
    }
  }
  EXPECT_GE(files, 8);
}

}  // namespace
}  // namespace rampart::fuzz
