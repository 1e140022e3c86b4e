#pragma once
// The frame every self-contained page shares (the results report, the forecast page): the head
// with its content security policy (no fetch can leave the page) and style, the error capture
// that records script errors, console errors and warnings and blocked fetches into
// <ul id="page-errors">, and at the end the data, the chart specifications, the inlined
// charting libraries and the script that draws every chart and then sets
// data-charts-rendered on <body> (what the browser tests read).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rampart::analysis::report {

// The charts' shared look: the system's sans-serif font (no web font is fetched) and sizes that
// stay legible on a printed A4 page; a "config" member to end a Vega-Lite specification with.
inline constexpr std::string_view kChartConfig =
    R"("config": {"font": "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
 "title": {"fontSize": 15, "subtitleFontSize": 12, "subtitleColor": "#444", "anchor": "start", "offset": 10},
 "axis": {"labelFontSize": 11, "titleFontSize": 12, "titleFontWeight": "normal", "gridColor": "#e6e6e6"},
 "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "top", "symbolOpacity": 1},
 "header": {"labelFontSize": 13, "labelFontWeight": "bold", "titleFontSize": 13},
 "view": {"stroke": "#cccccc"},
 "range": {"category": ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"]}})";
// Scenario colours above: the Okabe-Ito palette, which readers with any common colour-vision
// deficiency tell apart; the scenario lines also differ in dash pattern (strokeDash), so
// overlapping lines stay distinguishable in print and in grey.

struct PageChart {
  std::string id;    // element id of the chart's container
  std::string spec;  // Vega-Lite JSON referring to datasets by name
};

// "<!DOCTYPE html>" through the opening <body data-charts-expected="charts"> and the error
// capture; `title` is escaped.
std::string page_open(std::string_view title, std::size_t charts);

// The datasets (one JSON object of named row arrays), the specifications, the libraries and
// the drawing script, then </body></html>.
std::string page_close(const std::string& datasets_json, const std::vector<PageChart>& charts);

}  // namespace rampart::analysis::report
