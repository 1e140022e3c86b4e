// summarize against statistics computed directly from ResultsReader values (known answers):
// describe / quantiles / wilson_interval of the same runs, group aggregation by hand.

#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "rampart/analysis/errors.hpp"
#include "rampart/analysis/summarize.hpp"
#include "rampart/stats/descriptive.hpp"
#include "rampart/stats/proportion.hpp"
#include "written_results.hpp"

namespace rampart::analysis {
namespace {

namespace fs = std::filesystem;

// Two scenarios x 600 runs, horizon 2030; a disengaging US makes crises and failures common.
const fs::path& results_file() {
  static const fs::path file = test::write_results(
      "summarize_two.h5", "baseline us_disengagement --runs 600 --horizon 2030 --seed 5");
  return file;
}

std::string message_of(const support::InputError& e) {
  return e.diagnostics().empty() ? e.what() : e.diagnostics().front().format();
}

const SummaryRow& find_row(const SummaryResult& result, const std::string& scenario,
                           std::optional<int> year, const std::string& variable,
                           const std::string& selection) {
  for (const auto& row : result.rows) {
    if (row.scenario == scenario && row.year == year && row.variable == variable &&
        row.selection == selection) {
      return row;
    }
  }
  throw std::runtime_error("no row " + scenario + " " + variable + " " + selection);
}

// The expected continuous row from the values of every run (NaN left out), as the library's
// own statistics compute it.
void expect_row_matches(const SummaryRow& row, const std::vector<float>& values) {
  std::vector<double> defined;
  for (const float x : values) {
    if (!std::isnan(x)) defined.push_back(static_cast<double>(x));
  }
  const stats::Moments m = stats::describe(defined);
  ASSERT_EQ(row.runs, static_cast<std::int64_t>(defined.size()));
  EXPECT_EQ(row.mean, m.mean);
  EXPECT_EQ(row.sd, m.standard_deviation);
  EXPECT_EQ(row.se, m.standard_error);
  const double z = stats::normal_critical_value(0.95);
  EXPECT_EQ(row.ci_low, m.mean - z * m.standard_error);
  EXPECT_EQ(row.ci_high, m.mean + z * m.standard_error);
  const auto q = stats::quantiles(defined, kSummaryQuantiles);
  for (std::size_t i = 0; i < q.size(); ++i) EXPECT_EQ(row.quantiles[i], q[i]) << i;
  EXPECT_FALSE(row.is_event);
}

TEST(Summarize, SeriesEqualDirectStatistics) {
  ASSERT_FALSE(results_file().empty()) << "rampart run failed";
  const ResultsScan scan(results_file());
  const auto& reader = scan.reader();
  SummarizeRequest request;
  request.variables = {"spending_share", "threat", "first_crisis_year", "deterrence_failures"};
  request.countries = {"DEU", "pol"};
  request.years = "2025,2030";
  const SummaryResult result = summarize(scan, request);
  EXPECT_EQ(result.scenarios, (std::vector<std::string>{"baseline", "us_disengagement"}));
  const int deu = static_cast<int>(*scan.countries(0).index_of("DEU"));
  const int pol = static_cast<int>(*scan.countries(0).index_of("POL"));
  for (std::size_t s = 0; s < 2; ++s) {
    const std::string& name = scan.scenario_names()[s];
    for (const int year : {2025, 2030}) {
      const int y = scan.year_index(year);
      expect_row_matches(find_row(result, name, year, "spending_share", "DEU"),
                         reader.state_over_runs(sim::StateVar::SpendingShare, s, y, deu));
      expect_row_matches(find_row(result, name, year, "spending_share", "POL"),
                         reader.state_over_runs(sim::StateVar::SpendingShare, s, y, pol));
      expect_row_matches(find_row(result, name, year, "threat", "world"),
                         reader.world_over_runs(sim::WorldVar::Threat, s, y));
    }
    expect_row_matches(find_row(result, name, std::nullopt, "deterrence_failures", "run"),
                       reader.summary_over_runs(sim::SummaryVar::DeterrenceFailures, s));
    // NaN (no crisis) is left out: runs counts only runs with a crisis.
    expect_row_matches(find_row(result, name, std::nullopt, "first_crisis_year", "run"),
                       reader.summary_over_runs(sim::SummaryVar::FirstCrisisYear, s));
  }
  // 2 scenarios x (spending_share 2 years x 2 countries + threat 2 years + 2 summaries + events
  // 2 kinds x 2 years).
  EXPECT_EQ(result.rows.size(), 2U * (4 + 2 + 2 + 4));
}

TEST(Summarize, GroupsAggregatedByHand) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  const auto& reader = scan.reader();
  SummarizeRequest request;
  request.variables = {"spending_share", "spending", "commitment"};
  request.groups = {"NATO-Europe"};
  request.years = "2030";
  request.events = false;
  const SummaryResult result = summarize(scan, request);
  const auto& countries = scan.countries(1).countries;
  const std::size_t s = 1;
  const int y = scan.year_index(2030);
  std::vector<float> weighted;
  std::vector<float> summed;
  std::vector<float> averaged;
  for (std::int64_t run = 0; run < scan.runs(); ++run) {
    const auto share = reader.state(sim::StateVar::SpendingShare, s, run);
    const auto gdp = reader.state(sim::StateVar::Gdp, s, run);
    const auto spending = reader.state(sim::StateVar::Spending, s, run);
    const auto commitment = reader.state(sim::StateVar::Commitment, s, run);
    double share_gdp = 0.0;
    double total_gdp = 0.0;
    double total_spending = 0.0;
    double total_commitment = 0.0;
    int members = 0;
    for (std::size_t c = 0; c < countries.size(); ++c) {
      if (!countries[c].nato || countries[c].iso3 == "USA" || countries[c].iso3 == "CAN") continue;
      const std::size_t i = static_cast<std::size_t>(y) * countries.size() + c;
      share_gdp += static_cast<double>(share[i]) * static_cast<double>(gdp[i]);
      total_gdp += static_cast<double>(gdp[i]);
      total_spending += static_cast<double>(spending[i]);
      total_commitment += static_cast<double>(commitment[i]);
      ++members;
    }
    ASSERT_EQ(members, 30);
    weighted.push_back(static_cast<float>(share_gdp / total_gdp));
    summed.push_back(static_cast<float>(total_spending));
    averaged.push_back(static_cast<float>(total_commitment / members));
    if (run == 0) {
      // One run by hand: the GDP-weighted share is total spending over total GDP (spending =
      // share x GDP), up to float rounding of the stored series.
      EXPECT_NEAR(share_gdp / total_gdp, total_spending / total_gdp, 1e-5);
    }
  }
  expect_row_matches(find_row(result, "us_disengagement", 2030, "spending_share", "NATO-Europe"),
                     weighted);
  expect_row_matches(find_row(result, "us_disengagement", 2030, "spending", "NATO-Europe"), summed);
  expect_row_matches(find_row(result, "us_disengagement", 2030, "commitment", "NATO-Europe"),
                     averaged);
}

TEST(Summarize, EventProbabilitiesAreCumulativeWilson) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  const auto& reader = scan.reader();
  SummarizeRequest request;
  request.years = "all";
  request.confidence = 0.9;
  request.groups = {"US"};
  const SummaryResult result = summarize(scan, request);
  for (std::size_t s = 0; s < 2; ++s) {
    std::vector<bool> crisis(600, false);
    std::vector<bool> failure(600, false);
    std::size_t last_crises = 0;
    for (const int year : scan.years()) {
      const auto outcome =
          reader.codes_over_runs(sim::WorldCode::CrisisOutcome, s, scan.year_index(year));
      for (std::size_t r = 0; r < 600; ++r) {
        crisis[r] = crisis[r] || outcome[r] > 0;
        failure[r] = failure[r] || outcome[r] == 3;
      }
      const auto crises = static_cast<std::size_t>(std::count(crisis.begin(), crisis.end(), true));
      const auto failures =
          static_cast<std::size_t>(std::count(failure.begin(), failure.end(), true));
      EXPECT_GE(crises, last_crises);
      last_crises = crises;
      for (const auto& [variable, k] : {std::pair{std::string(kCrisisByYear), crises},
                                        std::pair{std::string(kFailureByYear), failures}}) {
        const SummaryRow& row = find_row(result, scan.scenario_names()[s], year, variable, "world");
        const auto expected = stats::wilson_interval(k, 600, 0.9);
        EXPECT_TRUE(row.is_event);
        EXPECT_EQ(row.runs, 600);
        EXPECT_EQ(row.mean, expected.estimate);
        EXPECT_EQ(row.ci_low, expected.lower);
        EXPECT_EQ(row.ci_high, expected.upper);
      }
    }
    if (s == 1) {
      EXPECT_GT(last_crises, 0U) << "no crisis at all: the event test tests nothing";
    }
  }
}

TEST(Summarize, SameResultAtAnyThreadCount) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  SummarizeRequest request;
  request.variables = {"spending_share", "capability", "us_presence"};
  request.years = "all";
  auto run_with = [&](std::size_t threads) {
    const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    return summarize(scan, request);
  };
  const SummaryResult one = run_with(1);
  const SummaryResult two = run_with(4);
  ASSERT_EQ(one.rows.size(), two.rows.size());
  for (std::size_t i = 0; i < one.rows.size(); ++i) {
    const auto& a = one.rows[i];
    const auto& b = two.rows[i];
    EXPECT_EQ(a.variable, b.variable);
    EXPECT_EQ(a.selection, b.selection);
    // Bit for bit, NaN included.
    EXPECT_EQ(std::memcmp(&a.mean, &b.mean, sizeof(double)), 0) << i;
    EXPECT_EQ(std::memcmp(&a.sd, &b.sd, sizeof(double)), 0) << i;
    EXPECT_EQ(std::memcmp(a.quantiles.data(), b.quantiles.data(), sizeof(a.quantiles)), 0) << i;
  }
}

TEST(Summarize, YearListsAndRanges) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  EXPECT_EQ(select_years("", scan), (std::vector<int>{2025, 2030}));
  EXPECT_EQ(select_years("all", scan), scan.years());
  EXPECT_EQ(select_years("2026-2028, 2025,2027", scan), (std::vector<int>{2025, 2026, 2027, 2028}));
  for (const char* bad : {"2040", "2028-2026", "twenty", "2025,", "2020-2026"}) {
    try {
      static_cast<void>(select_years(bad, scan));
      FAIL() << bad;
    } catch (const RequestError& e) {
      EXPECT_NE(message_of(e).find(results_file().string()), std::string::npos) << message_of(e);
    }
  }
}

TEST(Summarize, DefaultRequestAndItsTables) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  const SummarizeRequest request;  // spending_share, six groups, default years, events
  const SummaryResult result = summarize(scan, request);
  // Per scenario: 2 years x 6 groups + 2 event kinds x 2 years.
  ASSERT_EQ(result.rows.size(), 2U * (12 + 4));
  EXPECT_EQ(result.rows[0].selection, "NATO");
  EXPECT_EQ(result.rows[5].selection, "US");
  const Table table = to_table(result);
  EXPECT_EQ(table.columns(), (std::vector<std::string>{
                                 "scenario", "year", "variable", "selection", "runs", "mean", "sd",
                                 "se", "ci_low", "ci_high", "q05", "q25", "q50", "q75", "q95"}));
  ASSERT_EQ(table.rows().size(), result.rows.size());
  const auto& event = table.rows().back();
  EXPECT_EQ(std::get<std::string>(event[2]), std::string(kFailureByYear));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(event[10]));
  EXPECT_TRUE(std::holds_alternative<double>(table.rows().front()[12]));
  const auto per_scenario = to_tables_by_scenario(result);
  ASSERT_EQ(per_scenario.size(), 2U);
  EXPECT_EQ(per_scenario[0].columns().front(), "year");
  EXPECT_EQ(per_scenario[0].rows().size() + per_scenario[1].rows().size(), result.rows.size());
  EXPECT_FALSE(per_scenario.back().notes().empty());
}

TEST(Summarize, MemoryIsEstimatedAndBounded) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  SummarizeRequest request;  // 2 years x 6 groups = 12 cells, 1200 runs, event years
  EXPECT_EQ(summarize_memory_bytes(scan, request), 1200U * (12U * 4U + 2U));
  request.max_memory_mib = 0;
  try {
    static_cast<void>(summarize(scan, request));
    FAIL();
  } catch (const RequestError& e) {
    EXPECT_NE(message_of(e).find("--max-memory"), std::string::npos) << message_of(e);
    EXPECT_NE(message_of(e).find("fewer --years"), std::string::npos) << message_of(e);
  }
}

TEST(Summarize, UnknownNamesAreRequestErrors) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  auto message = [&](SummarizeRequest request) {
    try {
      static_cast<void>(summarize(scan, request));
    } catch (const RequestError& e) {
      return message_of(e);
    }
    return std::string("no error");
  };
  SummarizeRequest var;
  var.variables = {"spending_shares"};
  EXPECT_NE(message(var).find("did you mean 'spending_share'"), std::string::npos) << message(var);
  EXPECT_NE(message(var).find("deterrence_failures"), std::string::npos) << message(var);
  SummarizeRequest group;
  group.groups = {"Europe"};
  EXPECT_NE(message(group).find("unknown country or group 'Europe'"), std::string::npos)
      << message(group);
  SummarizeRequest country;
  country.countries = {"XXX"};
  EXPECT_NE(message(country).find("'XXX'"), std::string::npos) << message(country);
  SummarizeRequest scenario;
  scenario.scenarios = {"us_disengagment"};
  EXPECT_NE(message(scenario).find("did you mean 'us_disengagement'"), std::string::npos)
      << message(scenario);
  SummarizeRequest confidence;
  confidence.confidence = 1.5;
  EXPECT_NE(message(confidence).find("confidence"), std::string::npos) << message(confidence);
}

TEST(Summarize, OneScenarioOnly) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  SummarizeRequest request;
  request.scenarios = {"us_disengagement"};
  request.groups = {"EU"};
  const SummaryResult result = summarize(scan, request);
  EXPECT_EQ(result.scenarios, (std::vector<std::string>{"us_disengagement"}));
  for (const auto& row : result.rows) EXPECT_EQ(row.scenario, "us_disengagement");
  expect_row_matches(find_row(result, "us_disengagement", 2025, "spending_share", "EU"), [&] {
    SummarizeRequest both = request;
    both.scenarios.clear();
    const SummaryResult all = summarize(scan, both);
    const auto& row = find_row(all, "us_disengagement", 2025, "spending_share", "EU");
    EXPECT_EQ(row.mean, find_row(result, "us_disengagement", 2025, "spending_share", "EU").mean);
    // The values themselves: recomputed from the reader.
    std::vector<float> values;
    const auto& countries = scan.countries(1).countries;
    for (std::int64_t run = 0; run < 600; ++run) {
      const auto share = scan.reader().state(sim::StateVar::SpendingShare, 1, run);
      const auto gdp = scan.reader().state(sim::StateVar::Gdp, 1, run);
      double num = 0.0;
      double den = 0.0;
      for (std::size_t c = 0; c < countries.size(); ++c) {
        if (!countries[c].eu) continue;
        const std::size_t i = 1 * countries.size() + c;  // year index 1 = 2025
        num += static_cast<double>(share[i]) * static_cast<double>(gdp[i]);
        den += static_cast<double>(gdp[i]);
      }
      values.push_back(static_cast<float>(num / den));
    }
    return values;
  }());
}

}  // namespace
}  // namespace rampart::analysis
