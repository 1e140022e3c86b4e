#pragma once
// The options every analysis command shares, parsed one way everywhere: --format, --confidence,
// --partial and --threads, and list options given comma-separated or repeated.

#include <tbb/global_control.h>

#include <boost/program_options.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "rampart/analysis/results_scan.hpp"
#include "rampart/analysis/table.hpp"

namespace rampart::cli {

// --format: text, csv, json or markdown (UsageError otherwise).
analysis::TableFormat format_option(const boost::program_options::variables_map& vm);

// Adds --confidence (default 0.95), --format/-f (default text), --partial and --threads/-t.
// `partial_help` says what --partial analyses for this command.
void add_analysis_options(
    boost::program_options::options_description& options,
    const char* partial_help = "analyse the complete runs of a partial (interrupted) file");

// The shared options, checked (UsageError for a bad value). Holding it caps TBB's threads at
// --threads for the command's lifetime.
class AnalysisOptions {
 public:
  explicit AnalysisOptions(const boost::program_options::variables_map& vm);

  analysis::TableFormat format = analysis::TableFormat::Text;
  double confidence = 0.95;
  analysis::ScanOptions scan;

 private:
  std::optional<tbb::global_control> threads_;
};

// The values of a repeatable list option, each also split at commas: --var a,b --var c. An empty
// name (a,,b) is a UsageError.
std::vector<std::string> list_option(const boost::program_options::variables_map& vm,
                                     const char* name);

// The one results file named by the positional "file" arguments (UsageError for none or more).
std::string single_results_file(const boost::program_options::variables_map& vm);

// Prints the scan's partial-file warning to stderr when the file is partial (--partial).
void warn_if_partial(const analysis::ResultsScan& scan);

// The most sweep points a command shows one by one without a --scenarios selection (the
// teaching grid has 12; a Sobol design tens of thousands, which would print hundreds of
// thousands of lines).
inline constexpr std::size_t kMaxPointsWithoutSelection = 50;

// UsageError, naming the file, when `scan` is a sweep of more than kMaxPointsWithoutSelection
// points and no points were chosen: it says how to choose some, and which commands summarise the
// factors' effects over all of them instead.
void require_point_selection(const analysis::ResultsScan& scan, bool chosen, const char* command);

}  // namespace rampart::cli
