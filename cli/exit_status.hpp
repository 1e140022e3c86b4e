#pragma once
// The one place that turns the library's typed exceptions into what the user reads and the exit
// status: 2 for bad input (support::InputError, UsageError, an option Boost rejects), 1 for a
// runtime failure (anything else, out of memory included). 0 and 130 (interrupted: the partial
// file can be resumed) are returned by the commands themselves.

#include <string>
#include <string_view>
#include <vector>

namespace rampart::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitInterrupted = 130;

struct ErrorReport {
  std::vector<std::string> lines;  // for stderr, one message each
  int status = kExitFailure;
};

// What the exception in flight means for the user of `rampart COMMAND_NAME`. Call it only
// inside a catch block.
ErrorReport describe_current_exception(std::string_view command_name);

}  // namespace rampart::cli
