#pragma once
// The report's charts as Vega-Lite specifications, and the data they draw (one JSON object of
// named datasets, shared by every chart).

#include <string>
#include <vector>

#include "rampart/report/report.hpp"

namespace rampart::analysis::report {

enum class Section { Spending, Burden, UsShare, Events, Sweep };

struct Chart {
  std::string id;  // element id of the chart's container
  Section section;
  std::string spec;  // Vega-Lite JSON referring to datasets by name
};

// {"spending_share": [...], "allies": [...], ...}: the rows of every dataset the charts use.
std::string report_datasets_json(const ReportData& data);

// Every chart, in page order; a chart whose data is empty is left out.
std::vector<Chart> report_charts(const ReportData& data);

}  // namespace rampart::analysis::report
