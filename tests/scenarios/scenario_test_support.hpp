#pragma once
// Shared helpers of the scenario-layer tests: the fixture library (tests/data/scenarios/library:
// the real countries_2024.csv and a fixture country_attributes.csv), and temporary folders.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "rampart/scenarios/country.hpp"

namespace rampart::scenarios::testing {

namespace fs = std::filesystem;

inline fs::path test_data_dir() {
  return fs::path(RAMPART_TEST_DATA_DIR) / "scenarios";
}
inline fs::path fixture_library() {
  return test_data_dir() / "library";
}
inline fs::path bad_dir() {
  return test_data_dir() / "bad";
}
inline fs::path good_dir() {
  return test_data_dir() / "good";
}
inline fs::path repo_library() {
  return fs::path(RAMPART_SOURCE_DIR) / "scenarios";
}

inline const CountryTable& fixture_table() {
  static const CountryTable table = load_country_table(fixture_library());
  return table;
}

// The library's own data, with the 2014-2024 record (the fixture copy has no history/): what
// scenarios that start before 2024 need.
inline const CountryTable& library_table() {
  static const CountryTable table = load_country_table(repo_library());
  return table;
}

// A fresh, empty folder under the system temp dir, removed when the object goes away.
class TempDir {
 public:
  explicit TempDir(const std::string& tag)
      : path_(fs::temp_directory_path() /
              ("rampart_scn_" + tag + "_" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

  void write(const fs::path& relative, const std::string& text) const {
    fs::create_directories((path_ / relative).parent_path());
    std::ofstream(path_ / relative, std::ios::binary) << text;
  }

 private:
  fs::path path_;
};

}  // namespace rampart::scenarios::testing
