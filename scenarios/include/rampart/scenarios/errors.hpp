#pragma once
// Typed errors of the scenario layer. Only the CLI turns them into messages and exit codes.

#include <stdexcept>
#include <string>
#include <vector>

namespace rampart::scenarios {

// One problem in an input file, printed as FILE:LINE:COL: error: MESSAGE.
struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when the problem is not tied to a line
  int column = 0;  // 1-based; 0 when unknown
  std::string message;
  [[nodiscard]] std::string format() const;
};

// Every problem found in one load, not just the first.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// Calibration data could not be loaded (missing file, bad row, duplicate country).
class DataError : public InputError {
 public:
  using InputError::InputError;
};

}  // namespace rampart::scenarios
