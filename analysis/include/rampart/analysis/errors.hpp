#pragma once
// Typed error of the analysis layer: a statistic was asked for with arguments it cannot use
// (mismatched lengths, a probability outside [0,1], too few rows). The CLI turns it into a message.

#include <stdexcept>

namespace rampart::analysis {

class AnalysisError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

}  // namespace rampart::analysis
