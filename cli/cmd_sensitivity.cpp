// `rampart sensitivity SWEEP.h5 --outcome OUTCOME`: which of a sweep's factors drive an outcome
// (analysis/sensitivity.hpp): Sobol indices, regression rankings or Morris effects, by design.

#include <boost/program_options.hpp>
#include <iostream>
#include <stdexcept>
#include <string>

#include "analysis_options.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "rampart/analysis/results_scan.hpp"
#include "rampart/analysis/sensitivity.hpp"
#include "rampart/analysis/table.hpp"
#include "run_session.hpp"

namespace rampart::cli {

namespace {

namespace po = boost::program_options;

constexpr const char* kUsage =
    "Usage: rampart sensitivity SWEEP.h5 --outcome OUTCOME [options]\n"
    "Global sensitivity of one outcome to the factors of a sweep (rampart sweep). The outcome\n"
    "of a design point is the mean over its replicates. The method follows the sweep's design:\n"
    "  sobol            first- and total-order Sobol indices with bootstrap intervals, and the\n"
    "                   replicate (aleatory) share of the variance\n"
    "  latin_hypercube  standardised regression coefficients on values (SRC) and ranks (SRRC)\n"
    "                   with R^2 and bootstrap intervals\n"
    "  full_factorial   SRC/SRRC and Morris elementary effects (mu*, mu, sigma) on the grid\n"
    "OUTCOME is an outcome expression defined in every run (crises, us_share_nato@2030,\n"
    "spending_share[NATO-Europe]@2035, ...; docs/analysis.md, \"Outcomes\").\n";

}  // namespace

int cmd_sensitivity(const Args& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("outcome", po::value<std::string>(),
                                                    "the outcome expression to explain (required)")(
      "year", po::value<int>(), "sets (or overrides) the outcome's @YEAR")(
      "bootstrap", po::value<int>()->default_value(1000), "bootstrap resamples for intervals");
  add_analysis_options(options,
                       "analyse the complete points of a partial (interrupted) sweep file");
  // --output was this option's first name (elsewhere --output names a file): still accepted.
  po::options_description aliases;
  aliases.add_options()("output", po::value<std::string>(), "");
  const auto parsed = parse_options(args, kUsage, options, {"file", 1}, &aliases);
  if (!parsed) return 0;
  const auto& vm = *parsed;
  if (vm.count("file") == 0U) throw UsageError{"missing SWEEP.h5"};
  if (vm.count("outcome") != 0U && vm.count("output") != 0U) {
    throw UsageError{"give the outcome once, with --outcome (--output is its old name)"};
  }
  if (vm.count("outcome") == 0U && vm.count("output") == 0U) {
    throw UsageError{"missing --outcome OUTCOME"};
  }
  const std::string outcome =
      vm.count("outcome") != 0U ? vm["outcome"].as<std::string>() : vm["output"].as<std::string>();

  const AnalysisOptions common(vm);
  analysis::SensitivityRequest request;
  request.file = vm["file"].as<std::vector<std::string>>().front();
  request.outcome = outcome;
  if (vm.count("year") != 0U) request.year = vm["year"].as<int>();
  const int bootstrap = vm["bootstrap"].as<int>();
  if (bootstrap < 1) throw UsageError{"--bootstrap must be at least 1"};
  request.options.bootstrap_samples = static_cast<std::size_t>(bootstrap);
  request.options.confidence = common.confidence;
  request.scan = common.scan;
  if (request.scan.allow_partial)
    warn_if_partial(analysis::ResultsScan(request.file, request.scan));
  const analysis::SensitivityResult result = analysis::sensitivity(request);
  analysis::to_table(result).write(std::cout, common.format);
  return 0;
}

}  // namespace rampart::cli
