#pragma once
// The one error of the statistics layer: a statistic was asked for with arguments it cannot use
// (mismatched lengths, a probability outside [0, 1], too few values) - a programming or data
// error, exit 1.

#include <stdexcept>

namespace rampart::stats {

class StatisticsError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

}  // namespace rampart::stats
