// forecast_page_html on a synthetic panel: one self-contained page (no http(s) address outside
// the inlined charting libraries, no external script or style), the datasets inlined (the scores
// chart's rows, one fan dataset per chosen forecast with the observed record), the tables and
// notes as given, escaped text, and refusals of fans that match nothing.

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "rampart/analysis/errors.hpp"
#include "rampart/analysis/forecast.hpp"
#include "rampart/analysis/forecast_page.hpp"
#include "rampart/analysis/forecast_scores.hpp"

namespace rampart::analysis {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The page without the bodies of <script> elements that are not JSON (the inlined libraries
// and the drawing code).
std::string without_code(const std::string& page) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const auto open = page.find("<script>", at);
    if (open == std::string::npos) break;
    out += page.substr(at, open - at);
    at = page.find("</script>", open);
    if (at == std::string::npos) return out;
  }
  return out + page.substr(at);
}

// Three states, 2014..2020, with trends of their own; NOR has 2017 missing.
Panel synthetic_panel() {
  Panel p;
  p.iso3 = {"POL", "DEU", "NOR"};
  p.first_year = 2014;
  p.years = 7;
  p.values = {0.0185, 0.0219, 0.0199, 0.0189,       0.0202, 0.0198, 0.0223,  //
              0.0119, 0.0119, 0.0120, 0.0120,       0.0124, 0.0136, 0.0152,  //
              0.0151, 0.0144, 0.0155, std::nan(""), 0.0172, 0.0185, 0.0200};
  return p;
}

struct Fixture {
  Panel panel = synthetic_panel();
  std::vector<ForecastEnsemble> ensembles;
  std::vector<Table> tables;
  Fixture() {
    for (const int origin : {2017, 2018}) {
      ensembles.push_back(trend_forecast(panel, origin, 2022, 50));
      ensembles.push_back(persistence_forecast(panel, origin, 2022, 50));
    }
    const auto by_origin = score_forecasts(panel, ensembles);
    tables.push_back(pooled_forecast_table(pool_forecast_scores(by_origin)));
    tables.push_back(forecast_skill_table(forecast_skill(by_origin, "trend")));
  }
};

TEST(ForecastPage, IsSelfContained) {
  const Fixture f;
  const std::string page = forecast_page_html(f.panel, f.ensembles, f.tables);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0U);
  EXPECT_NE(page.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
  EXPECT_EQ(count(page, "<script src"), 0U);
  EXPECT_EQ(count(page, "<link"), 0U);
  EXPECT_EQ(count(page, "@import"), 0U);
  EXPECT_NE(page.find(".vega={}"), std::string::npos);
  EXPECT_NE(page.find(".vegaLite={}"), std::string::npos);
  EXPECT_NE(page.find(".vegaEmbed="), std::string::npos);
  // Outside the libraries' code, no address a browser could fetch.
  const std::string rest = without_code(page);
  EXPECT_LT(rest.size(), page.size() / 4);
  EXPECT_EQ(count(rest, "http://"), 0U);
  EXPECT_EQ(count(rest, "https://"), 0U);
  EXPECT_EQ(count(rest, "url("), 0U);
  EXPECT_EQ(count(rest, "<img"), 0U);
}

TEST(ForecastPage, InlinesTheDatasetsAndOneContainerPerChart) {
  const Fixture f;
  ForecastPageOptions options;
  options.fans = {{"trend", 2018}, {"persistence", 2017}};
  options.fan_states = {"NOR", "POL"};
  const std::string page = forecast_page_html(f.panel, f.ensembles, f.tables, options);
  EXPECT_EQ(forecast_page_chart_count(f.panel, f.ensembles, options), 3);
  EXPECT_NE(page.find("data-charts-expected=\"3\""), std::string::npos);
  EXPECT_EQ(count(page, "<div class=\"chart\""), 3U);
  EXPECT_NE(page.find("id=\"forecast-scores\""), std::string::npos);
  EXPECT_NE(page.find("id=\"forecast-fan_1\""), std::string::npos);
  // The data: the pooled scores (two methods, horizons 1..3 scored from 2017 and 1..2 from
  // 2018 as the record ends in 2020, MAE and CRPS each) and the fans.
  EXPECT_NE(page.find("{\"scores\": ["), std::string::npos);
  EXPECT_NE(page.find("\"fan_0\": ["), std::string::npos);
  EXPECT_NE(page.find("\"fan_1\": ["), std::string::npos);
  EXPECT_EQ(count(page, "\"metric\": \"CRPS\""), 2U * 3U);
  // The observed record, shortest round-trip numbers; NOR's missing 2017 has no row.
  EXPECT_NE(page.find("{\"state\": \"POL\", \"year\": 2014, \"observed\": 0.0185, \"p05\": null"),
            std::string::npos);
  EXPECT_EQ(page.find("{\"state\": \"NOR\", \"year\": 2017"), std::string::npos);
  // The fan starts at the origin's observation: trend from 2018, NOR 2018 = 0.0172.
  EXPECT_NE(page.find("{\"state\": \"NOR\", \"year\": 2018, \"observed\": 0.0172, \"p05\": 0.0172, "
                      "\"p25\": 0.0172, \"p50\": 0.0172"),
            std::string::npos);
  // Years past the record carry the forecast only.
  EXPECT_NE(page.find("{\"state\": \"POL\", \"year\": 2022, \"observed\": null, \"p05\": 0."),
            std::string::npos);
  // Only the chosen states, in the chosen order.
  EXPECT_EQ(page.find("\"state\": \"DEU\""), std::string::npos);
  EXPECT_NE(page.find("\"sort\": [\"NOR\", \"POL\"]"), std::string::npos);
  // The 2 % line and the fitted y axes.
  EXPECT_NE(page.find("{\"datum\": 0.02}"), std::string::npos);
  EXPECT_NE(page.find("\"y\": \"independent\""), std::string::npos);
}

TEST(ForecastPage, ShowsTheTablesTitleAndNotesEscaped) {
  const Fixture f;
  ForecastPageOptions options;
  options.title = "Hindcast <2014>";
  options.notes = "Origins 2017 & 2018.";
  const std::string page = forecast_page_html(f.panel, f.ensembles, f.tables, options);
  EXPECT_NE(page.find("<title>Hindcast &lt;2014&gt;</title>"), std::string::npos);
  EXPECT_NE(page.find("<h1>Hindcast &lt;2014&gt;</h1>"), std::string::npos);
  EXPECT_NE(page.find("<p>Origins 2017 &amp; 2018.</p>"), std::string::npos);
  EXPECT_NE(page.find("<h3>Forecast scores by method and horizon, pooled over origins</h3>"),
            std::string::npos);
  EXPECT_NE(page.find("<h3>Forecast skill against the benchmarks</h3>"), std::string::npos);
  EXPECT_NE(page.find("<th>crps_ratio</th>"), std::string::npos);
  // Rows: one per method and horizon (3 of trend) in the pooled table, 3 in the skill table.
  EXPECT_EQ(count(page, "<tr><td>trend</td>"), 3U + 3U);
  // Default fans: the first ensemble (trend from 2017), every state.
  EXPECT_EQ(count(page, "<div class=\"chart\""), 2U);
  EXPECT_NE(page.find("Forecast 'trend' from 2017 against the record"), std::string::npos);
  EXPECT_NE(page.find("\"sort\": [\"POL\", \"DEU\", \"NOR\"]"), std::string::npos);
}

TEST(ForecastPage, LeavesOutTheScoresChartWithNothingToScore) {
  const Panel panel = synthetic_panel();
  const std::vector<ForecastEnsemble> ahead{persistence_forecast(panel, 2020, 2025, 20)};
  const std::string page = forecast_page_html(panel, ahead, {});
  EXPECT_EQ(forecast_page_chart_count(panel, ahead), 1);
  EXPECT_EQ(count(page, "<div class=\"chart\""), 1U);
  EXPECT_NE(page.find("No forecast year has an observation to score against."), std::string::npos);
}

TEST(ForecastPage, RefusesFansThatMatchNothing) {
  const Fixture f;
  ForecastPageOptions options;
  options.fans = {{"model", 2017}};
  EXPECT_THROW((void)forecast_page_html(f.panel, f.ensembles, f.tables, options), AnalysisError);
  options.fans = {{"trend", 2016}};
  EXPECT_THROW((void)forecast_page_html(f.panel, f.ensembles, f.tables, options), AnalysisError);
  options.fans = {};
  options.fan_states = {"FRA"};
  EXPECT_THROW((void)forecast_page_html(f.panel, f.ensembles, f.tables, options), AnalysisError);
}

}  // namespace
}  // namespace rampart::analysis
