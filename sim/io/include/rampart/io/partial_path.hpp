#pragma once
// The names an output is written under until it is complete, then renamed to its own name.

#include <filesystem>

namespace rampart::engine {

// A run's or a sweep's partial file (resumable, maybe days of work): FILE.part.
inline std::filesystem::path partial_path(const std::filesystem::path& output) {
  return output.string() + ".part";
}

// A merge's partial file: FILE.merge.part. Not FILE.part: a merge never touches another job's
// partial.
inline std::filesystem::path merge_partial_path(const std::filesystem::path& output) {
  return output.string() + ".merge.part";
}

}  // namespace rampart::engine
