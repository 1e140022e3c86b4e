// The report page: header, sections with chart containers, the comparison and PRIM tables, and
// the scripts (the inlined charting libraries, the data and the chart specifications). The page
// records every script error, console error or warning and blocked fetch into the DOM and sets
// data-charts-rendered on <body> once every chart has rendered: the browser test reads both.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rampart/report/report.hpp"
#include "rampart/scenarios/parameters.hpp"
#include "report_charts.hpp"
#include "report_json.hpp"
#include "report_page.hpp"

namespace rampart::analysis {
namespace {

using report::html_escaped;
using report::Section;

std::string number_text(double value, const char* format) {
  if (!std::isfinite(value)) return "–";
  std::array<char, 48> buffer{};
  std::snprintf(buffer.data(), buffer.size(), format, value);
  return buffer.data();
}

// Shares print as percentages (points for differences), other units as plain numbers.
std::string value_text(double value, const std::string& unit, bool difference) {
  if (unit == "share") {
    return number_text(value * 100.0, difference ? "%+.2f pp" : "%.2f %%");
  }
  return number_text(value, difference ? "%+.3g" : "%.4g");
}

// Plain words for the comparison's outcome labels (outcome.hpp grammar); the label itself is
// shown under them, as `rampart compare` prints it.
std::string outcome_description(const std::string& label) {
  const auto at = label.find('@');
  const std::string year = at == std::string::npos ? "" : ", " + label.substr(at + 1);
  const std::string head = label.substr(0, at);
  const auto open = head.find('[');
  const std::string name = head.substr(0, open);
  const std::string selection =
      open == std::string::npos ? "" : head.substr(open + 1, head.find(']') - open - 1);
  if (name == "spending_share") return selection + ": defence spending, share of GDP" + year;
  if (name == "commitment") {
    return selection + ": mean commitment to answer an ally's call (0 to 1)" + year;
  }
  if (name == "us_share_nato") return "US share of NATO defence spending" + year;
  if (name == "allies_at_2pct") return "allies spending at least 2 % of GDP (number)" + year;
  if (name == "allies_at_3_5pct") return "allies spending at least 3.5 % of GDP (number)" + year;
  if (name == "crises") return "crises (Russian probes) per run, all years";
  if (name == "deterrence_failures") return "deterrence failures per run, all years";
  const std::string crisis = "P(first_crisis_year <= ";
  if (label.rfind(crisis, 0) == 0) {
    return "probability of at least one crisis by " +
           label.substr(crisis.size(), label.size() - crisis.size() - 1);
  }
  const std::string failure = "P(first_failure_year <= ";
  if (label.rfind(failure, 0) == 0) {
    return "probability of a deterrence failure by " +
           label.substr(failure.size(), label.size() - failure.size() - 1);
  }
  return label;
}

std::string header_section(const RunDescription& run) {
  std::string scenarios;
  for (std::size_t i = 0; i < run.scenarios.size(); ++i) {
    if (i == 8 && run.scenarios.size() > 10) {
      scenarios += ", … (" + std::to_string(run.scenarios.size()) + " in all)";
      break;
    }
    if (i > 0) scenarios += ", ";
    scenarios += run.scenarios[i];
  }
  const std::string what = run.scenario_dim == "point" ? "design points" : "scenarios";
  std::string out =
      "<h1>Rampart report</h1>\n<p class=\"lead\">An agent-based Monte Carlo "
      "simulation of European defence burden-sharing. Every chart summarises " +
      std::to_string(run.runs) + " runs per " +
      (run.scenario_dim == "point" ? "design point" : "scenario") +
      "; the same command, seed and version give the same numbers.</p>\n";
  for (const auto& w : run.warnings) {
    out += "<p class=\"warning\">" + html_escaped(w) + "</p>\n";
  }
  const auto row = [](std::string_view key, const std::string& value) {
    return "<tr><th>" + std::string(key) + "</th><td>" + value + "</td></tr>\n";
  };
  out += "<table class=\"header\">\n";
  out += row("results file", "<code>" + html_escaped(run.file) + "</code>");
  out += row("command", "<code>" + html_escaped(run.command) + "</code>");
  out += row(what, html_escaped(scenarios));
  if (!run.design.empty()) out += row("design", html_escaped(run.design));
  out += row("runs", std::to_string(run.runs) + " per " +
                         (run.scenario_dim == "point" ? "point" : "scenario"));
  out += row("seed", std::to_string(run.seed));
  out += row("years", std::to_string(run.first_year) + "–" + std::to_string(run.horizon) + " (" +
                          std::to_string(run.first_year) + " is data)");
  out += row("rampart",
             html_escaped(run.rampart_version) + " (git " + html_escaped(run.git_sha) + ")");
  out += row("created", html_escaped(run.created));
  out += "</table>\n";
  bool described = false;
  for (const auto& note : run.scenario_notes) described = described || !note.description.empty();
  if (described) {
    out +=
        "<table class=\"scenarios\">\n<tr><th>scenario</th><th>what it assumes</th><th>source"
        "</th></tr>\n";
    for (const auto& note : run.scenario_notes) {
      out += "<tr><td><code>" + html_escaped(note.name) + "</code></td><td>" +
             html_escaped(note.description) + "</td><td>" + html_escaped(note.view) +
             "</td></tr>\n";
    }
    out += "</table>\n";
  }
  return out;
}

std::string comparison_section(const ReportData& data) {
  std::string out =
      "<h2 id=\"comparison\">Scenario comparison</h2>\n<p class=\"lead\">Key outcomes at the end "
      "of the horizon: the mean over runs, and the difference to <b>" +
      html_escaped(data.baseline) +
      "</b> computed run by run (run <i>k</i> of every scenario uses the same random draws), "
      "with its 95 % interval (pp: percentage points, the difference of two percentages). An "
      "interval that does not include zero is a difference the runs resolve; pairing gain: how "
      "many times more runs the same precision would need without "
      "pairing.</p>\n<table>\n<tr><th>outcome</th><th>scenario</th><th>mean</th><th>difference "
      "to " +
      html_escaped(data.baseline) + "</th><th>95 % interval</th><th>pairing gain</th></tr>\n";
  const std::string* previous = nullptr;
  for (const auto& r : data.comparison) {
    // The outcome is named once, on the first row of its group.
    const bool first = previous == nullptr || *previous != r.outcome;
    previous = &r.outcome;
    out += first ? "<tr class=\"group\"><td>" + html_escaped(outcome_description(r.outcome)) +
                       "<br><code class=\"label\">" + html_escaped(r.outcome) + "</code></td><td>"
                 : std::string("<tr><td></td><td>");
    out += html_escaped(r.scenario) + "</td><td class=\"num\">" +
           value_text(r.mean, r.unit, false) + "</td>";
    if (r.is_baseline) {
      out += "<td class=\"num\">baseline</td><td></td><td></td></tr>\n";
      continue;
    }
    out += "<td class=\"num\">" + value_text(r.difference, r.unit, true) +
           "</td><td class=\"num\">" + value_text(r.lower, r.unit, true) + " to " +
           value_text(r.upper, r.unit, true) + "</td><td class=\"num\">" +
           number_text(r.variance_reduction, "%.1f×") + "</td></tr>\n";
  }
  return out + "</table>\n";
}

// Every ally's spending share in the data year and, per scenario, in the last year (the
// scatter's points as numbers), sorted by the data year's share: a student playing one ally
// finds it here.
std::string allies_table(const ReportData& data) {
  struct Ally {
    std::string name;
    double first = NAN;
    std::map<std::string, double> last;  // scenario -> share in the last year
  };
  std::map<std::string, Ally> by_country;
  for (const auto& a : data.allies) {
    Ally& ally = by_country[a.country];
    ally.name = a.name;
    if (a.year == data.run.first_year) {
      ally.first = a.spending_share;
    } else if (a.year == data.run.horizon) {
      ally.last[a.scenario] = a.spending_share;
    }
  }
  std::vector<std::pair<std::string, Ally>> rows(by_country.begin(), by_country.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  const std::string first = std::to_string(data.run.first_year);
  const std::string last = std::to_string(data.run.horizon);
  std::string out =
      "<h3 id=\"allies-table\">Each ally's defence spending, % of GDP</h3>\n<p class=\"lead\">" +
      first + " is the data; " + last +
      " is the median over runs of each scenario, the points of the chart above. Sorted by the " +
      first + " share.</p>\n<table class=\"allies\">\n<tr><th>ally</th><th>" + first + "</th>";
  for (const auto& s : data.run.scenarios) out += "<th>" + last + ", " + html_escaped(s) + "</th>";
  out += "</tr>\n";
  for (const auto& [iso3, ally] : rows) {
    out += "<tr><td>" + html_escaped(ally.name) + " (" + html_escaped(iso3) +
           ")</td><td class=\"num\">" + value_text(ally.first, "share", false) + "</td>";
    for (const auto& s : data.run.scenarios) {
      const auto it = ally.last.find(s);
      out += "<td class=\"num\">" +
             value_text(it == ally.last.end() ? NAN : it->second, "share", false) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

// A factor's registry path with its meaning, for a table heading.
std::string factor_heading(const std::string& path) {
  std::string out = "<code>" + html_escaped(path) + "</code>";
  if (const auto id = scenarios::find_parameter(path)) {
    out += " (" + html_escaped(std::string(scenarios::spec(*id).meaning)) + ")";
  }
  return out;
}

// The two-factor grid as a table, each cell shaded from the lowest mean (light) to the highest
// (dark), so the eye finds where the outcome moves across the grid.
std::string grid_table(const SweepAnalysis& sweep) {
  const SweepGrid& grid = *sweep.grid;
  double low = INFINITY;
  double high = -INFINITY;
  for (const double m : grid.means) {
    if (std::isfinite(m)) {
      low = std::min(low, m);
      high = std::max(high, m);
    }
  }
  std::string out =
      "<h3 id=\"sweep-grid\">The grid: <code>" + html_escaped(sweep.outcome) +
      "</code> at every combination</h3>\n<p class=\"lead\">Mean over the " +
      std::to_string(grid.replicates) +
      " replicates of each point (replicate r shares its random numbers at every "
      "point, so neighbouring cells differ by the factors alone). Down: " +
      factor_heading(grid.row_factor) + "; across: " + factor_heading(grid.column_factor) +
      ". Darker cells: higher values.</p>\n<table class=\"grid\">\n<tr><th>" +
      html_escaped(grid.row_factor) + " \\ " + html_escaped(grid.column_factor) + "</th>";
  for (const double c : grid.column_values) out += "<th>" + number_text(c, "%g") + "</th>";
  out += "</tr>\n";
  const std::size_t columns = grid.column_values.size();
  for (std::size_t r = 0; r < grid.row_values.size(); ++r) {
    out += "<tr><th>" + number_text(grid.row_values[r], "%g") + "</th>";
    for (std::size_t c = 0; c < columns; ++c) {
      const double m = grid.means[r * columns + c];
      const double level = high > low && std::isfinite(m) ? (m - low) / (high - low) : 0.0;
      // From #f7fbff to #2171b5 (the report's blues); white text on the darker half.
      const auto channel = [&](int from, int to) {
        return static_cast<int>(std::lround(from + (to - from) * level));
      };
      std::array<char, 96> style{};
      std::snprintf(style.data(), style.size(), " style=\"background:rgb(%d,%d,%d);color:%s\"",
                    channel(247, 33), channel(251, 113), channel(255, 181),
                    level > 0.5 ? "#ffffff" : "#1a1a1a");
      out += "<td class=\"num\"" + std::string(style.data()) + ">" +
             value_text(m, grid.unit, false) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string prim_table(const SweepAnalysis& sweep) {
  std::string out =
      "<p class=\"lead\">The main PRIM box for <code>" + html_escaped(sweep.prim_condition) +
      "</code>: " + number_text(sweep.prim_support * 100.0, "%.1f") + " % of runs lie inside; " +
      number_text(sweep.prim_density * 100.0, "%.1f") + " % of them are cases " +
      "(density), and they hold " + number_text(sweep.prim_coverage * 100.0, "%.1f") +
      " % of all cases (coverage). Only the factors the box restricts are listed.</p>\n";
  out += "<table>\n<tr><th>factor</th><th>box from</th><th>box to</th><th>design range</th></tr>\n";
  for (const auto& l : sweep.prim_box) {
    out += "<tr><td><code>" + html_escaped(l.factor) + "</code></td><td class=\"num\">" +
           number_text(l.lower, "%.4g") + "</td><td class=\"num\">" + number_text(l.upper, "%.4g") +
           "</td><td class=\"num\">" + number_text(l.range_lower, "%.4g") + " to " +
           number_text(l.range_upper, "%.4g") + "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string charts_of(const std::vector<report::Chart>& charts, Section section) {
  std::string out;
  for (const auto& c : charts) {
    if (c.section == section) out += "<div class=\"chart\" id=\"" + c.id + "\"></div>\n";
  }
  return out;
}

bool has(const std::vector<report::Chart>& charts, Section section) {
  for (const auto& c : charts) {
    if (c.section == section) return true;
  }
  return false;
}

}  // namespace

int report_chart_count(const ReportData& data) {
  return static_cast<int>(report::report_charts(data).size());
}

std::string render_report_html(const ReportData& data) {
  const auto charts = report::report_charts(data);
  std::string page = report::page_open("Rampart report: " + data.run.file, charts.size());
  page += header_section(data.run);

  if (has(charts, Section::Spending)) {
    page +=
        "<h2 id=\"spending\">Defence spending as a share of GDP</h2>\n<p class=\"lead\">How to "
        "read a fan chart: the line is the median run (half the runs lie above it, half below); "
        "the dark band holds the middle half of the runs and the light band 90 % of them. A wide "
        "fan means the outcome is uncertain; fans that do not overlap mean the scenarios "
        "differ clearly.</p>\n";
    page += charts_of(charts, Section::Spending);
  }
  if (has(charts, Section::Burden)) {
    page +=
        "<h2 id=\"burden\">Who carries the burden?</h2>\n<p class=\"lead\">Each point is an ally: "
        "its economy (GDP) against the share of it spent on defence, in the first year (data) and "
        "the last simulated year. The Olson–Zeckhauser <i>exploitation hypothesis</i> says large "
        "allies carry a disproportionate share, so the rank correlation (Spearman's rho) between "
        "GDP and spending share would be positive.</p>\n";
    page += charts_of(charts, Section::Burden);
    page += allies_table(data);
  }
  if (has(charts, Section::UsShare)) {
    page += "<h2 id=\"us-share\">The US share of NATO spending</h2>\n";
    page += charts_of(charts, Section::UsShare);
  }
  if (has(charts, Section::Events)) {
    page +=
        "<h2 id=\"events\">Crises and deterrence failures</h2>\n<p class=\"lead\">A crisis is a "
        "Russian probe of a frontline ally; a deterrence failure is a probe the allies do not "
        "contain. The line is the share of runs in which it has happened by that year.</p>\n";
    page += charts_of(charts, Section::Events);
  }
  if (!data.comparison.empty()) page += comparison_section(data);
  if (data.sweep) {
    page += "<h2 id=\"sweep\">What drives the outcome (sweep)</h2>\n";
    page += charts_of(charts, Section::Sweep);
    if (!data.sweep->notes.empty()) {
      page += "<p class=\"note\">" + html_escaped(data.sweep->notes) + "</p>\n";
    }
    if (data.sweep->grid) page += grid_table(*data.sweep);
    if (!data.sweep->prim_box.empty()) page += prim_table(*data.sweep);
    if (data.sweep->prim_box.empty() && data.sweep->prim_note.empty()) {
      page += "<p class=\"note\">PRIM proposes no box for <code>" +
              html_escaped(data.sweep->prim_condition) +
              "</code>: no part of the factor space concentrates it more than the whole.</p>\n";
    }
    if (!data.sweep->prim_note.empty()) {
      page += "<p class=\"note\">" + html_escaped(data.sweep->prim_note) + "</p>\n";
    }
  }
  page +=
      "<p class=\"note\">Made by <code>rampart report</code>. Definitions of every chart and "
      "statistic: docs/report.md and docs/analysis.md in the Rampart repository.</p>\n";

  std::vector<report::PageChart> specs;
  specs.reserve(charts.size());
  for (const auto& c : charts) specs.push_back({c.id, c.spec});
  page += report::page_close(report::report_datasets_json(data), specs);
  return page;
}

}  // namespace rampart::analysis
