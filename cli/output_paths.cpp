#include "output_paths.hpp"

#include <unistd.h>

#include <string>
#include <system_error>

#include "commands.hpp"

namespace rampart::cli {

namespace fs = std::filesystem;

namespace {

// The longest file name (one path component) the folder's file system accepts.
std::size_t name_limit(const fs::path& dir) {
  errno = 0;
  const long limit = ::pathconf(dir.c_str(), _PC_NAME_MAX);
  return limit > 0 ? static_cast<std::size_t>(limit) : 255;
}

// Refuses `path` when something other than a regular file is there; a missing path is fine.
void refuse_unless_regular_or_missing(const fs::path& path, const fs::path& output) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) return;
  if (error) {
    throw UsageError{"cannot write " + output.string() + ": " + path.string() + ": " +
                     error.message()};
  }
  if (status.type() == fs::file_type::regular) return;
  if (status.type() == fs::file_type::directory) {
    throw UsageError{path.string() + " is a folder; -o needs a file name (one inside it, say)"};
  }
  // Renaming over it would replace a device node, FIFO or socket with a regular file.
  throw UsageError{path.string() +
                   " exists and is not a regular file (a device, FIFO or socket); rampart "
                   "writes only regular files and never replaces it, --force or not"};
}

}  // namespace

const std::vector<std::string_view>& results_side_suffixes() {
  static const std::vector<std::string_view> kSuffixes = {".part", ".part.new", ".lock"};
  return kSuffixes;
}

void check_output_path(const fs::path& output, const std::vector<std::string_view>& side_suffixes) {
  if (output.empty()) throw UsageError{"the output file name is empty; give one with -o"};
  if (!output.has_filename()) {
    throw UsageError{"the output '" + output.string() + "' names a folder, not a file"};
  }
  const fs::path dir = output.has_parent_path() ? output.parent_path() : ".";
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    throw UsageError{"cannot write " + output.string() + ": no folder " + dir.string()};
  }
  const std::string name = output.filename().string();
  std::size_t longest_suffix = 0;
  std::string_view longest;
  for (const auto suffix : side_suffixes) {
    if (suffix.size() >= longest_suffix) {
      longest_suffix = suffix.size();
      longest = suffix;
    }
  }
  const std::size_t limit = name_limit(dir);
  if (name.size() + longest_suffix > limit) {
    throw UsageError{"the output file name is " + std::to_string(name.size()) +
                     " bytes long; with the suffix '" + std::string(longest) +
                     "' of the files written on the way it must fit the file system's limit of " +
                     std::to_string(limit) + " bytes, so use at most " +
                     std::to_string(limit - std::min(limit, longest_suffix)) + " bytes"};
  }
  refuse_unless_regular_or_missing(output, output);
  for (const auto suffix : side_suffixes) {
    refuse_unless_regular_or_missing(output.string() + std::string(suffix), output);
  }
  if (::access(dir.c_str(), W_OK) != 0) {
    throw UsageError{"cannot write " + output.string() + ": folder " + dir.string() +
                     " is not writable"};
  }
}

}  // namespace rampart::cli
