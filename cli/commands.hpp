#pragma once
// The CLI's subcommands. Each lives in its own cmd_<name>.cpp, parses its own options with
// Boost.Program_options and returns an exit status; library exceptions are turned into messages
// and exit codes in one place (exit_status.hpp).

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rampart::cli {

// Arguments after the subcommand name.
using Args = std::vector<std::string>;

int cmd_check(const Args& args);
int cmd_run(const Args& args);
int cmd_trace(const Args& args);
int cmd_replay(const Args& args);
int cmd_scenarios(const Args& args);
int cmd_sweep(const Args& args);
int cmd_report(const Args& args);
int cmd_seminar(const Args& args);
int cmd_play(const Args& args);
int cmd_merge(const Args& args);
int cmd_sensitivity(const Args& args);
int cmd_discover(const Args& args);
int cmd_summarize(const Args& args);
int cmd_burden(const Args& args);
int cmd_compare(const Args& args);
int cmd_calibrate(const Args& args);
int cmd_validate(const Args& args);

struct Command {
  std::string_view name;
  std::string_view summary;
  int (*run)(const Args&);
};

std::span<const Command> commands();

// A command-line mistake: printed as "rampart NAME: error: ..." with a pointer to --help, exit
// status 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace rampart::cli
