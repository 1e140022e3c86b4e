// rampart summarize FILE.h5: the distribution across runs of chosen series per scenario (or sweep
// point), year and country group, with Monte Carlo standard errors, confidence intervals,
// quantiles and event probabilities (analysis/summarize.hpp does the work).

#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "analysis_options.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "rampart/analysis/results_scan.hpp"
#include "rampart/analysis/summarize.hpp"
#include "rampart/analysis/table.hpp"

namespace rampart::cli {
namespace {

namespace po = boost::program_options;

}  // namespace

int cmd_summarize(const Args& args) {
  po::options_description visible(
      "Usage: rampart summarize FILE.h5 [--var NAME...] [--years LIST] [--groups LIST | "
      "--countries LIST]\n"
      "                         [--scenarios LIST] [--no-events] [--confidence C] [--format F]\n"
      "                         [--partial] [--threads N] [--max-memory MiB]\n\n"
      "Per scenario (or sweep point), year, variable and country group: the mean across runs,\n"
      "standard deviation, Monte Carlo standard error, a confidence interval for the mean and\n"
      "the 5/25/50/75/95 % quantiles; plus the probability of a crisis and of a deterrence\n"
      "failure by each year (Wilson intervals). Lists are comma-separated or repeated options.\n\n"
      "Options");
  visible.add_options()("help,h", "show this help")(
      "var,v", po::value<std::vector<std::string>>()->composing(),
      "variables: a state series (gdp, spending_share, ... aggregated over each group), a "
      "world series (threat, us_presence, ...) or a per-run summary (deterrence_failures, "
      "...); default spending_share")(
      "years,y", po::value<std::string>(),
      "'all', a list 2025,2030 or a range 2025-2035; default: the first simulated year, every "
      "year divisible by 5 and the last")(
      "groups,g", po::value<std::vector<std::string>>()->composing(),
      "country groups: NATO, EU, NATO-Europe, EU-in-NATO, frontline, US (default: all six)")(
      "countries,c", po::value<std::vector<std::string>>()->composing(),
      "ISO3 codes (DEU,POL,...), instead of or besides --groups")(
      "scenarios,s", po::value<std::vector<std::string>>()->composing(),
      "scenarios (sweep points) to summarise (default: all)")(
      "no-events", "leave out the crisis and deterrence-failure probabilities")(
      "max-memory", po::value<std::size_t>()->default_value(4096),
      "refuse (before reading) if the values kept for exact quantiles exceed this many MiB");
  add_analysis_options(visible);
  const auto parsed = parse_options(args, "", visible, {"file", -1});
  if (!parsed) return 0;
  const auto& vm = *parsed;
  const std::string file = single_results_file(vm);

  const AnalysisOptions common(vm);
  const analysis::TableFormat format = common.format;
  analysis::SummarizeRequest request;
  request.variables = list_option(vm, "var");
  request.groups = list_option(vm, "groups");
  request.countries = list_option(vm, "countries");
  request.scenarios = list_option(vm, "scenarios");
  if (vm.count("years") != 0U) {
    request.years = vm["years"].as<std::string>();
    if (request.years.empty()) throw UsageError{"--years: empty"};
  }
  request.events = vm.count("no-events") == 0U;
  request.confidence = common.confidence;
  request.max_memory_mib = vm["max-memory"].as<std::size_t>();

  const analysis::ResultsScan scan(file, common.scan);
  require_point_selection(scan, !request.scenarios.empty(), "summarize");
  warn_if_partial(scan);
  const analysis::SummaryResult result = analysis::summarize(scan, request);
  if (format == analysis::TableFormat::Text) {
    bool first = true;
    for (const auto& table : analysis::to_tables_by_scenario(result)) {
      if (!first) std::cout << '\n';
      first = false;
      table.write(std::cout, format);
    }
  } else {
    analysis::to_table(result).write(std::cout, format);
  }
  return 0;
}

}  // namespace rampart::cli
