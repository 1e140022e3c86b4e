// The report in a real browser (Debian's chromium, headless): every chart renders (one <svg>
// per chart container, as many as the page expects), no script error, console error or warning,
// and no blocked fetch. A screenshot is saved next to the test binary for a person to look at.
// Labelled `browser` (excluded from the sanitizer run).

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <string>
#include <vector>

#include "../report/report_test_support.hpp"
#include "rampart/analysis/forecast.hpp"
#include "rampart/analysis/forecast_page.hpp"
#include "rampart/analysis/forecast_scores.hpp"

namespace {

namespace fs = std::filesystem;
using rampart::report_test::run_cli;
using rampart::report_test::run_command;

std::string chromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    const auto r = run_command(std::string("command -v ") + name);
    if (r.status == 0 && !r.out.empty()) return r.out.substr(0, r.out.find('\n'));
  }
  return {};
}

std::string browser_flags(const fs::path& profile) {
  // A fresh profile per run; virtual time lets every promise settle before the dump.
  return " --headless=new --disable-gpu --no-sandbox --no-first-run --hide-scrollbars"
         " --disable-extensions --disable-dev-shm-usage --user-data-dir='" +
         profile.string() + "' --virtual-time-budget=30000";
}

std::string attribute(const std::string& dom, const std::string& name) {
  const std::regex pattern("<body[^>]*\\s" + name + "=\"([^\"]*)\"");
  std::smatch match;
  return std::regex_search(dom, match, pattern) ? match[1].str() : std::string();
}

// `in_page`: text the rendered page (the DOM after the charts are drawn) must contain.
void expect_renders(const fs::path& html, const fs::path& screenshot, int expected_charts,
                    const std::vector<std::string>& in_page = {}) {
  const std::string browser = chromium();
  ASSERT_FALSE(browser.empty())
      << "chromium is not installed (scripts/install-deps.sh installs it)";
  const rampart::report_test::TempDir profile("report_browser_profile");
  const auto dom = run_command("'" + browser + "'" + browser_flags(profile.path()) +
                               " --dump-dom 'file://" + html.string() + "'");
  ASSERT_EQ(dom.status, 0) << dom.err;
  const std::string& page = dom.out;
  // Errors first: they explain a missing chart.
  const auto list_at = page.find("<ul id=\"page-errors\">");
  ASSERT_NE(list_at, std::string::npos);
  const auto list_end = page.find("</ul>", list_at);
  EXPECT_EQ(page.substr(list_at, list_end - list_at), "<ul id=\"page-errors\">")
      << "the page recorded errors";
  EXPECT_EQ(attribute(page, "data-errors"), "");
  EXPECT_EQ(attribute(page, "data-charts-expected"), std::to_string(expected_charts));
  EXPECT_EQ(attribute(page, "data-charts-rendered"), std::to_string(expected_charts));
  // Every chart container holds a drawn chart.
  int containers = 0;
  for (auto at = page.find("<div class=\"chart"); at != std::string::npos;
       at = page.find("<div class=\"chart", at + 1)) {
    const auto next = page.find("<div class=\"chart", at + 1);
    const std::string chart = page.substr(at, next == std::string::npos ? next : next - at);
    EXPECT_NE(chart.find("<svg"), std::string::npos) << "chart " << containers + 1 << " is empty";
    ++containers;
  }
  EXPECT_EQ(containers, expected_charts);
  for (const auto& text : in_page) EXPECT_NE(page.find(text), std::string::npos) << text;

  const auto shot = run_command("'" + browser + "'" + browser_flags(profile.path()) +
                                " --window-size=1280,6600 --screenshot='" + screenshot.string() +
                                "' 'file://" + html.string() + "'");
  EXPECT_EQ(shot.status, 0) << shot.err;
  EXPECT_TRUE(fs::exists(screenshot) && fs::file_size(screenshot) > 10000);
  std::cout << "screenshot: " << fs::absolute(screenshot).string() << '\n';
}

TEST(ReportBrowser, RunFileRendersEveryChart) {
  const rampart::report_test::TempDir dir("report_browser");
  const fs::path results = dir.path() / "results.h5";
  const fs::path html = dir.path() / "report.html";
  ASSERT_EQ(run_cli("run baseline hague_5pct us_transactional us_disengagement --runs 100 "
                    "--seed 20250601 --threads 2 -q -o '" +
                    results.string() + "'")
                .status,
            0);
  const auto r = run_cli("report '" + results.string() + "' -o '" + html.string() + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  // Issue 17's elements, drawn: Poland labelled in the scatter, dashed scenario lines, the
  // per-ally table.
  expect_renders(html, fs::current_path() / "report_screenshot.png", 8,
                 {">POL</text>", "stroke-dasharray", "id=\"allies-table\"", "Poland (POL)",
                  ">2 % guideline</text>", ">3.5 % core by 2035 (Hague)</text>"});
}

// What a teacher does (docs/seminar.md): one command, then the page opens with every chart.
TEST(ReportBrowser, SeminarWritesAReportThatRenders) {
  const rampart::report_test::TempDir dir("report_browser_seminar");
  const fs::path folder = dir.path() / "class";
  const auto r = run_cli("seminar -o '" + folder.string() + "' --threads 2");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("wrote " + (folder / "report.html").string()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("xdg-open"), std::string::npos);
  EXPECT_EQ(r.out, "") << "messages go to stderr, as every command's";
  ASSERT_TRUE(fs::exists(folder / "results.h5"));
  const std::string page = rampart::report_test::read_text(folder / "report.html");
  EXPECT_NE(page.find("rampart run baseline hague_5pct us_transactional us_disengagement --runs "
                      "1000 --seed 20250601"),
            std::string::npos);
  expect_renders(folder / "report.html", fs::current_path() / "report_seminar_screenshot.png", 8);
  // Running it again rewrites the same data.
  EXPECT_EQ(run_cli("seminar -o '" + folder.string() + "' --threads 2").status, 0);
}

TEST(ReportBrowser, SweepFileRendersItsChartAndWarnings) {
  const rampart::report_test::TempDir dir("report_browser_sweep");
  const fs::path sweep = dir.path() / "sweep.toml";
  {
    std::ofstream out(sweep);
    out << "name = \"small_sobol\"\nbase = \"" RAMPART_SOURCE_DIR
           "/scenarios/us_disengagement.toml\"\nseed = 5\nreplicates = 2\n"
           "[design]\ntype = \"sobol\"\nbase_samples = 32\n"
           "[[factors]]\nparameter = \"us.presence_floor\"\nlow = 0.0\nhigh = 0.5\n"
           "[[factors]]\nparameter = \"russia.rebuild_multiplier\"\nlow = 0.5\nhigh = 2.5\n"
           "[[factors]]\nparameter = \"state.compliance_scale\"\nlow = 0.5\nhigh = 1.5\n";
  }
  const fs::path results = dir.path() / "sweep.h5";
  const fs::path html = dir.path() / "sweep.html";
  const auto s =
      run_cli("sweep '" + sweep.string() + "' --threads 2 -q -o '" + results.string() + "'");
  ASSERT_EQ(s.status, 0) << s.err;
  const auto r = run_cli("report '" + results.string() + "' -o '" + html.string() + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  // 32 base samples: the Sobol intervals are too wide to rank the factors, and PRIM finds no
  // box, so the page warns and shows the sensitivity bars without the PRIM trajectory.
  expect_renders(html, fs::current_path() / "report_sweep_screenshot.png", 1,
                 {"Caution: some 95 % intervals of the Sobol indices", "PRIM proposes no box",
                  "Sobol index: share of the outcome"});
}

// The shipped teaching sweep (4 presence floors x 3 threat paths) as the seminar uses it: the
// regression bars and the 4 x 3 table of the outcome at every combination.
TEST(ReportBrowser, TeachingGridSweepShowsItsTable) {
  const rampart::report_test::TempDir dir("report_browser_grid");
  const fs::path results = dir.path() / "grid.h5";
  const fs::path html = dir.path() / "grid.html";
  const auto s = run_cli("sweep '" RAMPART_SOURCE_DIR
                         "/scenarios/sweeps/presence_threat_grid.toml' --threads 2 -q -o '" +
                         results.string() + "'");
  ASSERT_EQ(s.status, 0) << s.err;
  const auto r = run_cli("report '" + results.string() + "' -o '" + html.string() + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  expect_renders(html, fs::current_path() / "report_grid_screenshot.png", 1,
                 {"id=\"sweep-grid\"", "<th>0.25</th>", "<th>1.5</th>",
                  "standardised regression coefficient"});
  const std::string page = rampart::report_test::read_text(html);
  const auto table = page.find("<table class=\"grid\">");
  ASSERT_NE(table, std::string::npos);
  const std::string grid = page.substr(table, page.find("</table>", table) - table);
  std::size_t cells = 0;
  for (auto at = grid.find("<td class=\"num\""); at != std::string::npos;
       at = grid.find("<td class=\"num\"", at + 1)) {
    ++cells;
  }
  EXPECT_EQ(cells, 12U) << "4 presence floors x 3 threat paths";
}

// The forecast validation page (forecast_page.hpp) on a synthetic panel of twelve states,
// 2014-2024: the scores chart and two fan charts render without an error.
TEST(ReportBrowser, ForecastPageRendersEveryChart) {
  using namespace rampart::analysis;
  Panel panel;
  panel.first_year = 2014;
  panel.years = 11;
  for (int s = 0; s < 12; ++s) {
    panel.iso3.push_back(std::string("S").append(std::to_string(10 + s)));
    for (int y = 0; y < panel.years; ++y) {
      // Levels 1..3.2 %, trends of either sign and a wobble.
      panel.values.push_back(0.01 + 0.002 * s + 0.0004 * (s % 4 - 1) * y +
                             0.0006 * std::sin(1.7 * y + s));
    }
  }
  std::vector<ForecastEnsemble> ensembles;
  for (int origin = 2018; origin <= 2023; ++origin) {
    ensembles.push_back(persistence_forecast(panel, origin, 2026, 100));
    ensembles.push_back(trend_forecast(panel, origin, 2026, 100));
  }
  const auto by_origin = score_forecasts(panel, ensembles);
  const std::vector<Table> tables{pooled_forecast_table(pool_forecast_scores(by_origin)),
                                  forecast_skill_table(forecast_skill(by_origin, "trend"))};
  ForecastPageOptions options;
  options.fans = {{"trend", 2018}, {"persistence", 2021}};
  const rampart::report_test::TempDir dir("report_browser_forecast");
  const fs::path html = dir.path() / "forecast.html";
  std::ofstream(html) << forecast_page_html(panel, ensembles, tables, options);
  expect_renders(html, fs::current_path() / "forecast_page_screenshot.png",
                 forecast_page_chart_count(panel, ensembles, options));
  EXPECT_EQ(forecast_page_chart_count(panel, ensembles, options), 3);
}

}  // namespace
