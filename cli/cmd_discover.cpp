// `rampart discover FILE.h5 --outcome "CONDITION"`: scenario discovery with PRIM
// (analysis/discovery.hpp): the region of the inputs where the condition concentrates.

#include <boost/program_options.hpp>
#include <iostream>
#include <stdexcept>
#include <string>

#include "analysis_options.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "rampart/analysis/discovery.hpp"
#include "rampart/analysis/results_scan.hpp"
#include "rampart/analysis/table.hpp"
#include "run_session.hpp"

namespace rampart::cli {

namespace {

namespace po = boost::program_options;

constexpr const char* kUsage =
    "Usage: rampart discover FILE.h5 --outcome \"CONDITION\" [options]\n"
    "Scenario discovery (PRIM, Friedman & Fisher 1999): finds a box in the inputs where the\n"
    "CONDITION concentrates. Rows are runs: every point x replicate of a sweep, or the runs of\n"
    "one scenario of a run file. Inputs are a sweep's factors (default for sweeps) or the\n"
    "sampled parameters that vary across the runs (--inputs parameters; the only choice for a\n"
    "run file). Prints the peeling trajectory (support, coverage, density, the box) and the\n"
    "chosen box after pasting.\n"
    "CONDITION: outcome comparisons joined by and/or, e.g. \"first_failure_year <= 2032\" or\n"
    "\"us_share_nato@2035 > 0.6 and crises >= 2\" (docs/analysis.md, \"Outcomes\").\n";

}  // namespace

int cmd_discover(const Args& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "outcome", po::value<std::string>(), "the condition whose runs are the cases (required)")(
      "scenario", po::value<std::string>(), "run files: the scenario (default: the only one)")(
      "inputs", po::value<std::string>(), "factors (sweeps, default) or parameters")(
      "alpha", po::value<double>()->default_value(0.05, "0.05"),
      "share of the box's runs peeled (or pasted) per step")(
      "min-support", po::value<double>()->default_value(0.05, "0.05"),
      "peeling stops before the box holds fewer than this share of runs");
  add_analysis_options(options);
  const auto parsed = parse_options(args, kUsage, options, {"file", 1});
  if (!parsed) return 0;
  const auto& vm = *parsed;
  if (vm.count("file") == 0U) throw UsageError{"missing FILE.h5"};
  if (vm.count("outcome") == 0U) throw UsageError{"missing --outcome \"CONDITION\""};

  const AnalysisOptions common(vm);
  analysis::DiscoveryRequest request;
  request.file = vm["file"].as<std::vector<std::string>>().front();
  request.condition = vm["outcome"].as<std::string>();
  if (vm.count("scenario") != 0U) request.scenario = vm["scenario"].as<std::string>();
  if (vm.count("inputs") != 0U) {
    const std::string inputs = vm["inputs"].as<std::string>();
    if (inputs == "factors") {
      request.inputs = analysis::DiscoveryInputs::Factors;
    } else if (inputs == "parameters") {
      request.inputs = analysis::DiscoveryInputs::Parameters;
    } else {
      throw UsageError{"--inputs must be 'factors' or 'parameters', not '" + inputs + "'"};
    }
  }
  request.prim.alpha = vm["alpha"].as<double>();
  request.prim.min_support = vm["min-support"].as<double>();
  if (!(request.prim.alpha > 0.0 && request.prim.alpha < 0.5)) {
    throw UsageError{"--alpha must be strictly between 0 and 0.5"};
  }
  if (!(request.prim.min_support > 0.0 && request.prim.min_support < 1.0)) {
    throw UsageError{"--min-support must be strictly between 0 and 1"};
  }
  request.confidence = common.confidence;
  request.scan = common.scan;
  if (request.scan.allow_partial)
    warn_if_partial(analysis::ResultsScan(request.file, request.scan));
  const analysis::DiscoveryResult result = analysis::discover(request);
  analysis::to_table(result).write(std::cout, common.format);
  return 0;
}

}  // namespace rampart::cli
