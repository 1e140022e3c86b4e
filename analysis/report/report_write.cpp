// write_report: the page goes to HTML.part first and is renamed when complete, so a reader
// never sees half a report.

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "rampart/analysis/report.hpp"
#include "rampart/analysis/results_scan.hpp"

namespace rampart::analysis {

void write_report(const ResultsScan& scan, const std::filesystem::path& html,
                  const ReportOptions& options) {
  const std::string page = render_report_html(collect_report_data(scan, options));
  std::filesystem::path part = html;
  part += ".part";
  {
    std::ofstream out(part, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write the report " + part.string());
    out << page;
    out.close();
    if (!out) {
      std::filesystem::remove(part);
      throw std::runtime_error("writing the report " + part.string() + " failed (disk full?)");
    }
  }
  std::filesystem::rename(part, html);
}

}  // namespace rampart::analysis
