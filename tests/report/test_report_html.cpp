// render_report_html on hand-made data: a self-contained page (no fetch can leave it), one
// container per chart, the data inlined, text escaped, and sections left out when empty.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "rampart/report/report.hpp"

namespace {

using rampart::analysis::ReportData;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

ReportData sample_data() {
  ReportData d;
  d.run.file = "results.h5";
  d.run.command = "rampart run baseline us_disengagement --runs 10 --seed 7 --horizon 2026";
  d.run.scenario_dim = "scenario";
  d.run.scenarios = {"baseline", "us_disengagement"};
  d.run.runs = 10;
  d.run.seed = 7;
  d.run.first_year = 2024;
  d.run.horizon = 2026;
  d.run.rampart_version = "0.1.0";
  d.run.git_sha = "abc";
  d.run.created = "2026-01-01T00:00:00Z";
  d.baseline = "baseline";
  for (const auto& s : d.run.scenarios) {
    for (int year = 2024; year <= 2026; ++year) {
      for (const char* group : {"US", "NATO-Europe", "EU", "frontline"}) {
        d.spending_share.push_back({s, group, year, 0.01, 0.015, 0.02, 0.025, 0.03});
      }
      d.us_share_nato.push_back({s, "US share of NATO spending", year, 0.6, NAN, 0.65, NAN, 0.7});
      if (year > 2024) {
        d.events.push_back({s, "crisis", year, 0.2, 0.1, 0.3});
        d.events.push_back({s, "deterrence failure", year, 0.0, 0.0, 0.05});
      }
    }
    d.allies.push_back({s, "DEU", "Germany", 2024, 4500.0, 0.0213});
    d.allies.push_back({s, "DEU", "Germany", 2026, 4600.0, 0.025});
    d.olson_zeckhauser.push_back({s, 2024, 0.06});
    d.olson_zeckhauser.push_back({s, 2026, 0.1});
  }
  d.comparison.push_back(
      {"us_share_nato@2026", "share", "baseline", 0.65, true, NAN, NAN, NAN, NAN});
  d.comparison.push_back(
      {"us_share_nato@2026", "share", "us_disengagement", 0.6, false, -0.05, -0.06, -0.04, 3.0});
  return d;
}

TEST(ReportHtml, IsSelfContained) {
  const std::string page = rampart::analysis::render_report_html(sample_data());
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0U);
  EXPECT_NE(page.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
  // No external script, style, image or font: every <script> is inline.
  EXPECT_EQ(count(page, "<script src"), 0U);
  EXPECT_EQ(count(page, "<link"), 0U);
  EXPECT_EQ(count(page, "@import"), 0U);
  EXPECT_EQ(count(page, "sourceMappingURL"), 0U);
  // The three libraries are inlined: their globals are defined in the page itself.
  EXPECT_NE(page.find(".vega={}"), std::string::npos);
  EXPECT_NE(page.find(".vegaLite={}"), std::string::npos);
  EXPECT_NE(page.find(".vegaEmbed="), std::string::npos);
}

TEST(ReportHtml, OneContainerPerChart) {
  const auto data = sample_data();
  const std::string page = rampart::analysis::render_report_html(data);
  // Four spending fans, the medians overlaid, the scatter, the US share, the event
  // probabilities.
  EXPECT_EQ(rampart::analysis::report_chart_count(data), 8);
  EXPECT_EQ(count(page, "<div class=\"chart\" id=\"chart-"), 8U);
  EXPECT_NE(page.find("data-charts-expected=\"8\""), std::string::npos);
  EXPECT_NE(page.find("The scenarios' medians together"), std::string::npos);
  for (int i = 1; i <= 8; ++i) {
    EXPECT_NE(page.find("{\"id\": \"chart-" + std::to_string(i) + "\""), std::string::npos) << i;
  }
}

// Scenario lines a colour-blind reader and a grey printout tell apart; the spending targets on
// every fan (issue 17).
TEST(ReportHtml, ChartsMarkTheTargetsAndTellScenariosApartWithoutColour) {
  const std::string page = rampart::analysis::render_report_html(sample_data());
  EXPECT_NE(page.find(R"("range": {"category": ["#0072B2", "#E69F00", "#009E73")"),
            std::string::npos)
      << "the Okabe-Ito palette";
  // The overlaid medians, the US share and both event panels dash their lines by scenario.
  EXPECT_EQ(count(page, R"("strokeDash": {"field": "scenario")"), 3);
  // Each fan chart (four groups) draws the 2 % and the 3.5 % line.
  EXPECT_EQ(count(page, R"("encoding": {"y": {"datum": 0.035}})"), 4);
  EXPECT_GE(count(page, R"("encoding": {"y": {"datum": 0.02}})"), 4);
  EXPECT_NE(page.find("dotted: the Hague target, 3.5 % core spending by 2035"), std::string::npos);
  // The lines are named on the chart itself, and the target year is marked past it.
  EXPECT_EQ(count(page, R"x("text": {"value": "3.5 % core by 2035 (Hague)"})x"), 4);
  EXPECT_EQ(count(page, R"("text": {"value": "2 % guideline"})"), 4);
  ReportData to_2040 = sample_data();
  to_2040.run.horizon = 2040;
  EXPECT_EQ(count(page, R"("x": {"datum": 2035})"), 0) << "the sample ends in 2026";
  EXPECT_EQ(count(rampart::analysis::render_report_html(to_2040), R"("x": {"datum": 2035})"), 4);
  EXPECT_NE(page.find("Crisis: Russia probes a frontline ally."), std::string::npos);
}

TEST(ReportHtml, EveryAllyHasARowAndTheScatterLabelsOutliers) {
  const std::string page = rampart::analysis::render_report_html(sample_data());
  EXPECT_NE(page.find("<h3 id=\"allies-table\">"), std::string::npos);
  EXPECT_NE(page.find("<th>2026, us_disengagement</th>"), std::string::npos);
  // Germany: 2.13 % in the data year, 2.50 % in 2026 in both scenarios.
  EXPECT_NE(page.find("<tr><td>Germany (DEU)</td><td class=\"num\">2.13 %</td><td "
                      "class=\"num\">2.50 %</td><td class=\"num\">2.50 %</td></tr>"),
            std::string::npos);
  EXPECT_NE(page.find(R"("text": {"field": "country", "type": "nominal"})"), std::string::npos);
  // (&& and >= escaped in the JSON, as every text the page embeds in a script)
  EXPECT_NE(page.find(R"(datum.year == 2026 \u0026\u0026 (datum.spending_share \u003e= 0.03)"),
            std::string::npos);
}

TEST(ReportHtml, HeaderDescribesEachScenario) {
  ReportData data = sample_data();
  EXPECT_EQ(rampart::analysis::render_report_html(data).find("<table class=\"scenarios\">"),
            std::string::npos)
      << "no descriptions, no table";
  data.run.scenario_notes = {{"baseline", "The 2024 posture <continues>.", "the status quo"},
                             {"us_disengagement", "The US withdraws.", "Spatafora"}};
  const std::string page = rampart::analysis::render_report_html(data);
  EXPECT_NE(page.find("<tr><td><code>baseline</code></td><td>The 2024 posture "
                      "&lt;continues&gt;.</td><td>the status quo</td></tr>"),
            std::string::npos);
  EXPECT_NE(page.find("<tr><td><code>us_disengagement</code></td><td>The US withdraws.</td>"),
            std::string::npos);
}

TEST(ReportHtml, HeaderSaysWhatWasRun) {
  const std::string page = rampart::analysis::render_report_html(sample_data());
  for (const char* text :
       {"rampart run baseline us_disengagement --runs 10 --seed 7 --horizon 2026",
        "baseline, us_disengagement", "10 per scenario", "<td>7</td>", "2024–2026",
        "0.1.0 (git abc)", "2026-01-01T00:00:00Z"}) {
    EXPECT_NE(page.find(text), std::string::npos) << text;
  }
}

TEST(ReportHtml, DataIsInlinedWithShortestRoundTripNumbers) {
  const std::string page = rampart::analysis::render_report_html(sample_data());
  EXPECT_NE(page.find("\"spending_share\": ["), std::string::npos);
  EXPECT_NE(page.find("\"p50\": 0.02"), std::string::npos);
  EXPECT_NE(page.find("\"spending_share\": 0.0213"), std::string::npos);
  // NaN (no quartiles for the US share) is JSON null, never the text NaN.
  EXPECT_NE(page.find("\"p25\": null"), std::string::npos);
  const auto data_at = page.find("<script type=\"application/json\" id=\"report-data\">");
  ASSERT_NE(data_at, std::string::npos);
  const std::string data = page.substr(data_at, page.find("</script>", data_at) - data_at);
  EXPECT_EQ(count(data, "NaN"), 0U);
  EXPECT_EQ(count(data, "inf"), 0U);
}

TEST(ReportHtml, ComparisonTableShowsDifferencesInPercentagePoints) {
  const std::string page = rampart::analysis::render_report_html(sample_data());
  EXPECT_NE(page.find("<h2 id=\"comparison\">"), std::string::npos);
  EXPECT_NE(page.find("65.00 %"), std::string::npos);
  EXPECT_NE(page.find("-5.00 pp"), std::string::npos);
  EXPECT_NE(page.find("-6.00 pp to -4.00 pp"), std::string::npos);
  EXPECT_NE(page.find("3.0×"), std::string::npos);
}

TEST(ReportHtml, EscapesTextFromTheFile) {
  auto data = sample_data();
  data.run.command = "rampart run '<script>alert(1)</script>'";
  data.run.scenarios.emplace_back("a</script><b>");
  data.spending_share.push_back({"a</script><b>", "US", 2025, 0.1, 0.1, 0.1, 0.1, 0.1});
  const std::string page = rampart::analysis::render_report_html(data);
  EXPECT_EQ(count(page, "<script>alert"), 0U);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  // Inside the JSON script elements '<' is an escape, so no element can be closed early.
  EXPECT_NE(page.find("a\\u003c/script\\u003e\\u003cb\\u003e"), std::string::npos);
  EXPECT_EQ(count(page, "a</script>"), 0U);
}

TEST(ReportHtml, LeavesOutSectionsWithoutData) {
  ReportData data = sample_data();
  data.allies.clear();
  data.events.clear();
  data.comparison.clear();
  const std::string page = rampart::analysis::render_report_html(data);
  EXPECT_EQ(rampart::analysis::report_chart_count(data), 6);  // fans, medians, US share
  EXPECT_EQ(page.find("id=\"burden\""), std::string::npos);
  EXPECT_EQ(page.find("id=\"events\""), std::string::npos);
  EXPECT_EQ(page.find("id=\"comparison\""), std::string::npos);
}

TEST(ReportHtml, SweepSectionHasSensitivityBarsAndPrimBox) {
  ReportData data;
  data.run = sample_data().run;
  data.run.scenario_dim = "point";
  data.run.design = "sobol";
  rampart::analysis::SweepAnalysis sweep;
  sweep.outcome = "spending_share[NATO-Europe]@2026";
  sweep.method = "Sobol";
  sweep.bars = {{"us.presence_floor", "first order (S1)", 0.4, 0.3, 0.5},
                {"us.presence_floor", "total order (ST)", 0.5, 0.4, 0.6}};
  sweep.prim_condition = "first_crisis_year <= 2026";
  sweep.prim_box = {{"us.presence_floor", 0.0, 0.2, 0.0, 0.5}};
  sweep.prim_coverage = 0.8;
  sweep.prim_density = 0.9;
  sweep.prim_support = 0.3;
  sweep.prim_trajectory = {{0, 1.0, 0.5, 1.0}, {1, 0.8, 0.9, 0.3}};
  data.sweep = sweep;
  const std::string page = rampart::analysis::render_report_html(data);
  EXPECT_EQ(rampart::analysis::report_chart_count(data), 2);
  EXPECT_NE(page.find("What drives spending_share[NATO-Europe]@2026"), std::string::npos);
  EXPECT_NE(page.find("<code>us.presence_floor</code>"), std::string::npos);
  EXPECT_NE(page.find("30.0 % of runs lie inside; 90.0 %"), std::string::npos);
  EXPECT_NE(page.find("Sobol index: share of the outcome's variance explained"), std::string::npos);

  // Without a PRIM box the trajectory chart is left out; SRC bars are signed coefficients.
  data.sweep->prim_box.clear();
  data.sweep->method = "Standardised regression";
  data.sweep->bars = {{"us.presence_floor", "SRC", -0.4, NAN, NAN}};
  const std::string no_box = rampart::analysis::render_report_html(data);
  EXPECT_EQ(rampart::analysis::report_chart_count(data), 1);
  EXPECT_EQ(no_box.find("peeling trajectory"), std::string::npos);
  EXPECT_NE(no_box.find("PRIM proposes no box"), std::string::npos);
  EXPECT_NE(no_box.find("standardised regression coefficient (signed, -1 to 1)"),
            std::string::npos);
  EXPECT_EQ(no_box.find("share of the outcome's variance"), std::string::npos);
  EXPECT_EQ(no_box.find("The grid:"), std::string::npos);
}

// A two-factor grid (the teaching sweep) is shown as its table, cell by cell, shaded.
TEST(ReportHtml, TwoFactorGridIsATable) {
  ReportData data;
  data.run = sample_data().run;
  data.run.scenario_dim = "point";
  data.run.design = "full_factorial";
  rampart::analysis::SweepAnalysis sweep;
  sweep.outcome = "spending_share[NATO-Europe]@2035";
  sweep.method = "Standardised regression";
  sweep.bars = {{"us.presence_floor", "SRC", -0.4, -0.5, -0.3}};
  rampart::analysis::SweepGrid grid;
  grid.row_factor = "us.presence_floor";
  grid.column_factor = "russia.rebuild_multiplier";
  grid.row_values = {0.0, 0.5};
  grid.column_values = {1.0, 1.5, 2.0};
  grid.means = {0.027, 0.028, 0.029, 0.026, NAN, 0.0285};
  grid.unit = "share";
  grid.replicates = 50;
  sweep.grid = grid;
  data.sweep = sweep;
  const std::string page = rampart::analysis::render_report_html(data);
  EXPECT_NE(page.find("The grid: <code>spending_share[NATO-Europe]@2035</code>"),
            std::string::npos);
  EXPECT_NE(page.find("Mean over the 50 replicates"), std::string::npos);
  EXPECT_NE(page.find("<th>1.5</th>"), std::string::npos);
  EXPECT_NE(page.find("<tr><th>0.5</th>"), std::string::npos);
  EXPECT_NE(page.find("(US presence in Europe"), std::string::npos) << "the factor's meaning";
  // Lowest cell lightest, highest darkest (white text), the missing cell a dash.
  EXPECT_NE(page.find("background:rgb(247,251,255);color:#1a1a1a\">2.60 %"), std::string::npos);
  EXPECT_NE(page.find("background:rgb(33,113,181);color:#ffffff\">2.90 %"), std::string::npos);
  EXPECT_NE(page.find(">–</td>"), std::string::npos);
}

}  // namespace
