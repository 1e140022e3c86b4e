// rampart scenarios [NAME]: list the built-in scenario library, or show one scenario resolved.

#include <algorithm>
#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "options.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/scenarios/scenario.hpp"

namespace rampart::cli {
namespace {

namespace po = boost::program_options;

constexpr std::size_t kDescriptionWidth = 64;
constexpr std::size_t kViewWidth = 48;

// The first sentence, cut to `width` characters with an ellipsis.
std::string one_line(const std::string& text, std::size_t width) {
  std::string line = text.substr(0, text.find(". "));
  std::replace(line.begin(), line.end(), '\n', ' ');
  if (line.size() > width) line = line.substr(0, width - 3) + "...";
  return line;
}

void print_table(const std::vector<scenarios::LibraryEntry>& entries) {
  std::size_t name_width = 4;
  std::size_t description_width = 11;
  std::vector<std::string> descriptions;
  for (const auto& e : entries) {
    name_width = std::max(name_width, e.name.size());
    descriptions.push_back(one_line(e.description, kDescriptionWidth));
    description_width = std::max(description_width, descriptions.back().size());
  }
  const auto pad = [](const std::string& s, std::size_t width) {
    return s + std::string(width - std::min(width, s.size()) + 2, ' ');
  };
  std::cout << pad("NAME", name_width) << pad("DESCRIPTION", description_width) << "VIEW\n";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::cout << pad(entries[i].name, name_width) << pad(descriptions[i], description_width)
              << one_line(entries[i].view, kViewWidth) << '\n';
  }
}

}  // namespace

int cmd_scenarios(const Args& args) {
  po::options_description visible(
      "Usage: rampart scenarios [NAME]\n\n"
      "Without NAME, lists the scenario library (name, description, view) found in\n"
      "$RAMPART_DATA_DIR or the built-in folder. With NAME, prints that scenario fully\n"
      "resolved as TOML.\n\nOptions");
  visible.add_options()("help,h", "show this help");
  const auto parsed = parse_options(args, "", visible, {"name", 1});
  if (!parsed) return 0;
  const auto& vm = *parsed;

  const auto countries = scenarios::load_country_table(scenarios::scenario_library_dir());
  if (vm.count("name") == 0U) {
    print_table(scenarios::list_library(countries));
    return 0;
  }
  const auto file =
      scenarios::resolve_scenario_argument(vm["name"].as<std::vector<std::string>>().front());
  std::cout << scenarios::to_toml(scenarios::load_scenario(file, countries));
  return 0;
}

}  // namespace rampart::cli
