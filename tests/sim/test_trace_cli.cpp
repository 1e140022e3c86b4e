// `rampart trace`: one run year by year, its CSV form and its errors.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Result {
  int status = -1;
  std::string output;  // stdout and stderr
};

Result run_trace(const std::string& arguments) {
  const std::string command = "RAMPART_DATA_DIR='" RAMPART_SOURCE_DIR "/scenarios' '" RAMPART_BINARY
                              "' trace " +
                              arguments + " 2>&1";
  Result r;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    r.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(TraceCli, CsvHasOneRowAYearStartingFromTheData) {
  const auto r = run_trace("baseline --country DEU --horizon 2030 --format csv");
  ASSERT_EQ(r.status, 0) << r.output;
  const auto lines = lines_of(r.output);
  ASSERT_EQ(lines.size(), 1u + 7u);  // header + 2024..2030
  EXPECT_EQ(lines[0].rfind("year,spending_share_pct,spending_usd_bn,capability", 0), 0u);
  EXPECT_EQ(lines[1].rfind("2024,2.12", 0), 0u) << lines[1];  // Germany's 2024 share
  EXPECT_EQ(lines[7].rfind("2030,", 0), 0u);
}

TEST(TraceCli, SameSeedAndRunGiveTheSameTable) {
  const auto a = run_trace("us_disengagement --country POL --seed 4 --run 2");
  const auto b = run_trace("us_disengagement --country pol --seed 4 --run 2");
  ASSERT_EQ(a.status, 0) << a.output;
  EXPECT_EQ(a.output, b.output);
  EXPECT_NE(a.output.find("Poland (POL)"), std::string::npos);
}

TEST(TraceCli, TextIsTheDefaultFormatWithALegendOfItsColumns) {
  const auto text = run_trace("baseline --country POL --horizon 2027 --format text");
  ASSERT_EQ(text.status, 0) << text.output;
  EXPECT_EQ(text.output, run_trace("baseline --country POL --horizon 2027").output);
  EXPECT_EQ(text.output, run_trace("baseline --country POL --horizon 2027 --format table").output)
      << "'table' stays accepted, its first name";
  for (const char* gloss : {"k: commitment", "w: security weight", "DR: deterrence ratio",
                            "T: threat index", "US\npres.: US presence"}) {
    EXPECT_NE(text.output.find(gloss), std::string::npos) << gloss << "\n" << text.output;
  }
}

TEST(TraceCli, UnknownCountrySuggestsTheClosest) {
  const auto r = run_trace("baseline --country DEX");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("unknown country 'DEX'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("did you mean 'DEU'"), std::string::npos) << r.output;
}

TEST(TraceCli, UsageErrors) {
  EXPECT_EQ(run_trace("baseline").status, 2);  // no --country
  EXPECT_EQ(run_trace("baseline --country DEU --format xml").status, 2);
  EXPECT_EQ(run_trace("baseline --country DEU --horizon 2060").status, 2);
  EXPECT_EQ(run_trace("no_such_scenario --country DEU").status, 2);  // input error
  const auto help = run_trace("--help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.output.find("--country"), std::string::npos);
}

}  // namespace
