#include "exit_status.hpp"

#include <boost/program_options/errors.hpp>
#include <exception>
#include <new>

#include "commands.hpp"
#include "rampart/game/game.hpp"
#include "rampart/support/errors.hpp"

namespace rampart::cli {

namespace {

std::string error_line(std::string_view command_name, std::string_view message) {
  return "rampart " + std::string(command_name) + ": error: " + std::string(message);
}

ErrorReport usage_mistake(std::string_view command_name, std::string_view message) {
  return {{error_line(command_name, message),
           "Run 'rampart " + std::string(command_name) + " --help' for usage."},
          kExitBadInput};
}

}  // namespace

ErrorReport describe_current_exception(std::string_view command_name) {
  try {
    throw;
  } catch (const support::InputError& e) {
    ErrorReport report{{}, kExitBadInput};
    for (const auto& d : e.diagnostics()) report.lines.push_back(d.format());
    return report;
  } catch (const UsageError& e) {
    return usage_mistake(command_name, e.what());
  } catch (const game::GameError& e) {
    // A game the setup or its file cannot make (rampart play): the input is wrong.
    return {{error_line(command_name, e.what())}, kExitBadInput};
  } catch (const boost::program_options::error& e) {
    return usage_mistake(command_name, e.what());
  } catch (const std::bad_alloc&) {
    return {{error_line(command_name, "out of memory")}, kExitFailure};
  } catch (const std::exception& e) {
    return {{error_line(command_name, e.what())}, kExitFailure};
  } catch (...) {
    return {{error_line(command_name, "unknown exception")}, kExitFailure};
  }
}

}  // namespace rampart::cli
