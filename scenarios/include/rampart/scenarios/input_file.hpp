#pragma once
// Reading the text files a user names (scenarios, their `extends`, sweeps and their `base`,
// observed-data CSV): only regular files, and only up to a size cap, so that `/dev/zero`, a
// FIFO or a huge file ends in one clear message instead of a hang or a memory blow-up.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace rampart::scenarios {

// The largest input text file read: far above any real scenario, sweep or observed-data file
// (the shipped ones are under 20 KiB).
inline constexpr std::uintmax_t kMaxInputFileBytes = std::uintmax_t{1} << 20;

// What a path is when it is not a regular file: "a directory", "a character device (such as
// /dev/null or /dev/zero)", "a FIFO (named pipe)", ...; "" for a regular file.
std::string describe_non_regular(const std::filesystem::file_status& status);

struct InputFileText {
  std::optional<std::string> text;  // the whole file, when it could be read
  bool missing = false;             // no such file (callers keep their own wording for this)
  std::string problem;              // otherwise why not, a sentence for a diagnostic
};

// Reads `file` whole if it is a regular file of at most kMaxInputFileBytes. `kind` names the
// file in the messages ("scenario file", "sweep file", "CSV file"). Never opens anything but a
// regular file, so a FIFO cannot block and a device cannot stream forever.
InputFileText read_input_file(const std::filesystem::path& file, std::string_view kind);

}  // namespace rampart::scenarios
