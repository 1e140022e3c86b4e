// rampart burden FILE: burden-sharing indices. For observed data (a .csv) one row per year; for a
// results file the distribution of each index over the runs per scenario (or sweep point) and
// year (analysis/burden.hpp does the work).

#include <algorithm>
#include <boost/program_options.hpp>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "analysis_options.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "rampart/analysis/burden.hpp"
#include "rampart/analysis/observed_data.hpp"
#include "rampart/analysis/results_scan.hpp"
#include "rampart/analysis/table.hpp"
#include "rampart/scenarios/country.hpp"
#include "rampart/scenarios/library.hpp"

namespace rampart::cli {
namespace {

namespace po = boost::program_options;

bool is_csv(const std::filesystem::path& file) {
  std::string extension = file.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return extension == ".csv";
}

}  // namespace

int cmd_burden(const Args& args) {
  po::options_description visible(
      "Usage: rampart burden FILE.csv|FILE.h5 [--years LIST] [--scenarios LIST] [--format F]\n"
      "                      [--confidence C] [--partial] [--threads N]\n\n"
      "Burden-sharing indices: NATO allies, US share of the allies' spending, allies at 2 % and\n"
      "3.5 % of GDP, the Olson-Zeckhauser rank correlation of GDP and spending share (rho, p) and\n"
      "the Gini of spending shares. For observed data (a CSV with country, gdp and spending_pct\n"
      "or spending_share columns; see scenarios/data/observed/) one row per year. For a results\n"
      "file, per scenario (or sweep point) and year, the distribution of each index over the\n"
      "runs (mean, standard error, confidence interval, 5/50/95 % quantiles), with Europe's\n"
      "capability relative to 2024, the weakest frontline deterrence ratio and the probability\n"
      "of a crisis and of a deterrence failure by each year (Wilson intervals).\n\n"
      "Options");
  visible.add_options()("help,h", "show this help")(
      "years,y", po::value<std::string>(),
      "'all', a list 2025,2030 or a range 2025-2035; default for a results file: 2024 (the "
      "data year), the first simulated year, every year divisible by 5 and the last; for a CSV: "
      "every year")("scenarios,s", po::value<std::vector<std::string>>()->composing(),
                    "scenarios (sweep points) of a results file (default: all)");
  add_analysis_options(visible,
                       "analyse the complete runs of a partial (interrupted) results file");
  const auto parsed = parse_options(args, "", visible, {"file", -1});
  if (!parsed) return 0;
  const auto& vm = *parsed;
  if (vm.count("file") == 0U) throw UsageError{"no data or results file given"};
  const auto files = vm["file"].as<std::vector<std::string>>();
  if (files.size() != 1) throw UsageError{"give exactly one data (.csv) or results file"};

  const AnalysisOptions common(vm);
  const analysis::TableFormat format = common.format;
  std::string years;
  if (vm.count("years") != 0U) {
    years = vm["years"].as<std::string>();
    if (years.empty()) throw UsageError{"--years: empty"};
  }

  const std::filesystem::path file = files.front();
  if (is_csv(file)) {
    if (vm.count("scenarios") != 0U) {
      throw UsageError{"--scenarios applies to results files, not to observed data (.csv)"};
    }
    const auto countries = scenarios::load_country_table(scenarios::scenario_library_dir());
    const auto data = analysis::load_observed_csv(file, countries);
    analysis::observed_burden_table(data, years, file).write(std::cout, format);
    return 0;
  }

  analysis::BurdenRequest request;
  request.scenarios = list_option(vm, "scenarios");
  request.years = years;
  request.confidence = common.confidence;
  const analysis::ResultsScan scan(file, common.scan);
  require_point_selection(scan, !request.scenarios.empty(), "burden");
  warn_if_partial(scan);
  analysis::to_table(analysis::simulated_burden(scan, request)).write(std::cout, format);
  return 0;
}

}  // namespace rampart::cli
