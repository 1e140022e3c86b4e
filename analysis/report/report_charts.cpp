#include "report_charts.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>

#include "report_json.hpp"
#include "report_page.hpp"

namespace rampart::analysis::report {
namespace {

constexpr std::string_view kConfig = kChartConfig;

constexpr std::string_view kYearAxis =
    R"("x": {"field": "year", "type": "quantitative", "title": "year",
 "axis": {"format": "d", "tickMinStep": 1, "tickCount": 6, "labelOverlap": true}, "scale": {"nice": false, "zero": false}})";

std::string fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "n/a";
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.*f", decimals, value);
  return buffer.data();
}

// A row of a dataset: "key": value pairs written in the order given.
class Row {
 public:
  Row& text(std::string_view key, std::string_view value) {
    add(key, json_string(value));
    return *this;
  }
  Row& number(std::string_view key, double value) {
    add(key, json_number(value));
    return *this;
  }
  Row& integer(std::string_view key, long long value) {
    add(key, std::to_string(value));
    return *this;
  }
  [[nodiscard]] std::string json() const { return "{" + body_ + "}"; }

 private:
  void add(std::string_view key, const std::string& value) {
    if (!body_.empty()) body_ += ", ";
    body_ += json_string(key);
    body_ += ": ";
    body_ += value;
  }
  std::string body_;
};

std::string rows_json(const std::vector<Row>& rows) {
  std::string out = "[";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out += i == 0 ? "\n" : ",\n";
    out += rows[i].json();
  }
  return out + "]";
}

std::vector<Row> band_rows(const std::vector<QuantileBand>& bands) {
  std::vector<Row> rows;
  rows.reserve(bands.size());
  for (const auto& b : bands) {
    rows.push_back(Row{}
                       .text("scenario", b.scenario)
                       .text("series", b.series)
                       .integer("year", b.year)
                       .number("p05", b.p05)
                       .number("p25", b.p25)
                       .number("p50", b.p50)
                       .number("p75", b.p75)
                       .number("p95", b.p95));
  }
  return rows;
}

// Tooltip fields of a quantile band; `quartiles`: the band has the 25th and 75th percentiles.
std::string band_tooltip(std::string_view format, bool quartiles) {
  const std::string f = json_string(format);
  const auto field = [&](std::string_view name, std::string_view label) {
    return ",\n {\"field\": \"" + std::string(name) +
           "\", \"type\": \"quantitative\", \"title\": \"" + std::string(label) +
           "\", \"format\": " + f + "}";
  };
  std::string out =
      R"([{"field": "scenario", "type": "nominal"},
 {"field": "year", "type": "quantitative", "format": "d"})";
  out += field("p50", "median");
  if (quartiles) {
    out += field("p25", "25th percentile");
    out += field("p75", "75th percentile");
  }
  out += field("p05", "5th percentile");
  out += field("p95", "95th percentile");
  return out + "]";
}

// The opening of a chart's specification with its title and subtitle lines.
std::string open_spec(std::string_view text, const std::vector<std::string>& subtitle) {
  std::string out = "{\"title\": {\"text\": ";
  out += json_string(text);
  out += ", \"subtitle\": ";
  out += json_string_list(subtitle);
  out += "}";
  return out;
}

// The fan's reference lines named at the right end, under the 2 % line and over the 3.5 % one,
// and the Hague target year marked when the chart runs past it: a reader need not match line
// styles with the subtitle.
std::string guideline_labels(const ReportData& data) {
  constexpr int kHagueTargetYear = 2035;
  const std::string last = std::to_string(data.run.horizon);
  const auto label = [&](const char* share, const char* baseline, const char* text) {
    return std::string(R"(,
   {"mark": {"type": "text", "align": "right", "baseline": ")") +
           baseline + R"(", "dx": -3, "dy": )" +
           (std::string_view(baseline) == "top" ? "2" : "-2") +
           R"(, "fontSize": 9.5, "color": "#333333"},
    "encoding": {"x": {"datum": )" +
           last + R"(}, "y": {"datum": )" + share + R"(}, "text": {"value": ")" + text + R"("}}})";
  };
  std::string out = label("0.02", "top", "2 % guideline") +
                    label("0.035", "bottom", "3.5 % core by 2035 (Hague)");
  if (data.run.first_year < kHagueTargetYear && data.run.horizon > kHagueTargetYear) {
    out += R"(,
   {"mark": {"type": "rule", "strokeDash": [2, 2], "color": "#999999"},
    "encoding": {"x": {"datum": )" +
           std::to_string(kHagueTargetYear) + R"(}}})";
  }
  return out;
}

// Fan chart of one series (a country group): one small panel per scenario.
std::string fan_chart(const ReportData& data, const std::string& series, int columns) {
  const std::string runs = std::to_string(data.run.runs);
  return open_spec(series + ": defence spending as a share of GDP",
                   {"Line: median over " + runs +
                        " runs; dark band: middle 50 % of runs; light band: 90 % of runs.",
                    "Core defence spending of the group over the group's GDP (GDP-weighted).",
                    "Dashed line: NATO's 2 % guideline; dotted: the Hague target, 3.5 % core "
                    "spending by 2035."}) +
         R"(,
 "data": {"name": "spending_share"},
 "transform": [{"filter": {"field": "series", "equal": )" +
         json_string(series) + R"(}}],
 "facet": {"field": "scenario", "type": "nominal", "title": null, "sort": )" +
         json_string_list(data.run.scenarios) + R"(},
 "columns": )" +
         std::to_string(columns) + R"(,
 "spec": {"width": 230, "height": 160,
  "layer": [
   {"mark": {"type": "area"},
    "encoding": {)" +
         std::string(kYearAxis) +
         R"(, "y": {"field": "p05", "type": "quantitative", "title": "defence spending, % of GDP",
                       "axis": {"format": ".1%"}},
                 "y2": {"field": "p95"},
                 "color": {"datum": "90 % of runs", "title": null,
                           "scale": {"domain": ["90 % of runs", "50 % of runs", "median"],
                                     "range": ["#c6dbef", "#6baed6", "#08306b"]}}}},
   {"mark": {"type": "area"},
    "encoding": {)" +
         std::string(kYearAxis) +
         R"(, "y": {"field": "p25", "type": "quantitative"}, "y2": {"field": "p75"},
                 "color": {"datum": "50 % of runs"}}},
   {"mark": {"type": "line", "strokeWidth": 2, "point": {"size": 16}},
    "encoding": {)" +
         std::string(kYearAxis) +
         R"(, "y": {"field": "p50", "type": "quantitative"}, "color": {"datum": "median"},
                 "tooltip": )" +
         band_tooltip(".2%", true) + R"(}},
   {"mark": {"type": "rule", "strokeDash": [5, 4], "color": "#555555"},
    "encoding": {"y": {"datum": 0.02}}},
   {"mark": {"type": "rule", "strokeDash": [1, 3], "strokeWidth": 1.5, "color": "#555555"},
    "encoding": {"y": {"datum": 0.035}}})" +
         guideline_labels(data) + R"(
  ]},
 "resolve": {"scale": {"y": "shared"}},
 )" + std::string(kConfig) +
         "}";
}

// The medians of every scenario overlaid, one panel per group, the y axis fitted to them: a
// difference of a tenth of a point that separate fans from 0 hide shows here.
std::string medians_chart(const ReportData& data) {
  return open_spec(
             "The scenarios' medians together: defence spending as a share of GDP",
             {"Line: median over " + std::to_string(data.run.runs) +
                  " runs of each scenario (the fans' dark lines), in one panel per group.",
              "The vertical axis starts near the values, not at 0, to show small differences."}) +
         R"(,
 "data": {"name": "spending_share"},
 "facet": {"field": "series", "type": "nominal", "title": null, "sort": ["US", "NATO-Europe", "EU", "frontline"]},
 "columns": 4,
 "spec": {"width": 205, "height": 180,
  "mark": {"type": "line", "strokeWidth": 2, "point": {"size": 14}},
  "encoding": {)" +
         std::string(kYearAxis) + R"(,
   "y": {"field": "p50", "type": "quantitative", "title": "median defence spending, % of GDP",
         "axis": {"format": ".2%"}, "scale": {"zero": false}},
   "color": {"field": "scenario", "type": "nominal", "title": "scenario", "sort": )" +
         json_string_list(data.run.scenarios) + R"(},
   "strokeDash": {"field": "scenario", "type": "nominal", "legend": null, "sort": )" +
         json_string_list(data.run.scenarios) + R"(},
   "tooltip": )" +
         band_tooltip(".2%", true) + R"(}},
 "resolve": {"scale": {"y": "independent"}},
 )" + std::string(kConfig) +
         "}";
}

std::vector<std::string> rank_correlation_lines(const ReportData& data) {
  std::map<int, std::vector<const RankCorrelationSummary*>> by_year;
  for (const auto& r : data.olson_zeckhauser) by_year[r.year].push_back(&r);
  std::vector<std::string> lines;
  for (const auto& [year, rows] : by_year) {
    std::set<std::string> values;
    for (const auto* r : rows) values.insert(fixed(r->rho, 2));
    std::string line = "Olson-Zeckhauser test, Spearman rho of GDP and share across allies, " +
                       std::to_string(year) + ": ";
    if (values.size() == 1) {
      line += "rho = " + *values.begin();
    } else {
      for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i > 0) line += "; ";
        line += rows[i]->scenario + " " + fixed(rows[i]->rho, 2);
      }
    }
    lines.push_back(line);
  }
  lines.emplace_back(
      "Rho and points: medians over runs. Dashed line: the NATO 2 % guideline. Labelled: the "
      "large allies and those at 3 % or more in the last year; the table below lists every ally.");
  return lines;
}

std::string scatter_chart(const ReportData& data) {
  return open_spec("Who carries the burden: GDP against defence spending share, per ally",
                   rank_correlation_lines(data)) +
         R"(,
 "data": {"name": "allies"},
 "facet": {"field": "scenario", "type": "nominal", "title": null, "sort": )" +
         json_string_list(data.run.scenarios) + R"(},
 "columns": 2,
 "spec": {"width": 440, "height": 200,
  "layer": [
   {"mark": {"type": "point", "filled": true, "size": 50, "opacity": 0.8},
    "encoding": {
     "x": {"field": "gdp", "type": "quantitative", "scale": {"type": "log"},
           "axis": {"values": [10, 30, 100, 300, 1000, 3000, 10000, 30000], "format": ",.0f"},
           "title": "GDP, USD bn (constant 2024), log scale"},
     "y": {"field": "spending_share", "type": "quantitative", "title": "defence spending, % of GDP",
           "axis": {"format": ".1%"}},
     "color": {"field": "year", "type": "nominal", "title": "year",
               "scale": {"range": ["#6baed6", "#d94801"]}},
     "shape": {"field": "year", "type": "nominal", "title": "year"},
     "tooltip": [{"field": "name", "type": "nominal", "title": "ally"},
                 {"field": "year", "type": "nominal"},
                 {"field": "gdp", "type": "quantitative", "title": "GDP, USD bn", "format": ",.0f"},
                 {"field": "spending_share", "type": "quantitative", "title": "defence share",
                  "format": ".2%"}]}},
   {"mark": {"type": "text", "align": "left", "dx": 5, "fontSize": 9, "color": "#333333"},
    "transform": [{"filter": )" +
         json_string("datum.year == " + std::to_string(data.run.horizon) +
                     " && (datum.spending_share >= 0.03 || datum.gdp >= 1500)") +
         R"(}],
    "encoding": {
     "x": {"field": "gdp", "type": "quantitative", "scale": {"type": "log"}},
     "y": {"field": "spending_share", "type": "quantitative"},
     "text": {"field": "country", "type": "nominal"}}},
   {"mark": {"type": "rule", "strokeDash": [5, 4], "color": "#555555"},
    "encoding": {"y": {"datum": 0.02}}}
  ]},
 )" + std::string(kConfig) +
         "}";
}

std::string us_share_chart(const ReportData& data) {
  return open_spec("US share of NATO defence spending",
                   {"US core defence spending over all allies' core defence spending.",
                    "Line: median over " + std::to_string(data.run.runs) +
                        " runs; band: 90 % of runs."}) +
         R"(,
 "data": {"name": "us_share_nato"},
 "width": 640, "height": 300,
 "encoding": {)" +
         std::string(kYearAxis) + R"(,
  "color": {"field": "scenario", "type": "nominal", "title": "scenario", "sort": )" +
         json_string_list(data.run.scenarios) + R"(}},
 "layer": [
  {"mark": {"type": "area", "opacity": 0.15},
   "encoding": {"y": {"field": "p05", "type": "quantitative", "title": "US share of NATO spending",
                      "axis": {"format": ".0%"}, "scale": {"zero": false}},
                "y2": {"field": "p95"}}},
  {"mark": {"type": "line", "strokeWidth": 2, "point": {"size": 20}},
   "encoding": {"y": {"field": "p50", "type": "quantitative"},
                "strokeDash": {"field": "scenario", "type": "nominal", "legend": null, "sort": )" +
         json_string_list(data.run.scenarios) + R"(},
                "tooltip": )" +
         band_tooltip(".1%", false) + R"(}}
 ],
 )" + std::string(kConfig) +
         "}";
}

std::string events_chart(const ReportData& data) {
  return open_spec(
             "Probability of a crisis and of a deterrence failure, by year",
             {"Line: share of the " + std::to_string(data.run.runs) +
                  " runs in which it has happened by that year (a probability); band: the 95 % "
                  "confidence interval of that share (Wilson's).",
              "Crisis: Russia probes a frontline ally. Deterrence failure: the allies fail "
              "to contain a probe."}) +
         R"(,
 "data": {"name": "events"},
 "facet": {"field": "event", "type": "nominal", "title": null},
 "columns": 2,
 "spec": {"width": 420, "height": 250,
  "encoding": {)" +
         std::string(kYearAxis) + R"(,
   "color": {"field": "scenario", "type": "nominal", "title": "scenario", "sort": )" +
         json_string_list(data.run.scenarios) + R"(}},
  "layer": [
   {"mark": {"type": "area", "opacity": 0.15},
    "encoding": {"y": {"field": "lower", "type": "quantitative", "title": "probability",
                       "axis": {"format": ".0%"}},
                 "y2": {"field": "upper"}}},
   {"mark": {"type": "line", "strokeWidth": 2, "point": {"size": 20}},
    "encoding": {"y": {"field": "estimate", "type": "quantitative"},
                 "strokeDash": {"field": "scenario", "type": "nominal", "legend": null, "sort": )" +
         json_string_list(data.run.scenarios) + R"(},
                 "tooltip": [{"field": "scenario", "type": "nominal"},
                             {"field": "event", "type": "nominal"},
                             {"field": "year", "type": "quantitative", "format": "d"},
                             {"field": "estimate", "type": "quantitative", "title": "probability",
                              "format": ".1%"},
                             {"field": "lower", "type": "quantitative", "title": "95 % interval from",
                              "format": ".1%"},
                             {"field": "upper", "type": "quantitative", "title": "95 % interval to",
                              "format": ".1%"}]}}
  ]},
 "resolve": {"scale": {"y": "independent"}},
 )" + std::string(kConfig) +
         "}";
}

std::string sensitivity_chart(const SweepAnalysis& sweep) {
  // Factors sorted by their largest index, most influential first.
  std::map<std::string, double> largest;
  bool has_interval = false;
  for (const auto& b : sweep.bars) {
    auto [it, inserted] = largest.emplace(b.factor, b.estimate);
    if (!inserted) it->second = std::max(it->second, b.estimate);
    has_interval = has_interval || (std::isfinite(b.lower) && std::isfinite(b.upper));
  }
  std::vector<std::string> order;
  order.reserve(largest.size());
  for (const auto& [factor, value] : largest) order.push_back(factor);
  std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) {
    return largest.at(a) > largest.at(b);
  });
  std::vector<std::string> subtitle{sweep.method + " indices of " + sweep.outcome + "."};
  if (has_interval) subtitle.emplace_back("Thin lines: 95 % bootstrap intervals.");
  std::string spec = open_spec("What drives " + sweep.outcome, subtitle) + R"(,
 "data": {"name": "sensitivity"},
 "width": 520, "height": {"step": 14},
 "encoding": {"y": {"field": "factor", "type": "nominal", "title": "factor", "sort": )" +
                     json_string_list(order) + R"(},
  "yOffset": {"field": "index", "type": "nominal"},
  "color": {"field": "index", "type": "nominal", "title": "index"}},
 "layer": [
  {"mark": {"type": "bar"},
   "encoding": {"x": {"field": "estimate", "type": "quantitative",
                      "title": )" +
                     json_string(sweep.method == "Sobol"
                                     ? "Sobol index: share of the outcome's variance explained"
                                     : "standardised regression coefficient (signed, -1 to 1)") +
                     R"(},
                "tooltip": [{"field": "factor", "type": "nominal"},
                            {"field": "index", "type": "nominal"},
                            {"field": "estimate", "type": "quantitative", "format": ".3f"},
                            {"field": "lower", "type": "quantitative", "title": "interval from", "format": ".3f"},
                            {"field": "upper", "type": "quantitative", "title": "interval to", "format": ".3f"}]}})";
  if (has_interval) {
    spec += R"(,
  {"mark": {"type": "rule", "color": "#222222", "strokeWidth": 1.5},
   "encoding": {"x": {"field": "lower", "type": "quantitative"}, "x2": {"field": "upper"}}})";
  }
  return spec + R"(
 ],
 )" + std::string(kConfig) +
         "}";
}

std::string prim_chart(const SweepAnalysis& sweep) {
  return open_spec(
             "Scenario discovery (PRIM): the peeling trajectory",
             {"Each point is a box in the factor space, peeled from all runs (step 0) inwards.",
              "Coverage: share of the cases (" + sweep.prim_condition +
                  ") inside the box; density: share of runs inside that are cases."}) +
         R"(,
 "data": {"name": "prim_trajectory"},
 "width": 420, "height": 280,
 "mark": {"type": "line", "point": {"size": 30}},
 "encoding": {
  "x": {"field": "coverage", "type": "quantitative", "title": "coverage", "axis": {"format": ".0%"}},
  "y": {"field": "density", "type": "quantitative", "title": "density", "axis": {"format": ".0%"}},
  "order": {"field": "step", "type": "quantitative"},
  "tooltip": [{"field": "step", "type": "quantitative"},
              {"field": "coverage", "type": "quantitative", "format": ".1%"},
              {"field": "density", "type": "quantitative", "format": ".1%"},
              {"field": "support", "type": "quantitative", "title": "share of runs in box", "format": ".1%"}]},
 )" + std::string(kConfig) +
         "}";
}

std::vector<std::string> series_in_order(const std::vector<QuantileBand>& bands) {
  std::vector<std::string> order;
  for (const auto& b : bands) {
    if (std::find(order.begin(), order.end(), b.series) == order.end()) order.push_back(b.series);
  }
  return order;
}

}  // namespace

std::string report_datasets_json(const ReportData& data) {
  std::vector<std::pair<std::string, std::vector<Row>>> sets;
  sets.emplace_back("spending_share", band_rows(data.spending_share));
  sets.emplace_back("us_share_nato", band_rows(data.us_share_nato));
  std::vector<Row> allies;
  for (const auto& a : data.allies) {
    allies.push_back(Row{}
                         .text("scenario", a.scenario)
                         .text("country", a.country)
                         .text("name", a.name)
                         .integer("year", a.year)
                         .number("gdp", a.gdp)
                         .number("spending_share", a.spending_share));
  }
  sets.emplace_back("allies", std::move(allies));
  std::vector<Row> events;
  for (const auto& e : data.events) {
    events.push_back(Row{}
                         .text("scenario", e.scenario)
                         .text("event", e.event)
                         .integer("year", e.year)
                         .number("estimate", e.estimate)
                         .number("lower", e.lower)
                         .number("upper", e.upper));
  }
  sets.emplace_back("events", std::move(events));
  std::vector<Row> bars;
  std::vector<Row> trajectory;
  if (data.sweep) {
    for (const auto& b : data.sweep->bars) {
      bars.push_back(Row{}
                         .text("factor", b.factor)
                         .text("index", b.index)
                         .number("estimate", b.estimate)
                         .number("lower", b.lower)
                         .number("upper", b.upper));
    }
    for (const auto& p : data.sweep->prim_trajectory) {
      trajectory.push_back(Row{}
                               .integer("step", p.step)
                               .number("coverage", p.coverage)
                               .number("density", p.density)
                               .number("support", p.support));
    }
  }
  sets.emplace_back("sensitivity", std::move(bars));
  sets.emplace_back("prim_trajectory", std::move(trajectory));

  std::string out = "{";
  for (std::size_t i = 0; i < sets.size(); ++i) {
    if (i > 0) out += ",\n";
    out += json_string(sets[i].first) + ": " + rows_json(sets[i].second);
  }
  return out + "}";
}

std::vector<Chart> report_charts(const ReportData& data) {
  std::vector<Chart> charts;
  const auto add = [&](Section section, std::string spec) {
    charts.push_back({"chart-" + std::to_string(charts.size() + 1), section, std::move(spec)});
  };
  const int columns = static_cast<int>(std::min<std::size_t>(4, data.run.scenarios.size()));
  for (const auto& series : series_in_order(data.spending_share)) {
    add(Section::Spending, fan_chart(data, series, std::max(columns, 1)));
  }
  if (data.run.scenarios.size() > 1 && !data.spending_share.empty()) {
    add(Section::Spending, medians_chart(data));
  }
  if (!data.allies.empty()) add(Section::Burden, scatter_chart(data));
  if (!data.us_share_nato.empty()) add(Section::UsShare, us_share_chart(data));
  if (!data.events.empty()) add(Section::Events, events_chart(data));
  if (data.sweep) {
    if (!data.sweep->bars.empty()) add(Section::Sweep, sensitivity_chart(*data.sweep));
    // The trajectory only when PRIM found a box: without one it shows nothing to act on.
    if (!data.sweep->prim_trajectory.empty() && !data.sweep->prim_box.empty()) {
      add(Section::Sweep, prim_chart(*data.sweep));
    }
  }
  return charts;
}

}  // namespace rampart::analysis::report
