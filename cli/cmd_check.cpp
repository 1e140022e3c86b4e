// rampart check FILE.toml... [--print]: validate scenario files, or show them fully resolved.

#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "options.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/scenarios/sweep.hpp"
#include "rampart/support/errors.hpp"

namespace rampart::cli {

namespace po = boost::program_options;

namespace {

// A sweep file: its design and its base scenario are validated; --print shows the base.
void check_sweep(const std::filesystem::path& file, const scenarios::CountryTable& countries,
                 bool print) {
  const scenarios::SweepDesign design = scenarios::load_sweep(file);
  const scenarios::Scenario base = scenarios::load_scenario(design.base, countries);
  if (print) {
    std::cout << scenarios::to_toml(base);
    return;
  }
  std::cout << file.string() << ": ok (sweep " << design.name << ": "
            << scenarios::design_type_name(design.type) << ", " << design.points << " points x "
            << design.replicates << " replicates = " << design.runs() << " runs of "
            << design.base.string() << "; run it with 'rampart sweep')\n";
}

}  // namespace

int cmd_check(const Args& args) {
  po::options_description visible(
      "Usage: rampart check FILE.toml... [--print]\n\n"
      "Validates scenario files (or library names such as 'baseline') and sweep files (their\n"
      "design and base scenario). Prints 'FILE: ok' for each valid file (for a sweep, with its\n"
      "points and runs); prints every problem as FILE:LINE:COL: error: ... and exits with\n"
      "status 2 otherwise. --print shows a scenario (a sweep's base) fully resolved.\n\nOptions");
  visible.add_options()("help,h", "show this help")(
      "print", "print each scenario fully resolved (every parameter and country) as TOML");
  const auto parsed = parse_options(args, "", visible, {"file", -1});
  if (!parsed) return 0;
  const auto& vm = *parsed;
  if (vm.count("file") == 0U) throw UsageError{"no scenario file given"};

  const bool print = vm.count("print") != 0U;
  const auto countries = scenarios::load_country_table(scenarios::scenario_library_dir());
  bool all_valid = true;
  for (const auto& argument : vm["file"].as<std::vector<std::string>>()) {
    try {
      const auto file = scenarios::resolve_scenario_argument(argument);
      if (scenarios::is_sweep_file(file)) {
        check_sweep(file, countries, print);
        continue;
      }
      const auto scenario = scenarios::load_scenario(file, countries);
      if (print) {
        std::cout << scenarios::to_toml(scenario);
      } else {
        std::cout << file.string() << ": ok\n";
      }
    } catch (const support::InputError& e) {
      // Every file is checked: report this one's problems and go on to the next.
      for (const auto& d : e.diagnostics()) std::cerr << d.format() << '\n';
      all_valid = false;
    }
  }
  return all_valid ? 0 : 2;
}

}  // namespace rampart::cli
