#pragma once
// The text of the calibration files a country table is built from (data/countries_2024.csv,
// data/country_attributes.csv and data/history/*.csv of the scenario library). Results files store
// it, so a run can be replayed from the file alone after the library's data have changed.

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rampart::scenarios {

struct CalibrationFile {
  std::string path;  // relative to the scenario library folder, '/'-separated
  std::string text;  // the file's bytes

  friend bool operator==(const CalibrationFile&, const CalibrationFile&) = default;
};

struct CalibrationData {
  std::string origin;  // where the files were read from (a folder, or "FILE.h5:calibration_data")
  std::vector<CalibrationFile> files;  // in calibration_file_paths() order; absent files left out

  // The file's text, or nullptr when it is not in the set.
  [[nodiscard]] const std::string* text_of(std::string_view path) const;
  // Whether any data/history/ file is present (without them a run can only start in 2024).
  [[nodiscard]] bool has_history() const;
  // Where `path` came from, for messages: "<origin>/<path>".
  [[nodiscard]] std::filesystem::path display_path(std::string_view path) const;
};

// Every file the country table reads, relative to the library folder, in storage order.
std::span<const std::string_view> calibration_file_paths();

// Reads the calibration files that exist under `data_dir` (the scenario library folder). A
// missing file is left out (the table's loader then reports it, with its path).
CalibrationData read_calibration_data(const std::filesystem::path& data_dir);

// The paths whose text differs between `a` and `b` (present in one only counts as differing).
std::vector<std::string> differing_files(const CalibrationData& a, const CalibrationData& b);

}  // namespace rampart::scenarios
