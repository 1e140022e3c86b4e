// `rampart seminar [-o DIR]`: the seminar kit's one command (docs/seminar.md). Runs the lesson's
// scenarios with a fixed seed through `rampart run` (the same machinery, so the file records the
// canonical run command) and writes the report next to the results.

#include <tbb/global_control.h>

#include <array>
#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "options.hpp"
#include "output_paths.hpp"
#include "rampart/analysis/results_scan.hpp"
#include "rampart/io/results_reader.hpp"
#include "rampart/report/report.hpp"
#include "run_session.hpp"

namespace rampart::cli {

namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

// The lesson's scenarios (docs/seminar.md explains the choice): the 2024 posture, the Hague
// spending target, a transactional and a disengaging United States.
constexpr std::array<std::string_view, 4> kLessonScenarios{"baseline", "hague_5pct",
                                                           "us_transactional", "us_disengagement"};
// Fixed so every class sees the same numbers (the briefing's month, June 2025).
constexpr std::string_view kLessonSeed = "20250601";
// Enough runs for smooth fans and intervals of a few percentage points, few enough to finish
// well under a minute on a two-core laptop (docs/seminar.md gives the measurement).
constexpr std::string_view kLessonRuns = "1000";

constexpr const char* kUsage =
    "Usage: rampart seminar [-o DIR] [options]\n"
    "The seminar kit in one command: runs the lesson's scenarios (baseline, hague_5pct,\n"
    "us_transactional, us_disengagement) 1000 times each with the fixed seed 20250601, writes\n"
    "DIR/results.h5 and DIR/report.html, and says how to open the report. Every class that runs\n"
    "it sees the same numbers. Running it again rewrites DIR's two files (a results.h5 that\n"
    "'rampart seminar' did not write is refused, never overwritten). See docs/seminar.md.\n";

// Running the seminar again rewrites its own results file; any other file of that name (a
// researcher's run, something that is not a results file) is refused rather than overwritten.
void refuse_foreign_results(const fs::path& results) {
  if (!fs::exists(results)) return;
  std::string command;
  try {
    command = engine::ResultsReader(results).string_attribute("command");
  } catch (const std::exception&) {
    command.clear();
  }
  std::string ours = "rampart run";
  for (const auto name : kLessonScenarios) {
    ours += ' ';
    ours += name;
  }
  ours += " --runs ";
  ours += kLessonRuns;
  ours += " --seed ";
  ours += kLessonSeed;
  if (command.rfind(ours, 0) != 0) {
    throw UsageError{"'" + results.string() +
                     "' exists and is not a seminar results file; choose another folder with -o"};
  }
}

}  // namespace

int cmd_seminar(const Args& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>()->default_value("rampart-seminar"),
      "folder for results.h5 and report.html (created if missing)")(
      "threads,t", po::value<int>(), "worker threads (default: all cores)");
  const auto parsed = parse_options(args, kUsage, options, {"extra", 0});
  if (!parsed) return 0;
  const auto& vm = *parsed;
  const int threads = threads_option(vm);
  const fs::path folder = vm["output"].as<std::string>();
  std::error_code error;
  fs::create_directories(folder, error);
  if (error || !fs::is_directory(folder)) {
    throw UsageError{"cannot create the folder '" + folder.string() + "'"};
  }
  const fs::path results = folder / "results.h5";
  const fs::path report = folder / "report.html";
  // Both files are checked before the lesson's runs, which take minutes.
  check_output_path(results, results_side_suffixes());
  check_output_path(report, {".part"});
  refuse_foreign_results(results);

  // Every message on stderr, as the run's own progress and "wrote" lines.
  std::cerr << "rampart seminar: running";
  for (const auto name : kLessonScenarios) std::cerr << ' ' << name;
  std::cerr << " (" << kLessonRuns << " runs each, seed " << kLessonSeed << ")\n" << std::flush;
  const auto start = std::chrono::steady_clock::now();
  Args run_args(kLessonScenarios.begin(), kLessonScenarios.end());
  for (const std::string_view a :
       {std::string_view("--runs"), kLessonRuns, std::string_view("--seed"), kLessonSeed}) {
    run_args.emplace_back(a);
  }
  run_args.insert(run_args.end(),
                  {"--threads", std::to_string(threads), "--output", results.string(), "--force"});
  if (const int status = cmd_run(run_args); status != 0) return status;

  const tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                        static_cast<std::size_t>(threads));
  const analysis::ResultsScan scan(results);
  analysis::write_report(scan, report, {});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << "wrote " << report.string() << " in " << std::lround(seconds)
            << " s\n\nOpen the report in a web browser (it needs no network), for example:\n"
            << "  xdg-open " << shell_quoted(report.string()) << "      (Linux)\n"
            << "  open " << shell_quoted(report.string()) << "          (macOS)\n"
            << "or drag the file onto a browser window. The lesson plan is docs/seminar.md.\n";
  return 0;
}

}  // namespace rampart::cli
