// docs/model.md lists every registry parameter with its default (the table is generated from
// parameters.def; this keeps the two from drifting apart).

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "rampart/scenarios/parameters.hpp"
#include "rampart/support/text_format.hpp"

namespace rampart::sim {
namespace {

TEST(ModelDoc, EveryParameterIsDocumentedWithItsDefault) {
  std::ifstream in(RAMPART_SOURCE_DIR "/docs/model.md");
  ASSERT_TRUE(in.good());
  int rows = 0;
  std::stringstream all;
  all << in.rdbuf();
  const std::string text = all.str();
  for (const auto& spec : scenarios::parameter_specs()) {
    const std::string key = "| `" + std::string(spec.path) + "` |";
    const auto at = text.find(key);
    ASSERT_NE(at, std::string::npos) << spec.path << " is missing from docs/model.md";
    const std::string row = text.substr(at, text.find('\n', at) - at);
    const std::string expected = "| " + support::format_number(spec.default_value) + " |";
    EXPECT_NE(row.find(expected), std::string::npos) << row;
    EXPECT_EQ(row.find("MISSING"), std::string::npos) << row;
    ++rows;
  }
  EXPECT_EQ(rows, static_cast<int>(scenarios::kNumParams));
}

}  // namespace
}  // namespace rampart::sim
