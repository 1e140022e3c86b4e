#include "rampart/scenarios/library.hpp"

#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "rampart/scenarios/scenario.hpp"
#include "rampart/support/errors.hpp"
#include "rampart/support/text_format.hpp"
#include "rampart/version.hpp"

namespace rampart::scenarios {

using support::closest_name;
using support::Diagnostic;
using support::InputError;

namespace fs = std::filesystem;

fs::path installed_library_dir(const fs::path& binary) {
  if (binary.empty()) return {};
  fs::path candidate = (binary.parent_path() / kInstalledDataFromBinary).lexically_normal();
  std::error_code ec;
  if (fs::is_directory(candidate / "data", ec)) return candidate;
  return {};
}

fs::path scenario_library_dir() {
  // Read-only use of the environment: the process's configuration, not mutable state.
  if (const char* dir = std::getenv("RAMPART_DATA_DIR"); dir != nullptr && *dir != '\0') {
    return fs::path(dir);
  }
  // An installed binary (<prefix>/bin/rampart) reads <prefix>/share/rampart, wherever the
  // package put the prefix; a binary in the build tree has no such folder beside it.
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    if (fs::path installed = installed_library_dir(self); !installed.empty()) return installed;
  }
  return fs::path(kDefaultScenarioDir);
}

fs::path resolve_scenario_argument(const std::string& argument) {
  fs::path as_given(argument);
  std::error_code ec;
  if (fs::exists(as_given, ec)) return as_given;
  const bool plain_name = !argument.empty() && argument.find('/') == std::string::npos &&
                          as_given.extension() != ".toml";
  if (!plain_name) return as_given;  // the loader reports the missing file
  const fs::path library = scenario_library_dir();
  fs::path in_library = library / (argument + ".toml");
  if (fs::exists(in_library, ec)) return in_library;
  std::vector<std::string> stems;
  for (const auto& entry : fs::directory_iterator(library, ec)) {
    if (entry.path().extension() == ".toml") stems.push_back(entry.path().stem().string());
  }
  std::sort(stems.begin(), stems.end());
  std::string names;
  for (const auto& stem : stems) names.append(" ").append(stem);
  const std::vector<std::string_view> candidates(stems.begin(), stems.end());
  const std::string suggestion = closest_name(argument, candidates);
  throw InputError(
      {{argument, 0, 0,
        "no such file, and no scenario of that name in the library (" + library.string() + ")" +
            (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?") +
            "; library scenarios:" + names}});
}

std::vector<fs::path> default_scenario_set() {
  std::vector<fs::path> files;
  for (const char* name : {"baseline", "hague_5pct", "us_transactional", "us_disengagement"}) {
    const fs::path file = scenario_library_dir() / (std::string(name) + ".toml");
    std::error_code ec;
    if (fs::is_regular_file(file, ec)) files.push_back(file);
  }
  return files;
}

std::vector<LibraryEntry> list_library(const CountryTable& countries) {
  const fs::path dir = scenario_library_dir();
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml") {
      files.push_back(entry.path());
    }
  }
  if (ec)
    throw InputError({{dir.string(), 0, 0, "cannot list the scenario library: " + ec.message()}});
  std::sort(files.begin(), files.end());
  std::vector<LibraryEntry> entries;
  std::vector<Diagnostic> problems;
  for (const auto& file : files) {
    try {
      const Scenario s = load_scenario(file, countries);
      entries.push_back({s.name, s.description, s.view, file});
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return entries;
}

std::vector<LibraryEntry> list_library() {
  return list_library(load_country_table(scenario_library_dir()));
}

}  // namespace rampart::scenarios
