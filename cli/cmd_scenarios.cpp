#include "commands.hpp"

namespace rampart::cli {
// Temporary during the first build: replaced by the real command in this session.
int cmd_scenarios(const Args&) { throw UsageError{"the 'scenarios' command is being built"}; }
}  // namespace rampart::cli
