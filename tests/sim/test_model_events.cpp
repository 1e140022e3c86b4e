// Events and the run summary agree with the recorded series.

#include <gtest/gtest.h>

#include <cmath>

#include "model_test_support.hpp"

namespace rampart::sim {
namespace {

using scenarios::Param;
using testing::default_scenario;
using testing::fixed_values;
using testing::RecordBuffer;

TEST(ModelEvents, CrisesWarAndUsEventsMatchTheSeries) {
  const auto s = default_scenario(2050);
  const Model model(s, 2050);
  auto p = fixed_values(s);
  p[Param::ProbeBase] = 0.6;
  p[Param::ProbeMax] = 0.8;
  p[Param::ProbeWarFactor] = 1.0;
  p[Param::CrisisDeterRatio] = 400.0;  // make some defences fail or only contain
  p[Param::CrisisContainRatio] = 200.0;
  p[Param::UsPolicy] = static_cast<double>(scenarios::UsPolicy::Disengaging);
  p[Param::UsDrawdownStart] = 2027;
  p[Param::UsDrawdownYears] = 4;
  int total_crises = 0;
  for (std::uint64_t run = 0; run < 20; ++run) {
    RecordBuffer b(model.shape());
    model.run(p, RunRng(5, run), b.view());
    const auto v = b.view();
    int crises = 0, failures = 0, war_changes = 0, floor_events = 0, aid_events = 0;
    int first = 0;
    for (int e = 0; e < b.event_count; ++e) {
      const Event& ev = b.events[static_cast<std::size_t>(e)];
      const int t = ev.year - 2024;
      switch (static_cast<EventKind>(ev.kind)) {
        case EventKind::Crisis:
          ++crises;
          if (first == 0) first = ev.year;
          EXPECT_EQ(v.at(WorldCode::CrisisTarget, t), ev.country);
          EXPECT_EQ(v.at(WorldCode::CrisisOutcome, t), static_cast<int>(ev.value));
          EXPECT_EQ(s.countries[static_cast<std::size_t>(ev.country)].frontline_tier, 1);
          if (ev.value == 3.0f) ++failures;
          break;
        case EventKind::WarStateChange:
          ++war_changes;
          EXPECT_EQ(v.at(WorldCode::WarState, t), static_cast<int>(ev.value));
          EXPECT_NE(v.at(WorldCode::WarState, t - 1), v.at(WorldCode::WarState, t));
          break;
        case EventKind::UsFloorReached:
          ++floor_events;
          EXPECT_EQ(ev.year, 2030);
          EXPECT_FLOAT_EQ(ev.value, static_cast<float>(p[Param::UsPresenceFloor]));
          break;
        case EventKind::UsAidEnded:
          ++aid_events;
          EXPECT_EQ(ev.year, 2030);
          break;
        case EventKind::Accession:
          ADD_FAILURE() << "a run starting in 2024 has no recorded accession";
          break;
      }
    }
    int coded = 0, changes = 0;
    for (int t = 1; t < model.shape().years; ++t) {
      if (v.at(WorldCode::CrisisOutcome, t) != 0) ++coded;
      if (v.at(WorldCode::WarState, t) != v.at(WorldCode::WarState, t - 1)) ++changes;
      if (t + 2024 >= 2030) {
        EXPECT_EQ(v.at(StateVar::AidShare, t, 31), 0.0f);  // USA
      }
    }
    EXPECT_EQ(crises, coded);
    EXPECT_EQ(war_changes, changes);
    EXPECT_EQ(floor_events, 1);
    EXPECT_EQ(aid_events, 1);
    EXPECT_EQ(v.at(SummaryVar::Crises), static_cast<float>(crises));
    EXPECT_EQ(v.at(SummaryVar::DeterrenceFailures), static_cast<float>(failures));
    if (crises > 0) {
      EXPECT_EQ(v.at(SummaryVar::FirstCrisisYear), static_cast<float>(first));
    } else {
      EXPECT_TRUE(std::isnan(v.at(SummaryVar::FirstCrisisYear)));
    }
    EXPECT_EQ(v.at(SummaryVar::WarStateEnd),
              static_cast<float>(v.at(WorldCode::WarState, model.shape().years - 1)));
    total_crises += crises;
  }
  EXPECT_GT(total_crises, 0);
}

TEST(ModelSummary, EndOfRunAggregates) {
  const auto s = default_scenario(2030);
  const Model model(s, 2030);
  RecordBuffer b(model.shape());
  model.run(fixed_values(s), RunRng(2, 0), b.view());
  const auto v = b.view();
  const int last = model.shape().years - 1;
  double eu_spending = 0.0, eu_gdp = 0.0, nato = 0.0, commitment = 0.0;
  int at_two = 0, europeans = 0;
  for (int i = 0; i < model.shape().states; ++i) {
    const auto& c = s.countries[static_cast<std::size_t>(i)];
    const bool europe = !c.is_us() && c.iso3 != "CAN";
    if (c.nato) {
      nato += v.at(StateVar::Spending, last, i);
      if (v.at(StateVar::SpendingShare, last, i) >= 0.02f) ++at_two;
      if (europe) {
        eu_spending += v.at(StateVar::Spending, last, i);
        eu_gdp += v.at(StateVar::Gdp, last, i);
      }
    }
    if (europe) {
      commitment += v.at(StateVar::Commitment, last, i);
      ++europeans;
    }
  }
  EXPECT_EQ(europeans, 34);
  EXPECT_FLOAT_EQ(v.at(SummaryVar::EuropeSpendingShareEnd),
                  static_cast<float>(eu_spending / eu_gdp));
  EXPECT_FLOAT_EQ(v.at(SummaryVar::UsShareNatoSpendingEnd),
                  static_cast<float>(v.at(StateVar::Spending, last, 31) / nato));
  EXPECT_EQ(v.at(SummaryVar::AlliesAt2PctEnd), static_cast<float>(at_two));
  EXPECT_FLOAT_EQ(v.at(SummaryVar::MeanCommitmentEnd), static_cast<float>(commitment / europeans));
  EXPECT_EQ(v.at(SummaryVar::ThreatEnd), v.at(WorldVar::Threat, last));
  EXPECT_EQ(s.countries[31].iso3, "USA");
}

}  // namespace
}  // namespace rampart::sim
