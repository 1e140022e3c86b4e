// `rampart burden` as a library: observed indices of the shipped NATO 2014/2024 data (known
// answers), and the simulated indices of a small results file checked against an independent
// recomputation from engine::ResultsReader.

#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "rampart/analysis/burden.hpp"
#include "rampart/analysis/burden_indices.hpp"
#include "rampart/analysis/errors.hpp"
#include "rampart/analysis/observed_data.hpp"
#include "rampart/analysis/results_scan.hpp"
#include "rampart/scenarios/country.hpp"
#include "written_results.hpp"

namespace rampart::analysis {
namespace {

namespace fs = std::filesystem;

const scenarios::CountryTable& country_table() {
  static const auto table = scenarios::load_country_table(RAMPART_SOURCE_DIR "/scenarios");
  return table;
}

const fs::path kObserved = RAMPART_SOURCE_DIR "/scenarios/data/observed/nato_2014_2024.csv";

double number(const Cell& cell) {
  if (const auto* value = std::get_if<double>(&cell)) return *value;
  if (const auto* value = std::get_if<std::int64_t>(&cell)) return static_cast<double>(*value);
  return std::nan("");
}

// Known answers computed independently (Python, by the definitions in docs/analysis.md) from
// scenarios/data/observed/nato_2014_2024.csv.
TEST(ObservedBurden, Nato2014And2024) {
  const auto data = load_observed_csv(kObserved, country_table());
  const Table table = observed_burden_table(data, "", kObserved);
  ASSERT_EQ(table.columns(), (std::vector<std::string>{"year", "allies", "us_share_nato", "at_2pct",
                                                       "at_3_5pct", "oz_rho", "oz_p", "gini"}));
  ASSERT_EQ(table.rows().size(), 2U);
  const auto& y2014 = table.rows()[0];
  EXPECT_EQ(number(y2014[0]), 2014);
  EXPECT_EQ(number(y2014[1]), 28);
  EXPECT_NEAR(number(y2014[2]), 0.692827, 1e-6);
  EXPECT_EQ(number(y2014[3]), 3);  // USA, GBR, GRC: the Wales pledge year
  EXPECT_EQ(number(y2014[4]), 1);  // USA
  EXPECT_NEAR(number(y2014[5]), 0.357935, 1e-6);
  EXPECT_NEAR(number(y2014[7]), 0.252777, 1e-6);
  const auto& y2024 = table.rows()[1];
  EXPECT_EQ(number(y2024[0]), 2024);
  EXPECT_EQ(number(y2024[1]), 32);
  EXPECT_NEAR(number(y2024[2]), 0.655973, 1e-6);
  EXPECT_EQ(number(y2024[3]), 23);
  EXPECT_EQ(number(y2024[4]), 1);  // POL
  EXPECT_NEAR(number(y2024[5]), 0.055540, 1e-6);
  EXPECT_GT(number(y2024[6]), 0.5);  // no Olson-Zeckhauser exploitation left by 2024
  EXPECT_NEAR(number(y2024[7]), 0.189433, 1e-6);
}

TEST(ObservedBurden, YearSelection) {
  const auto data = load_observed_csv(kObserved, country_table());
  EXPECT_EQ(observed_burden_table(data, "2024", kObserved).rows().size(), 1U);
  EXPECT_EQ(observed_burden_table(data, "2010-2020", kObserved).rows().size(), 1U);
  EXPECT_EQ(observed_burden_table(data, "all", kObserved).rows().size(), 2U);
  EXPECT_EQ(observed_burden_table(data, "2014,2024", kObserved).rows().size(), 2U);
  EXPECT_THROW(observed_burden_table(data, "2030", kObserved), RequestError);
  EXPECT_THROW(observed_burden_table(data, "20x4", kObserved), RequestError);
  EXPECT_THROW(observed_burden_table(data, "2024-2014", kObserved), RequestError);
}

TEST(ObservedBurden, FileWithoutYearsGivesOneRow) {
  const auto data = parse_observed_csv("country,gdp,spending_pct\nUSA,100,3\nDEU,50,2\nFRA,40,2\n",
                                       "x.csv", country_table());
  const Table table = observed_burden_table(data, "", "x.csv");
  ASSERT_EQ(table.rows().size(), 1U);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(table.rows()[0][0]));
  EXPECT_DOUBLE_EQ(number(table.rows()[0][2]), 3.0 / 4.8);  // spending 3, 1 and 0.8
  EXPECT_THROW(observed_burden_table(data, "2024", "x.csv"), RequestError);
}

// Two scenarios x 64 runs, horizon 2030, written once by the built binary.
const fs::path& results_file() {
  static const fs::path file = test::write_results(
      "burden_burden.h5", "baseline us_disengagement --runs 64 --horizon 2030 --seed 3");
  return file;
}

const BurdenRow& row_of(const BurdenResult& result, const std::string& scenario, int year,
                        const std::string& index) {
  for (const auto& row : result.rows) {
    if (row.scenario == scenario && row.year == year && row.index == index) return row;
  }
  throw std::out_of_range("no row " + scenario + " " + std::to_string(year) + " " + index);
}

double decimal(float value) {
  std::array<char, 32> text{};
  const auto end = std::to_chars(text.data(), text.data() + text.size(), value).ptr;
  double out = 0.0;
  std::from_chars(text.data(), end, out);
  return out;
}

TEST(SimulatedBurden, DefaultYearsIncludeTheDataYear) {
  ASSERT_FALSE(results_file().empty()) << "rampart run failed";
  const ResultsScan scan(results_file());
  const auto result = simulated_burden(scan, {});
  std::vector<int> years;
  for (const auto& row : result.rows) {
    if (row.scenario == "baseline" && row.index == "allies") years.push_back(row.year);
  }
  EXPECT_EQ(years, (std::vector<int>{2024, 2025, 2030}));
  // Rows per scenario and year: 12 indices (every scenario has frontline-tier-1 states).
  EXPECT_EQ(result.rows.size(), 2U * 3U * kBurdenIndexNames.size());
}

// The 2024 cross-section is the data in every run: the known 2024 facts, with no spread.
TEST(SimulatedBurden, DataYearReproducesTheData) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  const auto result = simulated_burden(scan, {{"baseline"}, "2024", 0.95});
  const auto& at_2pct = row_of(result, "baseline", 2024, "at_2pct");
  EXPECT_EQ(at_2pct.runs, 64);
  EXPECT_EQ(at_2pct.mean, 23.0);
  EXPECT_EQ(at_2pct.se, 0.0);
  EXPECT_EQ(at_2pct.quantiles[0], 23.0);
  EXPECT_EQ(at_2pct.quantiles[2], 23.0);
  EXPECT_EQ(row_of(result, "baseline", 2024, "allies").mean, 32.0);
  EXPECT_NEAR(row_of(result, "baseline", 2024, "us_share_nato").mean, 0.65597, 1e-4);
  EXPECT_EQ(row_of(result, "baseline", 2024, "europe_capability").mean, 1.0);
  const auto& crisis = row_of(result, "baseline", 2024, "P(crisis by year)");
  EXPECT_TRUE(crisis.is_proportion);
  EXPECT_EQ(crisis.mean, 0.0);
  EXPECT_TRUE(std::isnan(crisis.quantiles[1]));
}

// Every index of 2030 against a recomputation from ResultsReader's per-run series.
TEST(SimulatedBurden, MatchesAnIndependentRecomputation) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  const auto result = simulated_burden(scan, {{"us_disengagement"}, "2030", 0.9});
  const auto& reader = scan.reader();
  const std::size_t s = scan.scenario_index("us_disengagement");
  const int y = scan.year_index(2030);
  const auto& table = scan.countries(s);
  const auto& codes = scan.country_codes();
  const std::size_t states = codes.size();
  std::vector<std::vector<float>> gdp(states);
  std::vector<std::vector<float>> share(states);
  std::vector<std::vector<float>> capability(states);
  std::vector<std::vector<float>> capability_2024(states);
  std::vector<std::vector<float>> deterrence(states);
  for (std::size_t c = 0; c < states; ++c) {
    const int state = static_cast<int>(c);
    gdp[c] = reader.state_over_runs(sim::StateVar::Gdp, s, y, state);
    share[c] = reader.state_over_runs(sim::StateVar::SpendingShare, s, y, state);
    capability[c] = reader.state_over_runs(sim::StateVar::Capability, s, y, state);
    capability_2024[c] = reader.state_over_runs(sim::StateVar::Capability, s, 0, state);
    deterrence[c] = reader.state_over_runs(sim::StateVar::DeterrenceRatio, s, y, state);
  }
  double gini_sum = 0.0;
  double us_sum = 0.0;
  double at_2pct_sum = 0.0;
  double europe_sum = 0.0;
  double frontline_sum = 0.0;
  int significant = 0;
  for (std::size_t r = 0; r < 64; ++r) {
    std::vector<double> g;
    std::vector<double> sh;
    std::vector<unsigned char> nato;
    int us = -1;
    double europe = 0.0;
    double europe_2024 = 0.0;
    double weakest = 1e300;
    for (std::size_t c = 0; c < states; ++c) {
      const auto& country = table.countries[*table.index_of(codes[c])];
      if (country.is_us()) us = static_cast<int>(c);
      g.push_back(gdp[c][r]);
      sh.push_back(decimal(share[c][r]));
      nato.push_back(country.nato ? 1 : 0);
      if (country.iso3 != "USA" && country.iso3 != "CAN") {
        europe += capability[c][r];
        europe_2024 += capability_2024[c][r];
      }
      if (country.frontline_tier == 1) weakest = std::min<double>(weakest, deterrence[c][r]);
    }
    const auto indices = burden_indices({g, sh, nato, us});
    gini_sum += indices.gini;
    us_sum += indices.us_share_nato;
    at_2pct_sum += indices.allies_at_2pct;
    europe_sum += europe / europe_2024;
    frontline_sum += weakest;
    if (indices.olson_zeckhauser.p_value < 0.05) ++significant;
  }
  EXPECT_NEAR(row_of(result, "us_disengagement", 2030, "gini").mean, gini_sum / 64, 1e-12);
  EXPECT_NEAR(row_of(result, "us_disengagement", 2030, "us_share_nato").mean, us_sum / 64, 1e-12);
  EXPECT_DOUBLE_EQ(row_of(result, "us_disengagement", 2030, "at_2pct").mean, at_2pct_sum / 64);
  EXPECT_NEAR(row_of(result, "us_disengagement", 2030, "europe_capability").mean, europe_sum / 64,
              1e-12);
  EXPECT_NEAR(row_of(result, "us_disengagement", 2030, "frontline_deterrence").mean,
              frontline_sum / 64, 1e-9);
  const auto& oz = row_of(result, "us_disengagement", 2030, "oz_p_below_0.05");
  EXPECT_DOUBLE_EQ(oz.mean, significant / 64.0);
  EXPECT_LE(oz.ci_low, oz.mean);
  EXPECT_GE(oz.ci_high, oz.mean);

  // Crisis and failure probabilities by 2030 from the yearly outcome codes.
  std::vector<bool> crisis(64, false);
  std::vector<bool> failure(64, false);
  for (int year = 0; year <= y; ++year) {
    const auto outcome = reader.codes_over_runs(sim::WorldCode::CrisisOutcome, s, year);
    for (std::size_t r = 0; r < 64; ++r) {
      crisis[r] = crisis[r] || outcome[r] != 0;
      failure[r] = failure[r] || outcome[r] == 3;
    }
  }
  const auto count = [](const std::vector<bool>& flags) {
    return static_cast<double>(std::count(flags.begin(), flags.end(), true));
  };
  EXPECT_DOUBLE_EQ(row_of(result, "us_disengagement", 2030, "P(crisis by year)").mean,
                   count(crisis) / 64);
  EXPECT_DOUBLE_EQ(row_of(result, "us_disengagement", 2030, "P(deterrence failure by year)").mean,
                   count(failure) / 64);
}

TEST(SimulatedBurden, SameResultAtAnyThreadCount) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  const auto rows_with = [&](std::size_t threads) {
    const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    return simulated_burden(scan, {{}, "all", 0.95}).rows;
  };
  const auto one = rows_with(1);
  const auto four = rows_with(4);
  ASSERT_EQ(one.size(), four.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].index, four[i].index);
    EXPECT_TRUE(one[i].mean == four[i].mean ||
                (std::isnan(one[i].mean) && std::isnan(four[i].mean)));
    EXPECT_TRUE(one[i].quantiles == four[i].quantiles ||
                (std::isnan(one[i].quantiles[1]) && std::isnan(four[i].quantiles[1])));
  }
}

TEST(SimulatedBurden, UnknownNamesAreRequestErrors) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  try {
    simulated_burden(scan, {{"baselin"}, "", 0.95});
    FAIL() << "expected RequestError";
  } catch (const RequestError& e) {
    EXPECT_NE(e.diagnostics().front().message.find("did you mean 'baseline'"), std::string::npos)
        << e.diagnostics().front().message;
  }
  EXPECT_THROW(simulated_burden(scan, {{}, "2040", 0.95}), RequestError);
  EXPECT_THROW(simulated_burden(scan, {{}, "", 1.5}), RequestError);
}

TEST(SimulatedBurden, TableIsTidy) {
  ASSERT_FALSE(results_file().empty());
  const ResultsScan scan(results_file());
  const Table table = to_table(simulated_burden(scan, {{"baseline"}, "2030", 0.95}));
  EXPECT_EQ(table.columns(),
            (std::vector<std::string>{"scenario", "year", "index", "runs", "mean", "se", "ci_low",
                                      "ci_high", "q05", "q50", "q95"}));
  EXPECT_EQ(table.rows().size(), kBurdenIndexNames.size());
  EXPECT_FALSE(table.notes().empty());
}

}  // namespace
}  // namespace rampart::analysis
