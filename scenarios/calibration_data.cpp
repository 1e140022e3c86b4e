#include "rampart/scenarios/calibration_data.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>

#include "rampart/scenarios/errors.hpp"

namespace rampart::scenarios {
namespace {

constexpr std::string_view kPaths[] = {"data/countries_2024.csv",
                                       "data/country_attributes.csv",
                                       "data/history/nato_panel_2014_2024.csv",
                                       "data/history/accessions.csv",
                                       "data/history/sipri_milex.csv",
                                       "data/history/russia_milex_const2023.csv",
                                       "data/history/policy_calendar.csv"};

constexpr std::string_view kHistoryFolder = "data/history/";
// The library's files are tens of kB; the bound keeps a wrong path from reading a disk image.
constexpr std::uintmax_t kMaxFileBytes = 16U << 20U;

}  // namespace

std::span<const std::string_view> calibration_file_paths() {
  return kPaths;
}

const std::string* CalibrationData::text_of(std::string_view path) const {
  for (const auto& f : files) {
    if (f.path == path) return &f.text;
  }
  return nullptr;
}

bool CalibrationData::has_history() const {
  return std::any_of(files.begin(), files.end(),
                     [](const CalibrationFile& f) { return f.path.starts_with(kHistoryFolder); });
}

std::filesystem::path CalibrationData::display_path(std::string_view path) const {
  return std::filesystem::path(origin) / path;
}

CalibrationData read_calibration_data(const std::filesystem::path& data_dir) {
  CalibrationData data;
  data.origin = data_dir.string();
  for (const std::string_view path : kPaths) {
    const auto file = data_dir / path;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) continue;
    if (std::filesystem::file_size(file, ec) > kMaxFileBytes) {
      throw DataError({{file.string(), 0, 0, "calibration file larger than 16 MiB"}});
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      throw DataError({{file.string(), 0, 0, "cannot read calibration file"}});
    }
    std::ostringstream text;
    text << in.rdbuf();
    data.files.push_back({std::string(path), std::move(text).str()});
  }
  return data;
}

std::vector<std::string> differing_files(const CalibrationData& a, const CalibrationData& b) {
  std::vector<std::string> paths;
  for (const std::string_view path : kPaths) {
    const std::string* ta = a.text_of(path);
    const std::string* tb = b.text_of(path);
    if ((ta == nullptr) != (tb == nullptr) || (ta != nullptr && *ta != *tb)) {
      paths.emplace_back(path);
    }
  }
  return paths;
}

}  // namespace rampart::scenarios
