#pragma once
// Typed errors of the scenario layer. Only the CLI turns them into messages and exit codes.

#include "rampart/support/errors.hpp"

namespace rampart::scenarios {

// Calibration data could not be loaded (missing file, bad row, duplicate country).
class DataError : public support::InputError {
 public:
  using support::InputError::InputError;
};

}  // namespace rampart::scenarios
