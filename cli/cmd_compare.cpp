// `rampart compare FILE.h5 --scenarios A,B[,C...]` or `rampart compare A.h5 B.h5`: outcome by
// outcome, each scenario against the first, paired run by run (analysis/compare.hpp).

#include <tbb/global_control.h>

#include <boost/program_options.hpp>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "commands.hpp"
#include "options.hpp"
#include "rampart/analysis/compare.hpp"
#include "rampart/analysis/outcome.hpp"
#include "rampart/analysis/results_scan.hpp"
#include "rampart/analysis/table.hpp"
#include "rampart/scenarios/text_format.hpp"
#include "run_session.hpp"

namespace rampart::cli {

namespace {

namespace po = boost::program_options;

constexpr const char* kUsage =
    "Usage: rampart compare FILE.h5 [--scenarios A,B[,C...]] [options]\n"
    "       rampart compare A.h5 B.h5 [--scenario NAME] [options]\n"
    "Compares outcomes of scenarios (or sweep points), each against the first: difference =\n"
    "other - first, with a confidence interval. Runs with the same run index share their random\n"
    "draws (common random numbers), so the comparison is paired run by run; variance_reduction\n"
    "says how many times more runs an unpaired comparison would need. With one file and no\n"
    "--scenarios every entry is compared with the first. With two files the scenario NAME "
    "(default\n"
    "the first of each) is compared across them, paired when the seeds are equal and unpaired\n"
    "(with a warning) otherwise.\n"
    "An --outcome is an outcome expression (spending_share[NATO-Europe]@2030, us_share_nato,\n"
    "crises, ...) or a condition (first_failure_year <= 2032), compared as 0/1; see\n"
    "docs/analysis.md, \"Outcomes\". Default outcomes: spending_share[NATO-Europe],\n"
    "spending_share[EU], us_share_nato, allies_at_2pct, allies_at_3_5pct,\n"
    "commitment[NATO-Europe], crises, deterrence_failures and P(deterrence failure by the last\n"
    "year).\n";

std::vector<std::string> split_names(const std::string& list) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    const std::string name = list.substr(start, end - start);
    if (name.empty()) throw UsageError{"--scenarios has an empty name in '" + list + "'"};
    names.push_back(name);
    start = end + 1;
  }
  return names;
}

}  // namespace

int cmd_compare(const Args& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "scenarios", po::value<std::string>(),
      "one file: comma-separated scenario (point) names, each compared with the first")(
      "scenario", po::value<std::string>(),
      "two files: the scenario compared in each (default: the first of each)")(
      "outcome", po::value<std::vector<std::string>>(),
      "an outcome expression or condition (repeatable; default: the standard set)")(
      "confidence", po::value<double>()->default_value(0.95), "confidence level of intervals")(
      "format,f", po::value<std::string>()->default_value("text"), "text, csv, json or markdown")(
      "partial", "analyse the complete runs of a partial (interrupted) file")(
      "threads,t", po::value<int>(), "worker threads (default: all cores)");
  const auto parsed = parse_options(args, kUsage, options, {"file", 2});
  if (!parsed) return 0;
  const auto& vm = *parsed;
  if (vm.count("file") == 0U) throw UsageError{"missing FILE.h5"};
  const auto files = vm["file"].as<std::vector<std::string>>();

  analysis::TableFormat format{};
  try {
    format = analysis::parse_table_format(vm["format"].as<std::string>());
  } catch (const std::invalid_argument& e) {
    throw UsageError{std::string("--format: ") + e.what()};
  }
  analysis::CompareRequest request;
  request.confidence = vm["confidence"].as<double>();
  if (!(request.confidence > 0.0 && request.confidence < 1.0)) {
    throw UsageError{"--confidence must be strictly between 0 and 1"};
  }
  if (vm.count("outcome") != 0U) request.outcomes = vm["outcome"].as<std::vector<std::string>>();
  const tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(threads_option(vm)));
  analysis::ScanOptions scan_options;
  scan_options.allow_partial = vm.count("partial") != 0U;

  analysis::ComparisonResult result;
  if (files.size() == 1) {
    if (vm.count("scenario") != 0U) {
      throw UsageError{"--scenario is for two files; with one file use --scenarios A,B"};
    }
    const analysis::ResultsScan scan(files[0], scan_options);
    if (scan.partial()) std::cerr << scan.partial_warning() << '\n';
    const std::vector<std::string> names = vm.count("scenarios") != 0U
                                               ? split_names(vm["scenarios"].as<std::string>())
                                               : scan.scenario_names();
    result = analysis::compare_scenarios(scan, names, request);
  } else {
    if (vm.count("scenarios") != 0U) {
      throw UsageError{"--scenarios is for one file; with two files use --scenario NAME"};
    }
    const analysis::ResultsScan a(files[0], scan_options);
    const analysis::ResultsScan b(files[1], scan_options);
    if (a.partial()) std::cerr << a.partial_warning() << '\n';
    if (b.partial()) std::cerr << b.partial_warning() << '\n';
    const std::string name = vm.count("scenario") != 0U ? vm["scenario"].as<std::string>() : "";
    result = analysis::compare_files(a, name, b, name, request);
  }
  for (const auto& warning : result.warnings) std::cerr << warning << '\n';
  analysis::to_table(result).write(std::cout, format);
  return 0;
}

}  // namespace rampart::cli
