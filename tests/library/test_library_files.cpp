// Every library scenario loads, round-trips through to_toml, extends the baseline (except the
// validation case) and encodes its view in the parameters its documentation says it does.

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "library_fixture.hpp"
#include "rampart/scenarios/parameters.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/support/errors.hpp"

namespace rampart::test {
namespace {

using scenarios::Distribution;
using scenarios::Param;
using scenarios::Scenario;

Scenario load(std::string_view name) {
  try {
    return scenarios::load_scenario(library_file(name), countries());
  } catch (const support::InputError& e) {
    std::string all;
    for (const auto& d : e.diagnostics()) all += d.format() + "\n";
    ADD_FAILURE() << all;
    throw;
  }
}

toml::table raw_table(std::string_view name) {
  std::ifstream in(library_file(name));
  std::stringstream text;
  text << in.rdbuf();
  return toml::parse(text.str());
}

void expect_same(const Scenario& a, const Scenario& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.view, b.view);
  EXPECT_EQ(a.horizon, b.horizon);
  EXPECT_EQ(a.start_year, b.start_year);
  EXPECT_EQ(a.seed, b.seed);
  for (std::size_t p = 0; p < scenarios::kNumParams; ++p) {
    const Distribution& x = a.parameters[p];
    const Distribution& y = b.parameters[p];
    const auto path = scenarios::spec(Param(p)).path;
    EXPECT_EQ(x.kind, y.kind) << path;
    // Quantiles pin the whole distribution down, whatever its kind.
    for (double u : {0.01, 0.25, 0.5, 0.75, 0.99}) {
      EXPECT_EQ(x.quantile(u), y.quantile(u)) << path << " at u=" << u;
    }
  }
  ASSERT_EQ(a.countries.size(), b.countries.size());
  for (std::size_t i = 0; i < a.countries.size(); ++i) {
    EXPECT_EQ(a.countries[i].iso3, b.countries[i].iso3);
    EXPECT_EQ(a.countries[i].exposure, b.countries[i].exposure);
    EXPECT_EQ(a.countries[i].populism, b.countries[i].populism);
    EXPECT_EQ(a.countries[i].compliance, b.countries[i].compliance);
  }
}

class LibraryFile : public ::testing::TestWithParam<std::string_view> {};

TEST_P(LibraryFile, LoadsAndRoundTrips) {
  const Scenario s = load(GetParam());
  EXPECT_EQ(s.name, GetParam());
  EXPECT_FALSE(s.description.empty());
  EXPECT_FALSE(s.view.empty());
  EXPECT_EQ(s.countries.size(), 36U);
  const Scenario again =
      scenarios::parse_scenario(scenarios::to_toml(s), "round-trip", countries());
  expect_same(s, again);
}

TEST_P(LibraryFile, ExtendsTheBaselineExceptTheValidationCase) {
  const toml::table table = raw_table(GetParam());
  const auto extends = table["extends"].value<std::string>();
  if (GetParam() == "olson_zeckhauser") {
    EXPECT_FALSE(extends.has_value());
  } else {
    EXPECT_EQ(extends.value_or(""), "baseline.toml");
  }
}

TEST_P(LibraryFile, EveryParameterLineHasAComment) {
  // The library's rule: each parameter set says why, in a comment just above it.
  std::ifstream in(library_file(GetParam()));
  std::string line;
  std::string previous;
  bool in_table = false;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.starts_with("[")) in_table = true;
    const bool assignment = in_table && !line.empty() && line[0] != '#' && line[0] != '[' &&
                            line.find('=') != std::string::npos;
    if (assignment) {
      EXPECT_TRUE(previous.starts_with("#") || previous.find('=') != std::string::npos)
          << GetParam() << ".toml:" << lineno << " sets a parameter without a comment";
    }
    previous = line;
  }
}

INSTANTIATE_TEST_SUITE_P(Library, LibraryFile, ::testing::ValuesIn(kLibraryScenarios),
                         [](const auto& param_info) { return std::string(param_info.param); });

// Only what the view changes differs from the baseline.
std::vector<Param> changed_parameters(const Scenario& s, const Scenario& base) {
  std::vector<Param> out;
  for (std::size_t p = 0; p < scenarios::kNumParams; ++p) {
    const auto& a = s.parameters[p];
    const auto& b = base.parameters[p];
    bool same = a.kind == b.kind;
    for (double u : {0.05, 0.5, 0.95}) same = same && a.quantile(u) == b.quantile(u);
    if (!same) out.push_back(Param(p));
  }
  return out;
}

TEST(LibraryViews, EachScenarioChangesOnlyItsViewsParameters) {
  // What each file sets (docs/scenarios.md explains why); nothing else may differ from
  // the baseline. A file may restate a registry default that is its view's figure, so a listed
  // parameter need not differ.
  const Scenario base = scenarios::load_scenario(library_dir() / "baseline.toml", countries());
  const std::vector<std::pair<std::string_view, std::vector<Param>>> sets{
      {"hague_5pct", {Param::NatoCoreTarget, Param::NatoRelatedTarget, Param::NatoTargetYear}},
      {"us_transactional",
       {Param::UsPolicy, Param::UsThreshold, Param::UsLaggardProtection, Param::UsPressure,
        Param::UsPressureTarget}},
      {"us_disengagement",
       {Param::UsPolicy, Param::UsPresenceFloor, Param::UsDrawdownStart, Param::UsDrawdownYears,
        Param::UsAidEndYear}},
      {"european_pillar",
       {Param::UsPolicy, Param::UsPresenceFloor, Param::UsDrawdownStart, Param::UsDrawdownYears,
        Param::Art427Strength, Param::IndustrialProgrammes, Param::Duplication,
        Param::NatoCoreTarget, Param::NatoTargetYear, Param::EscapeClauseUse,
        Param::SafeAdditionality}},
      {"industrial_ramp",
       {Param::NatoCoreTarget, Param::NatoTargetYear, Param::AbsorptionGrowth,
        Param::UsPurchaseBridge, Param::UsPurchaseUntil, Param::IndustrialProgrammes}},
      {"fragmented_europe",
       {Param::PoliticalDrag, Param::CommitmentPolitics, Param::PopulismDrift,
        Param::ComplianceScale, Param::EscapeClauseUse, Param::SafeAdditionality}},
      {"ukraine_us_exit",
       {Param::UsAidEndYear, Param::AidSubstitution, Param::AidAdjustmentSpeed, Param::EpfUkraine}},
      {"russia_resurgent", {Param::RussiaRebuild, Param::ProbeBase}},
      {"eu_nato_integrated", {Param::EuNatoInterop, Param::Duplication}},
      {"expert_mixture",
       {Param::UsPolicy, Param::UsThreshold, Param::UsLaggardProtection, Param::UsPressure,
        Param::UsPressureTarget, Param::UsPresenceFloor, Param::UsDrawdownStart,
        Param::UsDrawdownYears, Param::RussiaRebuild}},
  };
  for (const auto& [name, listed] : sets) {
    const auto changed = changed_parameters(load(name), base);
    EXPECT_FALSE(changed.empty()) << name;
    for (Param p : changed) {
      EXPECT_NE(std::find(listed.begin(), listed.end(), p), listed.end())
          << name << " changes " << scenarios::spec(p).path << ", which its view does not name";
    }
  }
}

TEST(LibraryViews, KeyFiguresMatchTheBriefing) {
  const Scenario hague = load("hague_5pct");
  EXPECT_EQ(hague.distribution(Param::NatoCoreTarget).quantile(0.5), 0.035);
  EXPECT_EQ(hague.distribution(Param::NatoRelatedTarget).quantile(0.5), 0.015);
  // 2032 (Rutte's letter) and 2035 (the summit) with equal odds.
  EXPECT_EQ(hague.distribution(Param::NatoTargetYear).quantile(0.25), 2032);
  EXPECT_EQ(hague.distribution(Param::NatoTargetYear).quantile(0.75), 2035);

  const Scenario transactional = load("us_transactional");
  EXPECT_EQ(transactional.distribution(Param::UsPolicy).quantile(0.5),
            static_cast<double>(scenarios::UsPolicy::Transactional));
  EXPECT_EQ(transactional.distribution(Param::UsThreshold).quantile(0.5), 0.02);
  EXPECT_EQ(transactional.distribution(Param::UsPressureTarget).quantile(0.5), 0.05);

  for (std::string_view name : {"us_disengagement", "european_pillar"}) {
    const Scenario s = load(name);
    EXPECT_EQ(s.distribution(Param::UsPolicy).quantile(0.5),
              static_cast<double>(scenarios::UsPolicy::Disengaging))
        << name;
  }
  const Scenario industrial = load("industrial_ramp");
  EXPECT_EQ(industrial.distribution(Param::NatoCoreTarget).quantile(0.5), 0.035);
  EXPECT_EQ(industrial.distribution(Param::NatoRelatedTarget).quantile(0.5), 0.0);

  const Scenario integrated = load("eu_nato_integrated");
  EXPECT_EQ(integrated.distribution(Param::EuNatoInterop).quantile(0.5), 1.0);
}

TEST(LibraryViews, ExpertMixtureDrawsTheUsTrajectoryWithStatedWeights) {
  const Scenario s = load("expert_mixture");
  const Distribution& policy = s.distribution(Param::UsPolicy);
  ASSERT_EQ(policy.kind, Distribution::Kind::Discrete);
  ASSERT_EQ(policy.values.size(), 3U);
  EXPECT_NEAR(policy.weights[0], 0.30, 1e-12);
  EXPECT_NEAR(policy.weights[1], 0.45, 1e-12);
  EXPECT_NEAR(policy.weights[2], 0.25, 1e-12);
  EXPECT_EQ(policy.quantile(0.29), 0.0);
  EXPECT_EQ(policy.quantile(0.31), 1.0);
  EXPECT_EQ(policy.quantile(0.76), 2.0);
  const Distribution& threat = s.distribution(Param::RussiaRebuild);
  ASSERT_EQ(threat.kind, Distribution::Kind::Discrete);
  EXPECT_EQ(threat.quantile(0.59), 1.0);
  EXPECT_EQ(threat.quantile(0.61), 2.0);
}

TEST(LibraryViews, OlsonZeckhauserIsThePurePublicGoodCase) {
  const Scenario s = load("olson_zeckhauser");
  const std::vector<std::pair<Param, double>> expected{
      {Param::SecurityWeight, 0.03},    {Param::Depreciation, 1.0},
      {Param::AdjustmentSpeed, 1.0},    {Param::ComplianceScale, 0.0},
      {Param::SpendingNoiseSd, 0.0},    {Param::CommitmentNoiseSd, 0.0},
      {Param::GdpGrowth, 0.0},          {Param::GdpGrowthSd, 0.0},
      {Param::MaxRealGrowth, 2.0},      {Param::FiscalRoom, 0.05},
      {Param::PoliticalDrag, 0.0},      {Param::Art5Strength, 1.0},
      {Param::Art427Strength, 1.0},     {Param::NeutralOptOut, 1.0},
      {Param::EuNatoInterop, 1.0},      {Param::Duplication, 0.0},
      {Param::UsTheatreShare, 1.0},     {Param::UsCommitment, 1.0},
      {Param::CommitmentPolitics, 0.0}, {Param::CommitmentThreat, 0.0},
      {Param::CommitmentFairness, 0.0}, {Param::ThreatSensitivity, 0.0},
      {Param::ProbeBase, 0.0},          {Param::UsPolicy, 0.0},
      {Param::PrivateBenefit, 0.0}};
  for (const auto& [p, v] : expected) {
    ASSERT_TRUE(s.distribution(p).is_fixed()) << scenarios::spec(p).path;
    EXPECT_EQ(s.distribution(p).value, v) << scenarios::spec(p).path;
  }
  // Nothing is uncertain in the validation case.
  EXPECT_TRUE(s.uncertain_parameters().empty());
  // One alliance of all 36: the EU-only states join NATO here.
  for (const auto& c : s.countries) EXPECT_TRUE(c.nato) << c.iso3;
}

}  // namespace
}  // namespace rampart::test
