#pragma once
// The input error every layer throws when a request or an input file is wrong: a list of
// diagnostics, printed one per line; the CLI exits 2 (cli/exit_status.hpp).

#include <stdexcept>
#include <string>
#include <vector>

namespace rampart::support {

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

}  // namespace rampart::support
