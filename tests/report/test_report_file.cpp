// `rampart report` on a real results file: the page is written (and no .part left), the numbers
// are those of the analysis commands (summarize, burden, compare), and bad requests exit 2.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/analysis/burden.hpp"
#include "rampart/analysis/compare.hpp"
#include "rampart/analysis/results_scan.hpp"
#include "rampart/analysis/summarize.hpp"
#include "rampart/io/h5.hpp"
#include "rampart/report/report.hpp"
#include "report_test_support.hpp"

namespace {

namespace fs = std::filesystem;
using rampart::report_test::run_cli;

class ReportFile : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new rampart::report_test::TempDir("report_file");
    results_ = dir_->path() / "results.h5";
    const auto r = run_cli(
        "run baseline us_disengagement hague_5pct --runs 40 --seed 11 "
        "--horizon 2030 --threads 2 -q -o '" +
        results_.string() + "'");
    ASSERT_EQ(r.status, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static rampart::report_test::TempDir* dir_;
  static fs::path results_;
};

rampart::report_test::TempDir* ReportFile::dir_ = nullptr;
fs::path ReportFile::results_;

TEST_F(ReportFile, WritesTheReportAndLeavesNoPartFile) {
  const fs::path html = dir_->path() / "report.html";
  const auto r = run_cli("report '" + results_.string() + "' -o '" + html.string() + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("wrote " + html.string()), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(fs::exists(html));
  EXPECT_FALSE(fs::exists(html.string() + ".part"));
  const std::string page = rampart::report_test::read_text(html);
  EXPECT_NE(page.find("rampart run baseline us_disengagement hague_5pct --runs 40 --seed 11"),
            std::string::npos);
  EXPECT_NE(page.find("data-charts-expected=\"8\""), std::string::npos);
  // Each scenario described from its stored file: what it assumes and whose view it follows.
  EXPECT_NE(page.find("<table class=\"scenarios\">"), std::string::npos);
  EXPECT_NE(page.find("2024 posture continues"), std::string::npos);
  EXPECT_NE(page.find("Spatafora"), std::string::npos);
}

// One definition of every number: the report's data are summarize's, burden's and compare's.
TEST_F(ReportFile, NumbersAreThoseOfTheAnalysisCommands) {
  const rampart::analysis::ResultsScan scan(results_);
  const auto data = rampart::analysis::collect_report_data(scan, {});

  rampart::analysis::SummarizeRequest request;
  request.variables = {"spending_share"};
  request.years = "all";
  request.groups = {"US", "NATO-Europe", "EU", "frontline"};
  const auto summary = rampart::analysis::summarize(scan, request);
  std::size_t matched = 0;
  for (const auto& row : summary.rows) {
    if (row.is_event || !row.year) continue;
    for (const auto& band : data.spending_share) {
      if (band.scenario == row.scenario && band.series == row.selection && band.year == *row.year) {
        EXPECT_EQ(band.p05, row.quantiles[0]);
        EXPECT_EQ(band.p50, row.quantiles[2]);
        EXPECT_EQ(band.p95, row.quantiles[4]);
        ++matched;
      }
    }
  }
  EXPECT_EQ(matched, 3U * 4U * 7U);  // scenarios x groups x years 2024..2030
  EXPECT_EQ(data.spending_share.size(), matched);

  for (const auto& row : summary.rows) {
    if (!row.is_event || !row.year || *row.year == 2024) continue;
    const std::string event =
        row.variable == rampart::analysis::kCrisisByYear ? "crisis" : "deterrence failure";
    bool found = false;
    for (const auto& e : data.events) {
      if (e.scenario == row.scenario && e.event == event && e.year == *row.year) {
        EXPECT_EQ(e.estimate, row.mean);
        EXPECT_EQ(e.lower, row.ci_low);
        EXPECT_EQ(e.upper, row.ci_high);
        found = true;
      }
    }
    EXPECT_TRUE(found) << row.scenario << ' ' << event << ' ' << *row.year;
  }

  rampart::analysis::BurdenRequest burden_request;
  burden_request.years = "all";
  const auto burden = rampart::analysis::simulated_burden(scan, burden_request);
  std::size_t us_rows = 0;
  for (const auto& row : burden.rows) {
    if (row.index != "us_share_nato") continue;
    for (const auto& band : data.us_share_nato) {
      if (band.scenario == row.scenario && band.year == row.year) {
        EXPECT_EQ(band.p05, row.quantiles[0]);
        EXPECT_EQ(band.p50, row.quantiles[1]);
        EXPECT_EQ(band.p95, row.quantiles[2]);
        ++us_rows;
      }
    }
  }
  EXPECT_EQ(us_rows, data.us_share_nato.size());
  EXPECT_EQ(us_rows, 3U * 7U);

  const auto compared = rampart::analysis::compare_scenarios(
      scan, {"baseline", "us_disengagement", "hague_5pct"}, {});
  for (const auto& row : compared.rows) {
    bool found = false;
    for (const auto& c : data.comparison) {
      if (c.outcome == row.outcome && c.scenario == row.scenario_b && !c.is_baseline) {
        EXPECT_EQ(c.difference, row.difference);
        EXPECT_EQ(c.lower, row.lower);
        EXPECT_EQ(c.upper, row.upper);
        found = true;
      }
    }
    EXPECT_TRUE(found) << row.outcome << ' ' << row.scenario_b;
  }
  // Besides compare's defaults, the probability of a crisis by the last year (the lesson quotes
  // it), equal to what `rampart compare --outcome "first_crisis_year <= 2030"` prints.
  rampart::analysis::CompareRequest crisis_request;
  crisis_request.outcomes = {"first_crisis_year <= 2030"};
  const auto crisis = rampart::analysis::compare_scenarios(
      scan, {"baseline", "us_disengagement", "hague_5pct"}, crisis_request);
  ASSERT_EQ(crisis.rows.size(), 2U);
  for (const auto& row : crisis.rows) {
    bool found = false;
    for (const auto& c : data.comparison) {
      if (c.outcome == "P(first_crisis_year <= 2030)" && c.scenario == row.scenario_b) {
        EXPECT_EQ(c.mean, row.mean_b);
        EXPECT_EQ(c.difference, row.difference);
        found = true;
      }
    }
    EXPECT_TRUE(found) << row.scenario_b;
  }
  // 2 allies-years per NATO ally (32) and scenario.
  EXPECT_EQ(data.allies.size(), 3U * 32U * 2U);
  EXPECT_EQ(data.olson_zeckhauser.size(), 3U * 2U);
}

// The page carries the very text `rampart summarize --format csv` prints (shortest round-trip).
TEST_F(ReportFile, PageShowsWhatSummarizePrints) {
  const fs::path html = dir_->path() / "same.html";
  ASSERT_EQ(run_cli("report '" + results_.string() + "' -o '" + html.string() + "'").status, 0);
  const auto csv = run_cli("summarize '" + results_.string() +
                           "' --groups NATO-Europe --years 2030 --format csv");
  ASSERT_EQ(csv.status, 0) << csv.err;
  // The row of baseline, 2030, spending_share, NATO-Europe: its q50 is the 5th field from last.
  const auto at = csv.out.find("baseline,2030,spending_share,NATO-Europe,");
  ASSERT_NE(at, std::string::npos) << csv.out;
  const std::string line = csv.out.substr(at, csv.out.find('\n', at) - at);
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (std::size_t comma = line.find(','); comma != std::string::npos;
       start = comma + 1, comma = line.find(',', start)) {
    fields.push_back(line.substr(start, comma - start));
  }
  fields.push_back(line.substr(start));
  ASSERT_GE(fields.size(), 5U);
  const std::string median = fields[fields.size() - 3];
  const std::string page = rampart::report_test::read_text(html);
  EXPECT_NE(page.find("\"series\": \"NATO-Europe\", \"year\": 2030, \"p05\": " +
                      fields[fields.size() - 5]),
            std::string::npos);
  EXPECT_NE(page.find("\"p50\": " + median), std::string::npos) << median;
}

// An interrupted file: refused without --partial; with it, the complete scenarios are reported
// and the page says what is missing.
TEST_F(ReportFile, PartialFilesNeedTheFlag) {
  const fs::path part = dir_->path() / "cut.h5.part";
  fs::copy_file(results_, part, fs::copy_options::overwrite_existing);
  {
    namespace h5 = rampart::engine::h5;
    const h5::Handle f(H5Fopen(part.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    h5::write_attribute(f.id(), "status", std::string_view("partial"));
    h5::write_attribute(f.id(), "blocks_done", std::int64_t{1});  // baseline's runs only
  }
  const fs::path html = dir_->path() / "partial.html";
  const auto refused = run_cli("report '" + part.string() + "' -o '" + html.string() + "'");
  EXPECT_EQ(refused.status, 2);
  EXPECT_NE(refused.err.find("--partial"), std::string::npos) << refused.err;
  EXPECT_FALSE(fs::exists(html));

  const auto r = run_cli("report '" + part.string() + "' --partial -o '" + html.string() + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("is partial"), std::string::npos) << r.err;
  const std::string page = rampart::report_test::read_text(html);
  EXPECT_NE(page.find("us_disengagement has no complete runs yet"), std::string::npos);
  EXPECT_NE(page.find("\"scenario\": \"baseline\""), std::string::npos);
  EXPECT_EQ(page.find("\"scenario\": \"us_disengagement\""), std::string::npos);
}

TEST_F(ReportFile, AnExistingReportIsOverwrittenOnlyWithForce) {
  const fs::path html = dir_->path() / "kept.html";
  { std::ofstream(html) << "notes\n"; }
  const auto refused = run_cli("report '" + results_.string() + "' -o '" + html.string() + "'");
  EXPECT_EQ(refused.status, 2);
  EXPECT_NE(refused.err.find("exists; pass --force"), std::string::npos) << refused.err;
  EXPECT_EQ(rampart::report_test::read_text(html), "notes\n");
  const auto forced =
      run_cli("report '" + results_.string() + "' --force -o '" + html.string() + "'");
  ASSERT_EQ(forced.status, 0) << forced.err;
  EXPECT_NE(rampart::report_test::read_text(html).find("<html"), std::string::npos);
}

TEST_F(ReportFile, UnknownBaselineIsAnInputError) {
  const auto r = run_cli("report '" + results_.string() + "' --baseline basline -o '" +
                         (dir_->path() / "x.html").string() + "'");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("baseline"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_->path() / "x.html"));
}

TEST_F(ReportFile, MissingOrWrongFilesExitTwo) {
  EXPECT_EQ(run_cli("report '" + (dir_->path() / "none.h5").string() + "'").status, 2);
  const fs::path text = dir_->path() / "not.h5";
  { std::ofstream(text) << "not hdf5\n"; }
  EXPECT_EQ(run_cli("report '" + text.string() + "'").status, 2);
  EXPECT_EQ(run_cli("report").status, 2);
  EXPECT_EQ(run_cli("report '" + results_.string() + "' -o out.h5").status, 2);
}

// The seminar rewrites only its own results file: anything else of that name is refused before
// a run starts, and left as it was.
TEST(Seminar, RefusesToOverwriteAForeignResultsFile) {
  const rampart::report_test::TempDir dir("seminar_foreign");
  const fs::path results = dir.path() / "results.h5";
  { std::ofstream(results) << "a researcher's file\n"; }
  const auto r = run_cli("seminar -o '" + dir.path().string() + "'");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("is not a seminar results file"), std::string::npos) << r.err;
  EXPECT_EQ(rampart::report_test::read_text(results), "a researcher's file\n");
  EXPECT_FALSE(fs::exists(dir.path() / "report.html"));
  EXPECT_EQ(run_cli("seminar -o '" + dir.path().string() + "' extra").status, 2);
}

TEST(ReportHelp, ExplainsTheCommand) {
  const auto r = run_cli("report --help");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("Usage: rampart report FILE.h5"), std::string::npos);
  const auto s = run_cli("seminar --help");
  EXPECT_EQ(s.status, 0);
  EXPECT_NE(s.out.find("Usage: rampart seminar"), std::string::npos);
}

}  // namespace
