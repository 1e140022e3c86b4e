// The CLI's help, version and dispatch behave like a usual Unix tool.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <regex>
#include <string>

namespace {

struct Result {
  int status = -1;
  std::string output;  // stdout and stderr together
};

Result run_cli(const std::string& args) {
  const std::string cmd = std::string(RAMPART_BINARY) + " " + args + " 2>&1";
  Result r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf{};
  while (fgets(buf.data(), static_cast<int>(buf.size()), pipe) != nullptr) r.output += buf.data();
  const int raw = pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

TEST(CliHelp, TopLevelHelpListsEveryCommand) {
  const auto r = run_cli("--help");
  EXPECT_EQ(r.status, 0);
  for (const char* name : {"run", "check", "trace", "replay", "scenarios", "sweep"}) {
    EXPECT_NE(r.output.find(std::string("  ") + name), std::string::npos) << name;
  }
}

TEST(CliHelp, VersionPrintsNameAndVersion) {
  const auto r = run_cli("--version");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.output.rfind("rampart 0.", 0), 0U) << r.output;
}

TEST(CliHelp, NoArgumentsIsAUsageError) {
  const auto r = run_cli("");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("Usage: rampart"), std::string::npos);
}

TEST(CliHelp, UnknownCommandNamesTheCommands) {
  const auto r = run_cli("frobnicate");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("unknown command 'frobnicate'"), std::string::npos) << r.output;
}

TEST(CliHelp, UnknownCommandSuggestsTheClosest) {
  const auto r = run_cli("sumarize");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("unknown command 'sumarize'; did you mean 'summarize'? commands are:"),
            std::string::npos)
      << r.output;
}

TEST(CliHelp, BritishSummariseIsSummarize) {
  const auto british = run_cli("summarise --help");
  EXPECT_EQ(british.status, 0) << british.output;
  EXPECT_EQ(british.output, run_cli("summarize --help").output);
}

TEST(CliHelp, HelpCommandShowsThatCommandsHelp) {
  const auto r = run_cli("help run");
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(r.output, run_cli("run --help").output);
  EXPECT_EQ(r.output.rfind("Usage: rampart run", 0), 0U) << r.output;
  EXPECT_EQ(run_cli("help frobnicate").status, 2);
}

TEST(CliHelp, DefaultsReadAsTyped) {
  // Boost prints a double default through lexical_cast: (=0.050000000000000003).
  for (const char* name :
       {"run", "sweep", "merge", "seminar", "scenarios", "check", "trace", "replay", "summarize",
        "burden", "compare", "sensitivity", "discover", "report"}) {
    const auto r = run_cli(std::string(name) + " --help");
    EXPECT_EQ(r.status, 0) << name;
    EXPECT_FALSE(std::regex_search(r.output, std::regex(R"(\(=[0-9]*\.[0-9]{6,}\))")))
        << name << ":\n"
        << r.output;
  }
}

class SubcommandHelp : public ::testing::TestWithParam<const char*> {};

TEST_P(SubcommandHelp, PrintsUsageAndExitsZero) {
  const auto r = run_cli(std::string(GetParam()) + " --help");
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("--help"), std::string::npos) << r.output;
}

TEST_P(SubcommandHelp, UnknownOptionIsAUsageError) {
  const auto r = run_cli(std::string(GetParam()) + " --no-such-option");
  EXPECT_EQ(r.status, 2) << r.output;
}

INSTANTIATE_TEST_SUITE_P(EveryCommand, SubcommandHelp,
                         ::testing::Values("run", "check", "trace", "replay", "scenarios",
                                           "sweep"));

}  // namespace
