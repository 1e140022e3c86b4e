#include "rampart/support/errors.hpp"

#include <utility>

namespace rampart::support {
namespace {

std::string summary_of(const std::vector<Diagnostic>& diagnostics) {
  if (diagnostics.empty()) return "invalid input";
  std::string text = diagnostics.front().format();
  if (diagnostics.size() > 1) {
    text += " (and " + std::to_string(diagnostics.size() - 1) + " more)";
  }
  return text;
}

}  // namespace

std::string Diagnostic::format() const {
  std::string text = file;
  if (line > 0) {
    text += ':' + std::to_string(line);
    if (column > 0) text += ':' + std::to_string(column);
  }
  return text + ": error: " + message;
}

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summary_of(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace rampart::support
