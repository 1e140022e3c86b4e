#include "rampart/analysis/whole_file.hpp"

#include <fstream>
#include <stdexcept>
#include <string>

namespace rampart::analysis {

void write_whole_file(const std::filesystem::path& file, std::string_view text) {
  std::filesystem::path part = file;
  part += ".part";
  {
    std::ofstream out(part, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + part.string());
    out << text;
    out.close();
    if (!out) {
      std::filesystem::remove(part);
      throw std::runtime_error("writing " + part.string() + " failed (disk full?)");
    }
  }
  std::filesystem::rename(part, file);
}

}  // namespace rampart::analysis
