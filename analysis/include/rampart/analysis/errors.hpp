#pragma once
// Typed errors of the analysis layer. AnalysisError: a statistic the analysis layer computes
// (forecast scores, burden indices, discovery) was asked for with arguments it cannot use - a
// stats::StatisticsError like those of the statistics below it, so one catch takes both; exit 1.
// RequestError: what the user asked for does not fit the file (unknown
// variable, scenario or country, a partial file without --partial, sensitivity on a file without
// a Sobol design, an empty selection) - one message naming the file, exit 2.

#include <filesystem>
#include <string>

#include "rampart/stats/errors.hpp"
#include "rampart/support/errors.hpp"

namespace rampart::analysis {

class AnalysisError : public stats::StatisticsError {
 public:
  using stats::StatisticsError::StatisticsError;
};

class RequestError : public support::InputError {
 public:
  using support::InputError::InputError;
  // "FILE: error: MESSAGE" (a Diagnostic with no line).
  RequestError(const std::filesystem::path& file, std::string message);
};

}  // namespace rampart::analysis
