#include "commands.hpp"

namespace rampart::cli {
// Temporary during the first build: replaced by the real command in this session.
int cmd_replay(const Args&) { throw UsageError{"the 'replay' command is being built"}; }
}  // namespace rampart::cli
