#pragma once
// The options every analysis command shares, parsed one way everywhere: --format, --confidence,
// --partial and --threads, and list options given comma-separated or repeated.

#include <tbb/global_control.h>

#include <boost/program_options.hpp>
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

}  // namespace rampart::cli
