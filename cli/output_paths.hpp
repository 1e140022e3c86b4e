#pragma once
// The checks every command that writes a file makes on its output path before any work starts
// (run, sweep, merge, report, seminar): a name the file system can hold with every suffix the
// writer adds, an existing folder, and nothing in the way that is not a regular file. The
// writers build FILE.part (and FILE.part.new) and rename it over FILE, which would silently
// replace a device node or a FIFO, and fail only at the end for a folder.

#include <filesystem>
#include <string_view>
#include <vector>

namespace rampart::cli {

// The names an HDF5 results writer adds to its output: the partial file, its temporary name
// during creation, and the lock.
const std::vector<std::string_view>& results_side_suffixes();

// Throws UsageError when `output` is empty or names a folder; when its name, or its name with
// any of `side_suffixes`, is longer than the file system allows; when its folder does not exist
// or is not writable; or when it or one of its side files exists and is not a regular file
// (a folder, device, FIFO or socket). `--force` never overrides these.
void check_output_path(const std::filesystem::path& output,
                       const std::vector<std::string_view>& side_suffixes);

}  // namespace rampart::cli
