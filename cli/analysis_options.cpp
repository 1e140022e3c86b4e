#include "analysis_options.hpp"

#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "run_session.hpp"

namespace rampart::cli {

namespace po = boost::program_options;

void add_analysis_options(po::options_description& options, const char* partial_help) {
  options.add_options()("confidence", po::value<double>()->default_value(0.95, "0.95"),
                        "confidence level of the intervals")(
      "format,f", po::value<std::string>()->default_value("text"), "text, csv, json or markdown")(
      "partial", partial_help)("threads,t", po::value<int>(),
                               "worker threads (default: all cores)");
}

analysis::TableFormat format_option(const po::variables_map& vm) {
  try {
    return analysis::parse_table_format(vm["format"].as<std::string>());
  } catch (const std::invalid_argument& e) {
    throw UsageError{std::string("--format: ") + e.what()};
  }
}

AnalysisOptions::AnalysisOptions(const po::variables_map& vm) {
  format = format_option(vm);
  confidence = vm["confidence"].as<double>();
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw UsageError{"--confidence must be between 0 and 1 (e.g. 0.95)"};
  }
  scan.allow_partial = vm.count("partial") != 0U;
  threads_.emplace(tbb::global_control::max_allowed_parallelism,
                   static_cast<std::size_t>(threads_option(vm)));
}

std::string single_results_file(const po::variables_map& vm) {
  if (vm.count("file") == 0U) throw UsageError{"no results file given"};
  const auto files = vm["file"].as<std::vector<std::string>>();
  if (files.size() != 1) throw UsageError{"give exactly one results file"};
  return files.front();
}

std::vector<std::string> list_option(const po::variables_map& vm, const char* name) {
  std::vector<std::string> items;
  if (vm.count(name) == 0U) return items;
  for (const auto& value : vm[name].as<std::vector<std::string>>()) {
    std::size_t from = 0;
    while (from <= value.size()) {
      const auto comma = value.find(',', from);
      const auto item =
          value.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
      if (item.empty()) {
        throw UsageError{std::string("--") + name + ": empty name in '" + value + "'"};
      }
      items.push_back(item);
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
  }
  return items;
}

void warn_if_partial(const analysis::ResultsScan& scan) {
  if (scan.partial()) std::cerr << scan.partial_warning() << '\n';
}

void require_point_selection(const analysis::ResultsScan& scan, bool chosen, const char* command) {
  const std::size_t points = scan.scenario_names().size();
  if (chosen || scan.scenario_dim() != "point" || points <= kMaxPointsWithoutSelection) return;
  const std::string file = scan.path().string();
  throw UsageError{
      file + " is a sweep of " + std::to_string(points) + " design points; rampart " + command +
      " would print every one of them. Choose up to a few with --scenarios " +
      scan.scenario_names().front() + "," + scan.scenario_names()[1] +
      ",... (the file's design dataset gives each point's factor values, " +
      "docs/output.md), or see what drives an outcome across all points with " +
      "'rampart sensitivity " + file + " --outcome OUTCOME' or 'rampart report " + file + "'"};
}

}  // namespace rampart::cli
