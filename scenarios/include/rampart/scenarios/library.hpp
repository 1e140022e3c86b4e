#pragma once
// The built-in scenario library: a folder of *.toml files with the calibration data in its
// data/ subfolder: $RAMPART_DATA_DIR, the installed share/rampart, or the source tree.

#include <filesystem>
#include <string>
#include <vector>

#include "rampart/scenarios/country.hpp"

namespace rampart::scenarios {

// Where the scenario library and data are read from: $RAMPART_DATA_DIR if set and non-empty,
// else the installed library beside the running binary (installed_library_dir), else the
// source tree's scenarios/ folder configured at build time.
std::filesystem::path scenario_library_dir();

// The installed library of a binary at `binary`: <binary's folder>/../share/rampart (the
// install layout, CMakeLists.txt) if it has a data/ subfolder, else an empty path.
std::filesystem::path installed_library_dir(const std::filesystem::path& binary);

// An existing path as given, or a library name like "baseline" -> <library>/baseline.toml.
// A plain name (no '/', no .toml) that is neither throws InputError listing the library; any
// other missing path is returned as given, so the loader reports "no such file".
std::filesystem::path resolve_scenario_argument(const std::string& argument);

// The library files among baseline, hague_5pct, us_transactional, us_disengagement that exist,
// in that order: what `rampart run` runs when given no scenario.
std::vector<std::filesystem::path> default_scenario_set();

struct LibraryEntry {
  std::string name;
  std::string description;
  std::string view;
  std::filesystem::path file;
};

// Every *.toml in the library folder, loaded and validated, sorted by file name. Throws
// InputError if one of them is invalid.
std::vector<LibraryEntry> list_library(const CountryTable& countries);
std::vector<LibraryEntry> list_library();

}  // namespace rampart::scenarios
