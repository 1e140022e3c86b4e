#pragma once
// Typed errors of the analysis layer. AnalysisError: a statistic was asked for with arguments it
// cannot use (mismatched lengths, a probability outside [0,1], too few rows) - a programming or
// data error, exit 1. RequestError: what the user asked for does not fit the file (unknown
// variable, scenario or country, a partial file without --partial, sensitivity on a file without
// a Sobol design, an empty selection) - one message naming the file, exit 2.

#include <filesystem>
#include <stdexcept>
#include <string>

#include "rampart/scenarios/errors.hpp"

namespace rampart::analysis {

class AnalysisError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

class RequestError : public scenarios::InputError {
 public:
  using scenarios::InputError::InputError;
  // "FILE: error: MESSAGE" (a Diagnostic with no line).
  RequestError(const std::filesystem::path& file, std::string message);
};

}  // namespace rampart::analysis
