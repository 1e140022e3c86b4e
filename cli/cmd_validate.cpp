// rampart validate (being written).
#include "commands.hpp"
namespace rampart::cli {
int cmd_validate(const Args& /*args*/) { throw UsageError{"validate: not built yet"}; }
}  // namespace rampart::cli
