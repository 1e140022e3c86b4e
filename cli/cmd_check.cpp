#include "commands.hpp"

namespace rampart::cli {
// Temporary during the first build: replaced by the real command in this session.
int cmd_check(const Args&) { throw UsageError{"the 'check' command is being built"}; }
}  // namespace rampart::cli
