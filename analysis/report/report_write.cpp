// write_report: the page goes to HTML.part first and is renamed when complete, so a reader
// never sees half a report.

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "rampart/analysis/results_scan.hpp"
#include "rampart/analysis/whole_file.hpp"
#include "rampart/report/report.hpp"

namespace rampart::analysis {

void write_report(const ResultsScan& scan, const std::filesystem::path& html,
                  const ReportOptions& options) {
  write_whole_file(html, render_report_html(collect_report_data(scan, options)));
}

}  // namespace rampart::analysis
