#include "rampart/analysis/errors.hpp"

#include <utility>
#include <vector>

namespace rampart::analysis {

RequestError::RequestError(const std::filesystem::path& file, std::string message)
    : support::InputError(
          std::vector<support::Diagnostic>{{file.string(), 0, 0, std::move(message)}}) {}

}  // namespace rampart::analysis
