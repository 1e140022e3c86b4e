// `rampart report FILE.h5 [-o report.html]`: the self-contained HTML report of a results file
// (analysis/include/rampart/report/report.hpp, docs/report.md).

#include <tbb/global_control.h>

#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "options.hpp"
#include "output_paths.hpp"
#include "rampart/analysis/results_scan.hpp"
#include "rampart/report/report.hpp"
#include "run_session.hpp"

namespace rampart::cli {

namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr const char* kUsage =
    "Usage: rampart report FILE.h5 [-o report.html] [options]\n"
    "Writes one self-contained HTML page about a results file: what was run, fan charts of\n"
    "defence spending shares (US, NATO-Europe, EU, frontline), the burden-sharing scatter\n"
    "with the Olson-Zeckhauser correlation, the US share of NATO spending, crisis and\n"
    "deterrence-failure probabilities, and the scenarios compared run by run with a baseline;\n"
    "for a sweep file, the sensitivity of an outcome to the factors and the main PRIM box.\n"
    "The page opens offline in any browser (no network access) and prints on A4 landscape.\n"
    "Every number is the one 'rampart summarize', 'burden', 'compare', 'sensitivity' and\n"
    "'discover' print. See docs/report.md.\n";

}  // namespace

int cmd_report(const Args& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>()->default_value("report.html"), "the HTML file to write")(
      "baseline", po::value<std::string>(),
      "the scenario the others are compared with (default: 'baseline' if present, else the "
      "first)")("outcome", po::value<std::string>(),
                "sweeps: the outcome the sensitivity bars explain (default: "
                "spending_share[NATO-Europe])")(
      "condition", po::value<std::string>(),
      "sweeps: the condition PRIM looks for (default: a crisis by the last year, "
      "first_crisis_year <= HORIZON)")("partial",
                                       "report the complete runs of a partial (interrupted) file")(
      "threads,t", po::value<int>(), "worker threads (default: all cores)")(
      "force", "overwrite an existing output file");
  const auto parsed = parse_options(args, kUsage, options, {"file", 1});
  if (!parsed) return 0;
  const auto& vm = *parsed;
  if (vm.count("file") == 0U) throw UsageError{"missing FILE.h5"};
  const fs::path file = vm["file"].as<std::vector<std::string>>().front();
  const fs::path output = vm["output"].as<std::string>();
  if (output.extension() == ".h5") {
    throw UsageError{"the output '" + output.string() +
                     "' looks like a results file; give an "
                     ".html name with -o"};
  }
  // Before the file is read: a folder, a device or an unusable name must not fail at the end.
  check_output_path(output, {".part"});
  if (vm.count("force") == 0U && fs::exists(output)) {
    throw UsageError{"'" + output.string() +
                     "' exists; pass --force to overwrite it, or choose another -o"};
  }
  const tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(threads_option(vm)));
  analysis::ScanOptions scan_options;
  scan_options.allow_partial = vm.count("partial") != 0U;
  const analysis::ResultsScan scan(file, scan_options);
  if (scan.partial()) std::cerr << scan.partial_warning() << '\n';
  analysis::ReportOptions report_options;
  if (vm.count("baseline") != 0U) report_options.baseline = vm["baseline"].as<std::string>();
  if (vm.count("outcome") != 0U) report_options.sweep_outcome = vm["outcome"].as<std::string>();
  if (vm.count("condition") != 0U) {
    report_options.sweep_condition = vm["condition"].as<std::string>();
  }
  analysis::write_report(scan, output, report_options);
  // Messages go to stderr, as every command's "wrote FILE"; stdout is for requested output.
  std::cerr << "wrote " << output.string() << " (open it in a web browser; it needs no network)\n";
  return 0;
}

}  // namespace rampart::cli
