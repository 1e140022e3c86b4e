// Outcome expressions and conditions: every valid form, every error form with its column, "did
// you mean", robustness against arbitrary text, and evaluation equal to a hand computation from
// the values ResultsReader reads.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "rampart/analysis/burden_indices.hpp"
#include "rampart/analysis/errors.hpp"
#include "rampart/analysis/outcome.hpp"
#include "rampart/analysis/results_scan.hpp"

namespace rampart::analysis {
namespace {

namespace fs = std::filesystem;

// One results file for the whole suite: baseline and us_disengagement, 64 runs each.
class OutcomeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("rampart_outcome_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    file_ = dir_ / "two.h5";
    const std::string command = std::string(RAMPART_BINARY) +
                                " run baseline us_disengagement --runs 64 --seed 11 --threads 1 "
                                "-q --force -o " +
                                file_.string() + " > " + (dir_ / "log.txt").string() + " 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    scan_ = new ResultsScan(file_);
  }
  static void TearDownTestSuite() {
    delete scan_;
    scan_ = nullptr;
    fs::remove_all(dir_);
  }

  static const ResultsScan& scan() { return *scan_; }
  static int last_year() { return scan_->years().back(); }

  // Message of the RequestError that parsing `text` throws ("" if it parses).
  static std::string outcome_error(const std::string& text) {
    try {
      (void)Outcome::parse(text, scan());
    } catch (const RequestError& e) {
      return e.what();
    }
    return "";
  }
  static std::string condition_error(const std::string& text) {
    try {
      (void)Condition::parse(text, scan());
    } catch (const RequestError& e) {
      return e.what();
    }
    return "";
  }

  // The outcome's value for every run of `scenario`, in run order.
  static std::vector<double> values(const Outcome& o, std::size_t scenario) {
    std::vector<double> v(static_cast<std::size_t>(scan().complete_runs(scenario)),
                          std::numeric_limits<double>::quiet_NaN());
    scan().for_each_block(scenario, o.needs(), [&](const RunBlock& b) {
      for (int r = 0; r < b.runs; ++r)
        v[static_cast<std::size_t>(b.first_run + r)] = o.evaluate(b, r);
    });
    return v;
  }
  static std::vector<int> truths(const Condition& c, std::size_t scenario) {
    std::vector<int> v(static_cast<std::size_t>(scan().complete_runs(scenario)), -1);
    scan().for_each_block(scenario, c.needs(), [&](const RunBlock& b) {
      for (int r = 0; r < b.runs; ++r)
        v[static_cast<std::size_t>(b.first_run + r)] = c.evaluate(b, r) ? 1 : 0;
    });
    return v;
  }

  static fs::path dir_;
  static fs::path file_;
  static ResultsScan* scan_;
};

fs::path OutcomeTest::dir_;
fs::path OutcomeTest::file_;
ResultsScan* OutcomeTest::scan_ = nullptr;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_F(OutcomeTest, ValidFormsGiveCanonicalLabels) {
  const std::string last = std::to_string(last_year());
  EXPECT_EQ(Outcome::parse("crises", scan()).label(), "crises");
  EXPECT_EQ(Outcome::parse("  first_failure_year ", scan()).label(), "first_failure_year");
  EXPECT_EQ(Outcome::parse("spending_share[nato-europe]@2030", scan()).label(),
            "spending_share[NATO-Europe]@2030");
  EXPECT_EQ(Outcome::parse("spending_share [ EU ] @ 2030", scan()).label(),
            "spending_share[EU]@2030");
  EXPECT_EQ(Outcome::parse("gdp[deu]", scan()).label(), "gdp[DEU]@" + last);
  EXPECT_EQ(Outcome::parse("us_presence@2030", scan()).label(), "us_presence@2030");
  EXPECT_EQ(Outcome::parse("threat", scan()).label(), "threat@" + last);
  EXPECT_EQ(Outcome::parse("war_state@2026", scan()).label(), "war_state@2026");
  for (const char* index : {"us_share_nato", "allies_at_2pct", "allies_at_3_5pct", "oz_rho", "gini",
                            "europe_capability", "frontline_deterrence"}) {
    EXPECT_EQ(Outcome::parse(index, scan()).label(), std::string(index) + "@" + last);
  }
  EXPECT_EQ(Condition::parse("first_failure_year<=2032", scan()).label(),
            "first_failure_year <= 2032");
  EXPECT_EQ(Condition::parse("crises >= 1 and threat@2030 < 1.5 or gini != 0.25", scan()).label(),
            "crises >= 1 and threat@2030 < 1.5 or gini@" + last + " != 0.25");
}

TEST_F(OutcomeTest, EveryNameOfTheListParses) {
  for (const auto& name : outcome_names()) {
    const std::string text = name == "spending_share" || name == "gdp" || name == "related_share" ||
                                     name == "spending" || name == "capability" ||
                                     name == "aid_share" || name == "commitment" ||
                                     name == "security_weight" || name == "perceived_threat" ||
                                     name == "deterrence_ratio"
                                 ? name + "[EU]"
                                 : name;
    EXPECT_NO_THROW((void)Outcome::parse(text, scan())) << text;
  }
}

TEST_F(OutcomeTest, NeedsListsExactlyTheSeriesRead) {
  const auto share = Outcome::parse("spending_share[EU]", scan()).needs();
  EXPECT_EQ(share.state.size(), 2U);  // the share and GDP to weight it
  EXPECT_NE(std::find(share.state.begin(), share.state.end(), sim::StateVar::Gdp),
            share.state.end());
  EXPECT_TRUE(share.world.empty() && share.codes.empty() && share.summary.empty());
  const auto commitment = Outcome::parse("commitment[EU]", scan()).needs();
  ASSERT_EQ(commitment.state.size(), 1U);
  EXPECT_EQ(commitment.state[0], sim::StateVar::Commitment);
  const auto crises = Outcome::parse("crises", scan()).needs();
  EXPECT_TRUE(crises.state.empty());
  ASSERT_EQ(crises.summary.size(), 1U);
  EXPECT_EQ(crises.summary[0], sim::SummaryVar::Crises);
  const auto failure = Outcome::parse("first_failure_year", scan()).needs();
  ASSERT_EQ(failure.codes.size(), 1U);
  EXPECT_EQ(failure.codes[0], sim::WorldCode::CrisisOutcome);
  const auto condition =
      Condition::parse("crises > 0 and threat < 2 or crises > 1", scan()).needs();
  EXPECT_EQ(condition.summary.size(), 1U);  // no duplicates
  EXPECT_EQ(condition.world.size(), 1U);
  EXPECT_FALSE(condition.parameters);
}

TEST_F(OutcomeTest, ErrorsNamePositionAndAlternatives) {
  EXPECT_TRUE(contains(outcome_error(""), "at column 1: expected an outcome name"));
  const auto unknown = outcome_error("crisis");
  EXPECT_TRUE(contains(unknown, "at column 1: unknown outcome 'crisis'")) << unknown;
  EXPECT_TRUE(contains(unknown, "did you mean 'crises'")) << unknown;
  EXPECT_TRUE(contains(unknown, "us_share_nato")) << unknown;  // the allowed names
  EXPECT_TRUE(contains(unknown, scan().path().string())) << unknown;
  EXPECT_TRUE(contains(outcome_error("spending_share"),
                       "at column 15: 'spending_share' is a "
                       "per-state series"));
  const auto group = outcome_error("spending_share[NATO-Europ]");
  EXPECT_TRUE(contains(group, "at column 16")) << group;
  EXPECT_TRUE(contains(group, "NATO-Europe")) << group;
  EXPECT_TRUE(contains(outcome_error("spending_share[EU"), "at column 15: '[' without a closing"));
  EXPECT_TRUE(contains(outcome_error("spending_share[ ]"), "expected a group or ISO3 code"));
  EXPECT_TRUE(contains(outcome_error("crises@2030"), "at column 7: 'crises' is one value per run"));
  EXPECT_TRUE(contains(outcome_error("crises[EU]"), "takes no [...]"));
  const auto year = outcome_error("threat@2099");
  EXPECT_TRUE(contains(year, "at column 8: year 2099 is outside the file's years 2024..")) << year;
  EXPECT_TRUE(contains(outcome_error("threat@"), "at column 8: expected a year"));
  EXPECT_TRUE(contains(outcome_error("threat@x"), "expected a year after '@', found 'x'"));
  EXPECT_TRUE(contains(outcome_error("crises 3"), "at column 8: unexpected '3'"));
  EXPECT_TRUE(contains(outcome_error("crises > 3"), "makes a condition"));

  EXPECT_TRUE(contains(condition_error("crises 3"), "at column 8: expected a comparison operator"));
  EXPECT_TRUE(contains(condition_error("crises"), "at column 7: expected a comparison operator"));
  EXPECT_TRUE(contains(condition_error("crises >= x"), "at column 11: expected a number"));
  EXPECT_TRUE(contains(condition_error("crises >= nan"), "expected a number"));
  EXPECT_TRUE(contains(condition_error("crises >= 1x"), "expected a number"));
  EXPECT_TRUE(contains(condition_error("crises >= 1 xor threat < 2"),
                       "at column 13: expected 'and', 'or' or the end, found 'xor'"));
  EXPECT_TRUE(contains(condition_error("crises >= 1 and"), "at column 16: expected an outcome"));
  EXPECT_TRUE(contains(condition_error("crises => 1"), "expected a comparison operator"));
}

// Arbitrary text never crashes or hangs the parser: it parses or throws RequestError.
TEST_F(OutcomeTest, ArbitraryTextParsesOrThrowsRequestError) {
  const std::vector<std::string> pieces{"crises",
                                        "spending_share",
                                        "[",
                                        "]",
                                        "@",
                                        "2030",
                                        "EU",
                                        "and",
                                        "or",
                                        " ",
                                        "<=",
                                        "!",
                                        "=",
                                        "1e9",
                                        "-",
                                        "\t",
                                        "\xc3\xa9",
                                        "NATO-Europe",
                                        "gini",
                                        "0x1p3",
                                        "first_failure_year",
                                        "(",
                                        "[[",
                                        "@@",
                                        "9999999999999999999"};
  std::uint64_t state = 0x9e3779b97f4a7c15ULL;  // fixed test inputs, not model randomness
  for (int trial = 0; trial < 3000; ++trial) {
    std::string text;
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const int count = static_cast<int>((state >> 33) % 8);
    for (int k = 0; k < count; ++k) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      text += pieces[(state >> 33) % pieces.size()];
    }
    try {
      (void)Outcome::parse(text, scan());
    } catch (const RequestError&) {
    }
    try {
      (void)Condition::parse(text, scan());
    } catch (const RequestError&) {
    }
  }
}

TEST_F(OutcomeTest, EvaluateEqualsAHandComputationFromTheReader) {
  const auto& reader = scan().reader();
  const std::size_t scenario = 1;  // us_disengagement
  const auto& countries = scan().countries(scenario).countries;
  const auto n = countries.size();
  const int y2030 = scan().year_index(2030);
  const auto last = static_cast<int>(scan().years().size()) - 1;

  const auto share = values(Outcome::parse("spending_share[NATO-Europe]@2030", scan()), scenario);
  const auto commitment = values(Outcome::parse("commitment[EU]", scan()), scenario);
  const auto us_share = values(Outcome::parse("us_share_nato", scan()), scenario);
  const auto at2 = values(Outcome::parse("allies_at_2pct@2030", scan()), scenario);
  const auto capability = values(Outcome::parse("europe_capability", scan()), scenario);
  const auto frontline = values(Outcome::parse("frontline_deterrence@2030", scan()), scenario);
  const auto presence = values(Outcome::parse("us_presence@2030", scan()), scenario);
  const auto crises = values(Outcome::parse("crises", scan()), scenario);
  const auto failure = values(Outcome::parse("first_failure_year", scan()), scenario);
  const auto condition = truths(
      Condition::parse("crises >= 1 and us_presence@2030 < 0.9 or deterrence_failures > 0", scan()),
      scenario);
  const auto not_equal = truths(Condition::parse("first_failure_year != 0", scan()), scenario);

  ASSERT_EQ(share.size(), 64U);
  for (std::int64_t run = 0; run < 64; ++run) {
    const auto k = static_cast<std::size_t>(run);
    const auto s = reader.state(sim::StateVar::SpendingShare, scenario, run);
    const auto gdp = reader.state(sim::StateVar::Gdp, scenario, run);
    const auto comm = reader.state(sim::StateVar::Commitment, scenario, run);
    const auto cap = reader.state(sim::StateVar::Capability, scenario, run);
    const auto ratio = reader.state(sim::StateVar::DeterrenceRatio, scenario, run);
    const auto at = [n](int year, std::size_t c) { return static_cast<std::size_t>(year) * n + c; };
    double weighted = 0.0, weight = 0.0, comm_sum = 0.0, eu = 0.0, us = 0.0, nato = 0.0;
    double cap_now = 0.0, cap_base = 0.0, lowest = std::numeric_limits<double>::infinity();
    int allies2 = 0;
    for (std::size_t c = 0; c < n; ++c) {
      const auto& country = countries[c];
      const bool europe = country.iso3 != "USA" && country.iso3 != "CAN";
      if (country.nato && europe) {
        weighted += double{s[at(y2030, c)]} * double{gdp[at(y2030, c)]};
        weight += double{gdp[at(y2030, c)]};
      }
      if (country.eu) {
        comm_sum += double{comm[at(last, c)]};
        eu += 1.0;
      }
      if (country.nato) {
        // Index outcomes read shares as the decimal the stored float stands for.
        const double spend = decimal_of_stored(s[at(last, c)]) * double{gdp[at(last, c)]};
        nato += spend;
        if (country.iso3 == "USA") us = spend;
        if (decimal_of_stored(s[at(y2030, c)]) >= 0.02) ++allies2;
      }
      if (europe) {
        cap_now += double{cap[at(last, c)]};
        cap_base += double{cap[at(0, c)]};
      }
      if (country.frontline_tier == 1) lowest = std::min(lowest, double{ratio[at(y2030, c)]});
    }
    EXPECT_NEAR(share[k], weighted / weight, 1e-12) << run;
    EXPECT_NEAR(commitment[k], comm_sum / eu, 1e-12) << run;
    EXPECT_NEAR(us_share[k], us / nato, 1e-9) << run;
    EXPECT_EQ(at2[k], allies2) << run;
    EXPECT_NEAR(capability[k], cap_now / cap_base, 1e-12) << run;
    EXPECT_EQ(frontline[k], lowest) << run;
    const double presence_2030 = double{
        reader.world(sim::WorldVar::UsPresence, scenario, run)[static_cast<std::size_t>(y2030)]};
    EXPECT_EQ(presence[k], presence_2030) << run;
    const double crisis_count = double{reader.summary(sim::SummaryVar::Crises, scenario, run)};
    EXPECT_EQ(crises[k], crisis_count) << run;

    const auto codes = reader.codes(sim::WorldCode::CrisisOutcome, scenario, run);
    double first_failure = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t y = 0; y < codes.size(); ++y) {
      if (codes[y] == 3) {
        first_failure = scan().years()[y];
        break;
      }
    }
    if (std::isnan(first_failure)) {
      EXPECT_TRUE(std::isnan(failure[k])) << run;
    } else {
      EXPECT_EQ(failure[k], first_failure) << run;
    }
    const double failures =
        double{reader.summary(sim::SummaryVar::DeterrenceFailures, scenario, run)};
    const bool expected = (crisis_count >= 1 && presence_2030 < 0.9) || failures > 0;
    EXPECT_EQ(condition[k], expected ? 1 : 0) << run;
    // A comparison with NaN is false, != included.
    EXPECT_EQ(not_equal[k], std::isnan(first_failure) ? 0 : 1) << run;
  }
}

// A sweep's points share the base scenario's country table: one member list serves them all.
TEST_F(OutcomeTest, SweepPointsShareOneTable) {
  const fs::path sweep = dir_ / "grid.h5";
  const std::string command = std::string(RAMPART_BINARY) + " sweep " + RAMPART_SOURCE_DIR +
                              "/scenarios/sweeps/presence_threat_grid.toml --threads 1 -q "
                              "--force -o " +
                              sweep.string() + " > " + (dir_ / "sweep_log.txt").string() + " 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const ResultsScan grid(sweep);
  ASSERT_TRUE(grid.reader().is_sweep());
  const Outcome o = Outcome::parse("spending_share[frontline]@2030", grid);
  const std::size_t point = grid.scenario_names().size() - 1;
  std::vector<double> v(static_cast<std::size_t>(grid.complete_runs(point)));
  grid.for_each_block(point, o.needs(), [&](const RunBlock& b) {
    for (int r = 0; r < b.runs; ++r)
      v[static_cast<std::size_t>(b.first_run + r)] = o.evaluate(b, r);
  });
  const auto& countries = grid.countries(0).countries;
  const auto y = static_cast<std::size_t>(grid.year_index(2030));
  for (std::size_t run = 0; run < v.size(); ++run) {
    const auto s =
        grid.reader().state(sim::StateVar::SpendingShare, point, static_cast<std::int64_t>(run));
    const auto gdp = grid.reader().state(sim::StateVar::Gdp, point, static_cast<std::int64_t>(run));
    double weighted = 0.0;
    double weight = 0.0;
    for (std::size_t c = 0; c < countries.size(); ++c) {
      if (countries[c].frontline_tier != 1) continue;
      weighted += double{s[y * countries.size() + c]} * double{gdp[y * countries.size() + c]};
      weight += double{gdp[y * countries.size() + c]};
    }
    EXPECT_NEAR(v[run], weighted / weight, 1e-12) << run;
  }
}

}  // namespace
}  // namespace rampart::analysis
