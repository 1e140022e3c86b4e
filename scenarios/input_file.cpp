#include "rampart/scenarios/input_file.hpp"

#include <fstream>

namespace rampart::scenarios {

namespace fs = std::filesystem;

std::string describe_non_regular(const fs::file_status& status) {
  switch (status.type()) {
    case fs::file_type::regular:
      return "";
    case fs::file_type::directory:
      return "a directory";
    case fs::file_type::character:
      return "a character device (such as /dev/null or /dev/zero)";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::fifo:
      return "a FIFO (named pipe)";
    case fs::file_type::socket:
      return "a socket";
    case fs::file_type::not_found:
      return "missing";
    default:
      return "not a regular file";
  }
}

InputFileText read_input_file(const fs::path& file, std::string_view kind) {
  InputFileText result;
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);  // follows symbolic links
  if (!fs::exists(status)) {
    if (ec && ec != std::errc::no_such_file_or_directory) {
      result.problem = "cannot read file (" + ec.message() + ")";
    } else {
      result.missing = true;
      result.problem = "no such file";
    }
    return result;
  }
  if (!fs::is_regular_file(status)) {
    result.problem = "is " + describe_non_regular(status) + ", not a " + std::string(kind);
    return result;
  }
  const auto too_large = [&] {
    return "is larger than " + std::to_string(kMaxInputFileBytes >> 20) + " MiB, the most a " +
           std::string(kind) + " may have";
  };
  const std::uintmax_t size = fs::file_size(file, ec);
  if (!ec && size > kMaxInputFileBytes) {
    result.problem = too_large();
    return result;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    result.problem = "cannot read file (permission denied or I/O error)";
    return result;
  }
  // Read at most one byte past the cap, whatever the size said: the file may be growing.
  std::string text(kMaxInputFileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) {
    result.problem = "cannot read file (permission denied or I/O error)";
    return result;
  }
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxInputFileBytes) {
    result.problem = too_large();
    return result;
  }
  result.text = std::move(text);
  return result;
}

}  // namespace rampart::scenarios
