// Country groups against the calibration table, and the aggregation of state variables over a
// group by hand.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "rampart/analysis/country_groups.hpp"
#include "rampart/scenarios/country.hpp"

namespace rampart::analysis {
namespace {

const scenarios::CountryTable& table() {
  static const scenarios::CountryTable t =
      scenarios::load_country_table(std::string(RAMPART_SOURCE_DIR) + "/scenarios");
  return t;
}

std::set<std::string> codes_of(const CountrySelection& s, const scenarios::CountryTable& t) {
  std::set<std::string> codes;
  for (const int i : s.members) codes.insert(t.countries[static_cast<std::size_t>(i)].iso3);
  return codes;
}

TEST(CountryGroups, BuiltInNamesInDefaultOrder) {
  const auto names = builtin_group_names();
  EXPECT_EQ(
      std::vector<std::string>(names.begin(), names.end()),
      (std::vector<std::string>{"NATO", "EU", "NATO-Europe", "EU-in-NATO", "frontline", "US"}));
}

TEST(CountryGroups, MembershipsMatchTheCountryTable) {
  const auto& t = table();
  ASSERT_EQ(t.countries.size(), 36U);
  const auto nato = resolve_selection("NATO", t);
  const auto eu = resolve_selection("EU", t);
  const auto europe = resolve_selection("NATO-Europe", t);
  const auto eu_nato = resolve_selection("EU-in-NATO", t);
  const auto frontline = resolve_selection("frontline", t);
  const auto us = resolve_selection("US", t);
  EXPECT_EQ(nato.members.size(), 32U);
  EXPECT_EQ(eu.members.size(), 27U);
  EXPECT_EQ(europe.members.size(), 30U);
  EXPECT_EQ(eu_nato.members.size(), 23U);
  EXPECT_EQ(codes_of(frontline, t),
            (std::set<std::string>{"EST", "FIN", "LTU", "LVA", "NOR", "POL"}));
  EXPECT_EQ(codes_of(us, t), (std::set<std::string>{"USA"}));
  for (const auto* g : {&nato, &eu, &europe, &eu_nato, &frontline, &us}) {
    EXPECT_TRUE(g->is_group);
    EXPECT_TRUE(std::is_sorted(g->members.begin(), g->members.end()));
  }
  for (std::size_t i = 0; i < t.countries.size(); ++i) {
    const auto& c = t.countries[i];
    const int index = static_cast<int>(i);
    auto has = [&](const CountrySelection& s) {
      return std::find(s.members.begin(), s.members.end(), index) != s.members.end();
    };
    EXPECT_EQ(has(nato), c.nato) << c.iso3;
    EXPECT_EQ(has(eu), c.eu) << c.iso3;
    EXPECT_EQ(has(europe), c.nato && c.iso3 != "USA" && c.iso3 != "CAN") << c.iso3;
    EXPECT_EQ(has(eu_nato), c.nato && c.eu) << c.iso3;
    EXPECT_EQ(has(frontline), c.frontline_tier == 1) << c.iso3;
  }
}

TEST(CountryGroups, MembershipsFollowTheScenario) {
  scenarios::CountryTable t = table();
  t.countries[*t.index_of("AUT")].nato = true;  // a counterfactual scenario
  EXPECT_EQ(resolve_selection("NATO", t).members.size(), 33U);
  EXPECT_EQ(resolve_selection("EU-in-NATO", t).members.size(), 24U);
}

TEST(CountryGroups, NamesAreCaseInsensitiveAndCanonical) {
  const auto& t = table();
  const auto g = resolve_selection("nato-europe", t);
  EXPECT_EQ(g.name, "NATO-Europe");
  const auto c = resolve_selection("deu", t);
  EXPECT_EQ(c.name, "DEU");
  EXPECT_FALSE(c.is_group);
  EXPECT_EQ(c.members, (std::vector<int>{static_cast<int>(*t.index_of("DEU"))}));
  EXPECT_EQ(resolve_selection("Frontline", t).name, "frontline");
}

TEST(CountryGroups, UnknownNamesSuggestAndList) {
  try {
    static_cast<void>(resolve_selection("NAT0", table()));
    FAIL();
  } catch (const std::invalid_argument& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("'NAT0'"), std::string::npos) << m;
    EXPECT_NE(m.find("did you mean 'NATO'"), std::string::npos) << m;
    EXPECT_NE(m.find("NATO, EU, NATO-Europe, EU-in-NATO, frontline, US"), std::string::npos) << m;
    EXPECT_NE(m.find("DEU"), std::string::npos) << m;
  }
  try {
    static_cast<void>(resolve_selection("DUE", table()));
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'DEU'"), std::string::npos) << e.what();
  }
}

TEST(CountryGroups, AggregationKinds) {
  EXPECT_EQ(aggregation_of(sim::StateVar::Gdp), Aggregation::Sum);
  EXPECT_EQ(aggregation_of(sim::StateVar::Spending), Aggregation::Sum);
  EXPECT_EQ(aggregation_of(sim::StateVar::Capability), Aggregation::Sum);
  EXPECT_EQ(aggregation_of(sim::StateVar::SpendingShare), Aggregation::GdpWeighted);
  EXPECT_EQ(aggregation_of(sim::StateVar::RelatedShare), Aggregation::GdpWeighted);
  EXPECT_EQ(aggregation_of(sim::StateVar::AidShare), Aggregation::GdpWeighted);
  EXPECT_EQ(aggregation_of(sim::StateVar::Commitment), Aggregation::Mean);
  EXPECT_EQ(aggregation_of(sim::StateVar::SecurityWeight), Aggregation::Mean);
  EXPECT_EQ(aggregation_of(sim::StateVar::PerceivedThreat), Aggregation::Mean);
  EXPECT_EQ(aggregation_of(sim::StateVar::DeterrenceRatio), Aggregation::Mean);
}

TEST(CountryGroups, AggregateByHand) {
  const std::vector<float> share{0.02F, 0.03F, 0.04F};
  const std::vector<float> gdp{100.0F, 200.0F, 700.0F};
  const std::vector<int> first_and_last{0, 2};
  // (0.02 * 100 + 0.04 * 700) / 800, computed in double from the float inputs.
  const double weighted =
      (static_cast<double>(0.02F) * 100.0 + static_cast<double>(0.04F) * 700.0) / 800.0;
  EXPECT_DOUBLE_EQ(aggregate(sim::StateVar::SpendingShare, share, gdp, first_and_last), weighted);
  EXPECT_NEAR(weighted, 0.0375, 1e-9);
  EXPECT_DOUBLE_EQ(aggregate(sim::StateVar::Gdp, gdp, gdp, first_and_last), 800.0);
  EXPECT_DOUBLE_EQ(aggregate(sim::StateVar::Commitment, share, {}, first_and_last),
                   (static_cast<double>(0.02F) + static_cast<double>(0.04F)) / 2.0);
  EXPECT_TRUE(std::isnan(aggregate(sim::StateVar::Gdp, gdp, gdp, {})));
}

TEST(CountryGroups, RunsTogetherAggregateAsEachAlone) {
  // Rows of different runs: lane k of aggregate_runs equals aggregate of row k, bit for bit.
  constexpr std::size_t kCountries = 36;
  std::vector<std::vector<float>> values(kRunsTogether, std::vector<float>(kCountries));
  std::vector<std::vector<float>> gdp(kRunsTogether, std::vector<float>(kCountries));
  for (std::size_t k = 0; k < kRunsTogether; ++k) {
    for (std::size_t c = 0; c < kCountries; ++c) {
      values[k][c] = 0.01F * static_cast<float>((c * 7 + k * 13) % 29) + 1e-3F;
      gdp[k][c] = 100.0F * static_cast<float>((c * 11 + k * 5) % 31 + 1) / 3.0F;
    }
  }
  std::array<const float*, kRunsTogether> value_rows{};
  std::array<const float*, kRunsTogether> gdp_rows{};
  for (std::size_t k = 0; k < kRunsTogether; ++k) {
    value_rows[k] = values[k].data();
    gdp_rows[k] = gdp[k].data();
  }
  const std::vector<int> members{35, 0, 3, 17, 4, 22, 9, 30, 1};
  for (const auto v :
       {sim::StateVar::Gdp, sim::StateVar::SpendingShare, sim::StateVar::Commitment}) {
    const auto together = aggregate_runs(v, value_rows, gdp_rows, members);
    for (std::size_t k = 0; k < kRunsTogether; ++k) {
      EXPECT_EQ(together[k], aggregate(v, values[k], gdp[k], members)) << "lane " << k;
    }
    for (const double x : aggregate_runs(v, value_rows, gdp_rows, {})) EXPECT_TRUE(std::isnan(x));
  }
}

}  // namespace
}  // namespace rampart::analysis
