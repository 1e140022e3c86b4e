// `rampart compare FILE.h5 --scenarios A,B[,C...]` or `rampart compare A.h5 B.h5`: outcome by
// outcome, each scenario against the first, paired run by run (analysis/compare.hpp).

#include <boost/program_options.hpp>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis_options.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "rampart/analysis/compare.hpp"
#include "rampart/analysis/outcome.hpp"
#include "rampart/analysis/results_scan.hpp"
#include "rampart/analysis/table.hpp"
#include "rampart/support/text_format.hpp"
#include "run_session.hpp"

namespace rampart::cli {

namespace {

namespace po = boost::program_options;

constexpr const char* kUsage =
    "Usage: rampart compare FILE.h5 [--scenarios A,B[,C...]] [options]\n"
    "       rampart compare A.h5 B.h5 [--scenarios NAME] [options]\n"
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

}  // namespace

int cmd_compare(const Args& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "scenarios", po::value<std::vector<std::string>>()->composing(),
      "one file: comma-separated scenario (point) names, each compared with the first; two "
      "files: the one scenario compared in each (default: the first of each)")(
      "outcome", po::value<std::vector<std::string>>(),
      "an outcome expression or condition (repeatable; default: the standard set)");
  add_analysis_options(options);
  // --scenario, the two-file form's first name, is still accepted for either form.
  po::options_description aliases;
  aliases.add_options()("scenario", po::value<std::vector<std::string>>()->composing(), "");
  const auto parsed = parse_options(args, kUsage, options, {"file", 2}, &aliases);
  if (!parsed) return 0;
  const auto& vm = *parsed;
  if (vm.count("file") == 0U) throw UsageError{"missing FILE.h5"};
  const auto files = vm["file"].as<std::vector<std::string>>();

  const AnalysisOptions common(vm);
  analysis::CompareRequest request;
  request.confidence = common.confidence;
  if (vm.count("outcome") != 0U) request.outcomes = vm["outcome"].as<std::vector<std::string>>();

  std::vector<std::string> chosen;
  for (const char* key : {"scenarios", "scenario"}) {
    if (vm.count(key) == 0U) continue;
    const auto more = list_option(vm, key);
    chosen.insert(chosen.end(), more.begin(), more.end());
  }

  analysis::ComparisonResult result;
  if (files.size() == 1) {
    const analysis::ResultsScan scan(files[0], common.scan);
    require_point_selection(scan, !chosen.empty(), "compare");
    warn_if_partial(scan);
    result =
        analysis::compare_scenarios(scan, chosen.empty() ? scan.scenario_names() : chosen, request);
  } else {
    if (chosen.size() > 1) {
      throw UsageError{
          "with two files give one scenario, --scenarios NAME: it is compared "
          "across the files (to compare scenarios of one file, give one file)"};
    }
    const analysis::ResultsScan a(files[0], common.scan);
    const analysis::ResultsScan b(files[1], common.scan);
    warn_if_partial(a);
    warn_if_partial(b);
    const std::string name = chosen.empty() ? "" : chosen.front();
    result = analysis::compare_files(a, name, b, name, request);
  }
  for (const auto& warning : result.warnings) std::cerr << warning << '\n';
  analysis::to_table(result).write(std::cout, common.format);
  return 0;
}

}  // namespace rampart::cli
