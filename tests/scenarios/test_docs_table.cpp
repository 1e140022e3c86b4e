// docs/scenarios.md's parameter reference must agree with the registry (parameters.def): every
// parameter, in order, with its unit, default and allowed range.

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "rampart/scenarios/parameters.hpp"

namespace rampart::scenarios {
namespace {

struct Row {
  std::vector<std::string> cells;
};

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(' ');
  const auto last = s.find_last_not_of(' ');
  return first == std::string::npos ? "" : s.substr(first, last - first + 1);
}

// prefix + text + suffix, built by appending (GCC 12 warns on "literal" + std::string).
std::string wrapped(std::string_view prefix, std::string_view text, std::string_view suffix) {
  std::string out(prefix);
  out.append(text).append(suffix);
  return out;
}

std::vector<Row> parameter_rows() {
  std::ifstream in(std::string(RAMPART_SOURCE_DIR) + "/docs/scenarios.md");
  std::vector<Row> rows;
  std::string line;
  bool in_reference = false;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) in_reference = line == "## Parameter reference";
    if (!in_reference || line.rfind("| `", 0) != 0) continue;
    Row row;
    std::size_t start = 1;
    for (std::size_t bar = line.find('|', start); bar != std::string::npos;
         bar = line.find('|', start)) {
      row.cells.push_back(trim(line.substr(start, bar - start)));
      start = bar + 1;
    }
    rows.push_back(row);
  }
  return rows;
}

TEST(DocsParameterTable, MatchesTheRegistry) {
  const auto rows = parameter_rows();
  const auto specs = parameter_specs();
  ASSERT_EQ(rows.size(), specs.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const ParameterSpec& sp = specs[i];
    const auto& c = rows[i].cells;
    ASSERT_EQ(c.size(), 5u) << sp.path;
    EXPECT_EQ(c[0], wrapped("`", sp.path, "`"));
    EXPECT_EQ(c[1], sp.unit) << sp.path;
    EXPECT_EQ(c[4], sp.meaning) << sp.path;
    if (sp.categorical()) {
      const auto code = static_cast<std::size_t>(sp.default_value);
      EXPECT_EQ(c[2], wrapped("`\"", sp.categories[code], "\"`")) << sp.path;
      for (const auto name : sp.categories) {
        EXPECT_NE(c[3].find(name), std::string::npos) << sp.path;
      }
      continue;
    }
    EXPECT_EQ(std::stod(c[2]), sp.default_value) << sp.path;
    ASSERT_EQ(c[3].front(), '[') << sp.path;
    const auto comma = c[3].find(',');
    EXPECT_EQ(std::stod(c[3].substr(1, comma - 1)), sp.min_value) << sp.path;
    EXPECT_EQ(std::stod(c[3].substr(comma + 1)), sp.max_value) << sp.path;
  }
}

}  // namespace
}  // namespace rampart::scenarios
