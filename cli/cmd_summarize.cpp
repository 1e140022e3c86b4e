// rampart summarize FILE.h5: the distribution across runs of chosen series per scenario (or sweep
// point), year and country group, with Monte Carlo standard errors, confidence intervals,
// quantiles and event probabilities (analysis/summarize.hpp does the work).

#include <tbb/global_control.h>

#include <boost/program_options.hpp>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "commands.hpp"
#include "options.hpp"
#include "rampart/analysis/results_scan.hpp"
#include "rampart/analysis/summarize.hpp"
#include "rampart/analysis/table.hpp"

namespace rampart::cli {
namespace {

namespace po = boost::program_options;

// Values of a repeatable option, each also split at commas: --var a,b --var c.
std::vector<std::string> list_option(const po::variables_map& vm, const char* name) {
  std::vector<std::string> items;
  if (vm.count(name) == 0U) return items;
  for (const auto& value : vm[name].as<std::vector<std::string>>()) {
    std::size_t from = 0;
    while (from <= value.size()) {
      const auto comma = value.find(',', from);
      const auto item =
          value.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
      if (item.empty())
        throw UsageError{std::string("--") + name + ": empty name in '" + value + "'"};
      items.push_back(item);
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
  }
  return items;
}

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
      "confidence", po::value<double>()->default_value(0.95, "0.95"),
      "confidence level of the intervals")(
      "format,f", po::value<std::string>()->default_value("text"), "text, csv, json or markdown")(
      "partial", "analyse the complete runs of a partial (interrupted) file")(
      "threads,t", po::value<int>(), "threads (default: all cores)")(
      "max-memory", po::value<std::size_t>()->default_value(4096),
      "refuse (before reading) if the values kept for exact quantiles exceed this many MiB");
  const auto parsed = parse_options(args, "", visible, {"file", -1});
  if (!parsed) return 0;
  const auto& vm = *parsed;
  if (vm.count("file") == 0U) throw UsageError{"no results file given"};
  const auto files = vm["file"].as<std::vector<std::string>>();
  if (files.size() != 1) throw UsageError{"give exactly one results file"};

  analysis::TableFormat format{};
  try {
    format = analysis::parse_table_format(vm["format"].as<std::string>());
  } catch (const std::invalid_argument& e) {
    throw UsageError{std::string("--format: ") + e.what()};
  }
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
  request.confidence = vm["confidence"].as<double>();
  if (!(request.confidence > 0.0 && request.confidence < 1.0)) {
    throw UsageError{"--confidence must be between 0 and 1 (e.g. 0.95)"};
  }
  request.max_memory_mib = vm["max-memory"].as<std::size_t>();
  std::optional<tbb::global_control> threads;
  if (vm.count("threads") != 0U) {
    const int n = vm["threads"].as<int>();
    if (n <= 0) throw UsageError{"--threads must be positive"};
    threads.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(n));
  }

  analysis::ScanOptions options;
  options.allow_partial = vm.count("partial") != 0U;
  const analysis::ResultsScan scan(files.front(), options);
  if (scan.partial()) std::cerr << scan.partial_warning() << '\n';
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
