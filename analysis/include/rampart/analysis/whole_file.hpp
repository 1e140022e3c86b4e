#pragma once
// Writing a text output (a report page, an estimates file) so that a reader never sees half of
// it: FILE.part first, renamed over FILE once complete and flushed.

#include <filesystem>
#include <string_view>

namespace rampart::analysis {

// Throws std::runtime_error naming FILE.part when it cannot be written (the partial is removed).
void write_whole_file(const std::filesystem::path& file, std::string_view text);

}  // namespace rampart::analysis
