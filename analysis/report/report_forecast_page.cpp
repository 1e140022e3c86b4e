// The forecast validation page (forecast_page.hpp) in the report's frame (report_page.hpp).

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "rampart/analysis/errors.hpp"
#include "rampart/analysis/forecast_page.hpp"
#include "rampart/stats/descriptive.hpp"
#include "report_json.hpp"
#include "report_page.hpp"

namespace rampart::analysis {
namespace {

using report::html_escaped;
using report::json_number;
using report::json_string;
using report::json_string_list;

std::string percent(double share, int decimals) {
  if (!std::isfinite(share)) return "n/a";
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.*f %%", decimals, share * 100.0);
  return buffer.data();
}

std::string cell_text(const Cell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return html_escaped(*text);
  if (const auto* integer = std::get_if<std::int64_t>(&cell)) return std::to_string(*integer);
  if (const auto* number = std::get_if<double>(&cell)) {
    if (!std::isfinite(*number)) return "–";
    std::array<char, 32> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%.4g", *number);
    return buffer.data();
  }
  return "";
}

std::string table_html(const Table& table) {
  std::string out = "<h3>" + html_escaped(table.title()) +
                    "</h3>\n<div style=\"overflow-x: auto\">\n<table>\n<tr>";
  for (const auto& c : table.columns()) out += "<th>" + html_escaped(c) + "</th>";
  out += "</tr>\n";
  for (const auto& row : table.rows()) {
    out += "<tr>";
    for (const auto& cell : row) {
      const bool text = std::holds_alternative<std::string>(cell);
      out += text ? "<td>" : "<td class=\"num\">";
      out += cell_text(cell) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</table>\n</div>\n";
  for (const auto& note : table.notes())
    out += "<p class=\"note\">" + html_escaped(note) + "</p>\n";
  return out;
}

const ForecastEnsemble& find_ensemble(const std::vector<ForecastEnsemble>& ensembles,
                                      const FanChoice& choice) {
  for (const auto& e : ensembles) {
    if (e.method == choice.method && e.origin == choice.origin) return e;
  }
  throw AnalysisError("no forecast '" + choice.method + "' from " + std::to_string(choice.origin) +
                      " to draw as a fan");
}

std::vector<FanChoice> fan_choices(const std::vector<ForecastEnsemble>& ensembles,
                                   const ForecastPageOptions& options) {
  if (!options.fans.empty()) return options.fans;
  if (ensembles.empty()) return {};
  return {{ensembles.front().method, ensembles.front().origin}};
}

std::vector<int> fan_state_indices(const Panel& panel, const ForecastPageOptions& options) {
  std::vector<int> out;
  if (options.fan_states.empty()) {
    for (int s = 0; s < panel.states(); ++s) out.push_back(s);
    return out;
  }
  for (const auto& iso : options.fan_states) {
    const auto at = std::find(panel.iso3.begin(), panel.iso3.end(), iso);
    if (at == panel.iso3.end()) throw AnalysisError("no state '" + iso + "' in the panel");
    out.push_back(static_cast<int>(at - panel.iso3.begin()));
  }
  return out;
}

// Rows of one fan chart: every state and year of the panel and the forecast, with the observed
// value and, from the origin on, the members' 5th, 25th, 50th, 75th and 95th percentiles (at the
// origin itself the observation, so the fan starts from the last observed point).
std::string fan_rows(const Panel& panel, const ForecastEnsemble& e,
                     const std::vector<int>& states) {
  std::string out = "[";
  bool first = true;
  const int from = std::min(panel.first_year, e.origin);
  const int to = std::max(panel.last_year(), e.last_year());
  std::vector<double> sorted;
  for (const int s : states) {
    for (int year = from; year <= to; ++year) {
      const double observed = panel.at(s, year);
      std::array<double, 5> q{};
      q.fill(std::numeric_limits<double>::quiet_NaN());
      if (year == e.origin) {
        q.fill(observed);
      } else if (year >= e.first_year && year <= e.last_year()) {
        sorted = e.members(s, year);
        if (std::none_of(sorted.begin(), sorted.end(), [](double v) { return std::isnan(v); })) {
          std::sort(sorted.begin(), sorted.end());
          const std::array<double, 5> p{0.05, 0.25, 0.5, 0.75, 0.95};
          for (std::size_t i = 0; i < p.size(); ++i) q[i] = stats::quantile_sorted(sorted, p[i]);
        }
      }
      if (std::isnan(observed) && std::isnan(q[2])) continue;
      out += first ? "\n" : ",\n";
      first = false;
      out += "{\"state\": " + json_string(panel.iso3[s]) + ", \"year\": " + std::to_string(year) +
             ", \"observed\": " + json_number(observed) + ", \"p05\": " + json_number(q[0]) +
             ", \"p25\": " + json_number(q[1]) + ", \"p50\": " + json_number(q[2]) +
             ", \"p75\": " + json_number(q[3]) + ", \"p95\": " + json_number(q[4]) + "}";
    }
  }
  return out + "]";
}

std::string score_rows(const std::vector<ForecastScore>& pooled) {
  std::string out = "[";
  bool first = true;
  for (const auto& r : pooled) {
    for (const auto& [metric, value] :
         {std::pair<std::string_view, double>{"MAE of the median", r.mae}, {"CRPS", r.crps}}) {
      out += first ? "\n" : ",\n";
      first = false;
      out +=
          "{\"method\": " + json_string(r.method) + ", \"horizon\": " + std::to_string(r.horizon) +
          ", \"metric\": " + json_string(metric) + ", \"value\": " + json_number(value) +
          ", \"n\": " + std::to_string(r.n) + ", \"origins\": " + std::to_string(r.origins) + "}";
    }
  }
  return out + "]";
}

std::string scores_chart(const std::vector<std::string>& methods) {
  return R"({"title": {"text": "Forecast error by horizon, pooled over origins",
  "subtitle": ["Lower is better. MAE: mean absolute error of the ensemble median; CRPS: continuous ranked probability score, which also rewards honest spread; for a point forecast it equals the MAE.",
               "Both in percentage points of GDP; horizon: years after the last observed year."]},
 "data": {"name": "scores"},
 "facet": {"column": {"field": "metric", "type": "nominal", "title": null, "sort": ["MAE of the median", "CRPS"]}},
 "spec": {"width": 380, "height": 230,
  "mark": {"type": "line", "point": {"size": 40}, "strokeWidth": 2},
  "encoding": {
   "x": {"field": "horizon", "type": "quantitative", "title": "horizon in years",
         "axis": {"format": "d", "tickMinStep": 1}, "scale": {"nice": false, "zero": false}},
   "y": {"field": "value", "type": "quantitative", "title": "percentage points of GDP",
         "axis": {"format": ".2~%"}},
   "color": {"field": "method", "type": "nominal", "title": "method", "sort": )" +
         json_string_list(methods) + R"(},
   "tooltip": [{"field": "method", "type": "nominal"}, {"field": "metric", "type": "nominal"},
               {"field": "horizon", "type": "quantitative"},
               {"field": "value", "type": "quantitative", "format": ".3%"},
               {"field": "n", "type": "quantitative", "title": "observations"},
               {"field": "origins", "type": "quantitative"}]}},
 "resolve": {"scale": {"y": "shared"}},
 )" + std::string(report::kChartConfig) +
         "}";
}

std::string fan_chart(const std::string& dataset, const FanChoice& choice,
                      const std::vector<std::string>& states, int columns, double reference,
                      int runs) {
  // The x encoding is given per layer: the reference rule has none, so it spans the panel.
  const std::string x =
      R"("x": {"field": "year", "type": "quantitative", "title": null,
  "axis": {"format": "d", "tickMinStep": 1, "tickCount": 5, "labelOverlap": true},
  "scale": {"nice": false, "zero": false}})";
  return "{\"title\": {\"text\": " +
         json_string("Forecast '" + choice.method + "' from " + std::to_string(choice.origin) +
                     " against the record: defence spending, share of GDP") +
         ", \"subtitle\": " +
         json_string_list({"Light band: 90 % of the " + std::to_string(runs) +
                               " members; dark band: the middle 50 %; blue line: the median. Black "
                               "line and dots: observed. Red dashes: " +
                               percent(reference, 1) + " of GDP.",
                           "The fan starts at the last observation it conditions on (" +
                               std::to_string(choice.origin) +
                               "); each state has its own y axis, not forced to start at zero."}) +
         R"(},
 "data": {"name": )" +
         json_string(dataset) + R"(},
 "facet": {"field": "state", "type": "nominal", "title": null, "sort": )" +
         json_string_list(states) + R"(},
 "columns": )" +
         std::to_string(columns) + R"(,
 "spec": {"width": 135, "height": 105,
  "layer": [
   {"mark": {"type": "area", "color": "#c6dbef"},
    "encoding": {)" +
         x + R"(,
                 "y": {"field": "p05", "type": "quantitative", "title": null,
                       "axis": {"format": ".1%", "tickCount": 4}, "scale": {"zero": false}},
                 "y2": {"field": "p95"}}},
   {"mark": {"type": "area", "color": "#6baed6"},
    "encoding": {)" +
         x + R"(, "y": {"field": "p25", "type": "quantitative"}, "y2": {"field": "p75"}}},
   {"mark": {"type": "line", "color": "#08306b", "strokeWidth": 1.5},
    "encoding": {)" +
         x + R"(, "y": {"field": "p50", "type": "quantitative"},
                 "tooltip": [{"field": "state", "type": "nominal"}, {"field": "year", "type": "quantitative"},
                             {"field": "p50", "type": "quantitative", "title": "median", "format": ".2%"},
                             {"field": "p05", "type": "quantitative", "title": "5th percentile", "format": ".2%"},
                             {"field": "p95", "type": "quantitative", "title": "95th percentile", "format": ".2%"}]}},
   {"mark": {"type": "rule", "color": "#c0392b", "strokeDash": [4, 3], "strokeWidth": 1},
    "encoding": {"y": {"datum": )" +
         json_number(reference) + R"(}}},
   {"mark": {"type": "line", "color": "#111111", "strokeWidth": 1.5, "point": {"size": 14, "color": "#111111"}},
    "encoding": {)" +
         x + R"(, "y": {"field": "observed", "type": "quantitative"},
                 "tooltip": [{"field": "state", "type": "nominal"}, {"field": "year", "type": "quantitative"},
                             {"field": "observed", "type": "quantitative", "format": ".2%"}]}}
  ]},
 "resolve": {"scale": {"y": "independent"}},
 )" + std::string(report::kChartConfig) +
         "}";
}

struct PageParts {
  std::vector<ForecastScore> pooled;
  std::vector<std::string> methods;
  std::vector<FanChoice> fans;
  std::vector<const ForecastEnsemble*> fan_ensembles;
};

PageParts page_parts(const Panel& panel, const std::vector<ForecastEnsemble>& ensembles,
                     const ForecastPageOptions& options) {
  PageParts parts;
  parts.pooled = pool_forecast_scores(score_forecasts(panel, ensembles, options.scores));
  for (const auto& e : ensembles) {
    if (std::find(parts.methods.begin(), parts.methods.end(), e.method) == parts.methods.end()) {
      parts.methods.push_back(e.method);
    }
  }
  parts.fans = fan_choices(ensembles, options);
  for (const auto& f : parts.fans) parts.fan_ensembles.push_back(&find_ensemble(ensembles, f));
  return parts;
}

}  // namespace

int forecast_page_chart_count(const Panel& panel, const std::vector<ForecastEnsemble>& ensembles,
                              const ForecastPageOptions& options) {
  const auto parts = page_parts(panel, ensembles, options);
  return (parts.pooled.empty() ? 0 : 1) + static_cast<int>(parts.fans.size());
}

std::string forecast_page_html(const Panel& panel, const std::vector<ForecastEnsemble>& ensembles,
                               const std::vector<Table>& tables,
                               const ForecastPageOptions& options) {
  const auto parts = page_parts(panel, ensembles, options);
  const auto states = fan_state_indices(panel, options);
  std::vector<std::string> state_names;
  state_names.reserve(states.size());
  for (const int s : states) state_names.push_back(panel.iso3[s]);
  const int columns = std::max(1, options.fan_columns);

  std::vector<report::PageChart> charts;
  std::string datasets = "{\"scores\": " + score_rows(parts.pooled);
  if (!parts.pooled.empty()) charts.push_back({"forecast-scores", scores_chart(parts.methods)});
  for (std::size_t i = 0; i < parts.fans.size(); ++i) {
    const std::string name = "fan_" + std::to_string(i);
    datasets += ",\n\"" + name + "\": " + fan_rows(panel, *parts.fan_ensembles[i], states);
    charts.push_back(
        {"forecast-" + name, fan_chart(name, parts.fans[i], state_names, columns, options.reference,
                                       parts.fan_ensembles[i]->runs)});
  }
  datasets += "}";

  std::string page = report::page_open(options.title, charts.size());
  page += "<h1>" + html_escaped(options.title) + "</h1>\n";
  page +=
      "<p class=\"lead\">Out-of-sample forecasts of defence spending as a share of GDP, "
      "scored against the observed record of " +
      std::to_string(panel.states()) + " states, " + std::to_string(panel.first_year) + "–" +
      std::to_string(panel.last_year()) +
      ". Every forecast conditions only on the years up to its origin; the benchmarks "
      "(persistence, a per-state linear trend) are built from the record alone.</p>\n";
  if (!options.notes.empty()) page += "<p>" + html_escaped(options.notes) + "</p>\n";
  page += "<h2 id=\"scores\">Scores by horizon</h2>\n";
  if (parts.pooled.empty()) {
    page += "<p class=\"note\">No forecast year has an observation to score against.</p>\n";
  } else {
    page += "<div class=\"chart\" id=\"forecast-scores\"></div>\n";
  }
  for (const auto& t : tables) page += table_html(t);
  if (!parts.fans.empty()) {
    page +=
        "<h2 id=\"fans\">Forecasts against the record</h2>\n<p class=\"lead\">How to read a "
        "fan: if the forecast is calibrated, the black line leaves the light band in about "
        "one year in ten and the dark band in one year in two.</p>\n";
    for (std::size_t i = 0; i < parts.fans.size(); ++i) {
      page += "<div class=\"chart\" id=\"forecast-fan_" + std::to_string(i) + "\"></div>\n";
    }
  }
  page +=
      "<p class=\"note\">Definitions of every score and benchmark: docs/analysis.md "
      "(\"Forecast scoring\") in the Rampart repository.</p>\n";
  page += report::page_close(datasets, charts);
  return page;
}

}  // namespace rampart::analysis
