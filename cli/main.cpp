// rampart: the command-line driver. Thin: it dispatches to a subcommand and prints what
// exit_status.hpp makes of an exception (0 ok, 1 runtime failure, 2 bad input, 130 interrupted).

#include <cstdio>
#include <iostream>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "exit_status.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/support/text_format.hpp"
#include "rampart/version.hpp"

namespace rampart::cli {
namespace {

constexpr Command kCommands[] = {
    // Running
    {"run", "run scenarios (Monte Carlo) and write an HDF5 results file", cmd_run},
    {"sweep", "run a sweep design (factorial, Latin hypercube, Sobol) into an HDF5 file",
     cmd_sweep},
    {"merge", "join the part files of a sharded run or sweep into one results file", cmd_merge},
    {"seminar", "run the seminar's scenarios and write their report (docs/seminar.md)",
     cmd_seminar},
    {"play", "the seminar game: student teams play states round by round in their browsers",
     cmd_play},
    // Scenarios and single runs
    {"scenarios", "list the built-in scenario library, or show one scenario", cmd_scenarios},
    {"check", "validate scenario files; --print shows the resolved scenario", cmd_check},
    {"trace", "print one run year by year for a state and the world", cmd_trace},
    {"replay", "recompute a run from a results file and compare bit for bit", cmd_replay},
    // The model against the record
    {"calibrate", "estimate the states' behaviour from the 2014-2024 panel (maximum likelihood)",
     cmd_calibrate},
    {"validate", "out-of-sample forecasts against the record, with benchmarks and scores",
     cmd_validate},
    // Analysis
    {"summarize", "statistics across runs per scenario, year and country group", cmd_summarize},
    {"burden", "burden-sharing indices of observed data (CSV) or of a results file's runs",
     cmd_burden},
    {"compare", "compare scenarios run by run (paired differences with confidence intervals)",
     cmd_compare},
    {"sensitivity", "which sweep factors drive an outcome (Sobol, SRC/SRRC, Morris)",
     cmd_sensitivity},
    {"discover", "scenario discovery: the input region where a condition concentrates (PRIM)",
     cmd_discover},
    {"report", "write a self-contained HTML report (charts, comparison) of a results file",
     cmd_report},
};

void print_help(std::ostream& os) {
  os << "Usage: rampart <command> [options] [args]\n\n"
        "Rampart: an agent-based Monte Carlo simulator of European defence burden-sharing.\n\n"
        "Commands:\n";
  for (const auto& c : kCommands) {
    os << "  " << c.name;
    for (std::size_t i = c.name.size(); i < 12; ++i) os << ' ';
    os << c.summary << '\n';
  }
  os << "\nOptions:\n"
        "  -h [ --help ]     show this help\n"
        "  -V [ --version ]  show the version\n\n"
        "Run 'rampart <command> --help' for a command's options.\n"
        "'rampart run' with no scenario file runs the built-in default scenario set.\n";
}

}  // namespace

std::span<const Command> commands() {
  return kCommands;
}

}  // namespace rampart::cli

int main(int argc, char** argv) {
  using namespace rampart;
  using namespace rampart::cli;
  std::string name;
  try {
    if (argc < 2) {
      print_help(std::cerr);
      return kExitBadInput;
    }
    std::string first = argv[1];
    Args args(argv + 2, argv + argc);
    if ((first == "help" || first == "-h" || first == "--help") && !args.empty()) {
      first = args.front();  // `rampart help run`: the command's own help
      args = {"--help"};
    } else if (first == "-h" || first == "--help" || first == "help") {
      print_help(std::cout);
      return kExitOk;
    }
    if (first == "summarise") first = "summarize";  // the British spelling
    if (first == "-V" || first == "--version") {
      std::cout << "rampart " << kVersion << " (" << kGitSha << ")\n"
                << "scenario library and data: " << scenarios::scenario_library_dir().string()
                << '\n';
      return kExitOk;
    }
    name = first;
    std::vector<std::string_view> names;
    for (const auto& c : commands()) {
      if (c.name == first) return c.run(args);
      names.push_back(c.name);
    }
    std::cerr << "rampart: error: unknown command '" << first << "';"
              << support::did_you_mean(first, names) << " commands are:";
    for (const auto& c : commands()) std::cerr << ' ' << c.name;
    std::cerr << "\nRun 'rampart --help' for usage.\n";
    return kExitBadInput;
  } catch (...) {
    const ErrorReport report = describe_current_exception(name);
    for (const auto& line : report.lines) std::cerr << line << '\n';
    return report.status;
  }
}
