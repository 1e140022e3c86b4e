// Numerical robustness at the edges of the parameter registry. tests/sim/test_model_properties.cpp
// draws parameters uniformly inside their ranges; this suite pushes them onto the limits the
// registry documents: every parameter alone at its minimum and its maximum, all at once at their
// minima or maxima, zero GDP growth, no Russian threat and the largest one, every US policy, to
// the 2050 horizon. Every recorded series must be finite and keep the model's invariants.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "../sim/model_test_support.hpp"
#include "rampart/scenarios/parameters.hpp"
#include "rampart/sim/model.hpp"
#include "rampart/sim/rng.hpp"

namespace rampart::sim {
namespace {

using scenarios::Param;
using testing::default_scenario;
using testing::fixed_values;
using testing::RecordBuffer;

constexpr int kHorizon = 2050;

// Runs the model and checks every invariant of a recorded run; returns a description of the first
// broken one, or "" when all hold.
std::string broken_invariant(const Model& model, const scenarios::Scenario& s,
                             const scenarios::ParameterValues& p, std::uint64_t run) {
  RecordBuffer buffer(model.shape());
  model.run(p, RunRng(99, run), buffer.view());
  const auto view = buffer.view();
  const auto shape = model.shape();
  const auto where = [](const char* what, int t, int i) {
    return std::string(what) + " at year index " + std::to_string(t) + ", country " +
           std::to_string(i);
  };
  for (int t = 0; t < shape.years; ++t) {
    for (int i = 0; i < shape.states; ++i) {
      for (std::size_t v = 0; v < kNumStateVars; ++v) {
        if (!std::isfinite(view.at(static_cast<StateVar>(v), t, i))) {
          return where(std::string(state_var_info()[v].name).c_str(), t, i) + " not finite";
        }
      }
      for (const auto v : {StateVar::SpendingShare, StateVar::RelatedShare, StateVar::AidShare,
                           StateVar::Commitment, StateVar::SecurityWeight}) {
        const float x = view.at(v, t, i);
        if (x < 0.0F || x > 1.0F) {
          return where(std::string(state_var_info()[static_cast<std::size_t>(v)].name).c_str(), t,
                       i) +
                 " = " + std::to_string(x) + " outside [0, 1]";
        }
      }
      // (Perceived threat is the extra threat over 2024's: negative when Russia is weaker.)
      for (const auto v : {StateVar::Capability, StateVar::DeterrenceRatio, StateVar::Spending}) {
        if (view.at(v, t, i) < 0.0F) {
          return where(std::string(state_var_info()[static_cast<std::size_t>(v)].name).c_str(), t,
                       i) +
                 " = " + std::to_string(view.at(v, t, i)) + " negative";
        }
      }
      const float gdp = view.at(StateVar::Gdp, t, i);
      if (!(gdp > 0.0F)) return where("GDP", t, i) + " not positive";
      // Spending is share x GDP, computed in double and stored as float.
      const double product = static_cast<double>(view.at(StateVar::SpendingShare, t, i)) * gdp;
      const double spending = view.at(StateVar::Spending, t, i);
      if (std::abs(spending - product) > 1e-5 * std::max(1.0, std::abs(product))) {
        return where("spending != share x GDP", t, i);
      }
    }
    for (std::size_t v = 0; v < kNumWorldVars; ++v) {
      const float x = view.at(static_cast<WorldVar>(v), t);
      if (!std::isfinite(x) || x < 0.0F) {
        return std::string(world_var_info()[v].name) + " not finite or negative at year index " +
               std::to_string(t);
      }
    }
    if (view.at(WorldVar::UsPresence, t) > 1.0F) return "US presence above 1";
    const auto war = view.at(WorldCode::WarState, t);
    if (war < 0 || war > 2) return "war state code " + std::to_string(war);
  }
  if (buffer.event_count < 0 || buffer.event_count > shape.max_events()) {
    return "event count " + std::to_string(buffer.event_count);
  }
  for (int e = 0; e < buffer.event_count; ++e) {
    const auto& event = buffer.events[static_cast<std::size_t>(e)];
    if (!std::isfinite(event.value)) return "event " + std::to_string(e) + " value not finite";
  }
  for (std::size_t k = 0; k < kNumSummaryVars; ++k) {
    // Not applicable is NaN (no crisis year; no NATO spending to take a share of); never inf.
    if (std::isinf(buffer.summary[k])) return "summary " + std::to_string(k) + " infinite";
  }
  (void)s;
  return {};
}

scenarios::ParameterValues at_limit(const scenarios::ParameterValues& base, std::size_t k,
                                    bool maximum) {
  auto p = base;
  const auto& spec = scenarios::parameter_specs()[k];
  p.values[k] = maximum ? spec.max_value : spec.min_value;
  return p;
}

TEST(ModelLimits, EveryParameterAloneAtItsMinimumAndMaximumUnderEveryUsPolicy) {
  const auto s = default_scenario(kHorizon);
  const Model model(s, kHorizon);
  const auto defaults = fixed_values(s);
  int runs = 0;
  for (int policy = 0; policy <= 2; ++policy) {
    auto base = defaults;
    base[Param::UsPolicy] = policy;
    for (std::size_t k = 0; k < scenarios::kNumParams; ++k) {
      for (const bool maximum : {false, true}) {
        const auto p = at_limit(base, k, maximum);
        const std::string broken = broken_invariant(model, s, p, static_cast<std::uint64_t>(k));
        EXPECT_EQ(broken, "") << scenarios::parameter_specs()[k].path << " at its "
                              << (maximum ? "maximum" : "minimum") << ", US policy " << policy;
        ++runs;
      }
    }
  }
  EXPECT_EQ(runs, 3 * 2 * static_cast<int>(scenarios::kNumParams));
}

TEST(ModelLimits, AllParametersAtOnceAtTheirMinimaOrMaxima) {
  const auto s = default_scenario(kHorizon);
  const Model model(s, kHorizon);
  for (const bool maximum : {false, true}) {
    auto p = fixed_values(s);
    for (std::size_t k = 0; k < scenarios::kNumParams; ++k) p = at_limit(p, k, maximum);
    for (std::uint64_t run = 0; run < 20; ++run) {
      EXPECT_EQ(broken_invariant(model, s, p, run), "")
          << (maximum ? "all maxima" : "all minima") << ", run " << run;
    }
  }
}

TEST(ModelLimits, NamedExtremesOverManyRuns) {
  const auto s = default_scenario(kHorizon);
  const Model model(s, kHorizon);
  const auto defaults = fixed_values(s);
  struct Case {
    const char* name;
    void (*apply)(scenarios::ParameterValues&);
  };
  const Case cases[] = {{"zero GDP growth, no shocks",
                         [](scenarios::ParameterValues& p) {
                           p[Param::GdpGrowth] = 0.0;
                           p[Param::GdpGrowthSd] = 0.0;
                         }},
                        {"steepest recession",
                         [](scenarios::ParameterValues& p) {
                           p[Param::GdpGrowth] = -0.05;
                           p[Param::GdpGrowthSd] = 0.10;
                           p[Param::RussiaGdpGrowth] = -0.1;
                         }},
                        {"no Russian threat",
                         [](scenarios::ParameterValues& p) {
                           p[Param::RussiaSpendingShare] = 0.0;
                           p[Param::RussiaRebuild] = 0.2;
                           p[Param::RussiaDepreciation] = 1.0;
                           p[Param::ProbeBase] = 0.0;
                         }},
                        {"maximal Russian threat",
                         [](scenarios::ParameterValues& p) {
                           p[Param::RussiaSpendingShare] = 0.3;
                           p[Param::RussiaRebuild] = 5.0;
                           p[Param::RussiaGdpGrowth] = 0.1;
                           p[Param::RussiaDepreciation] = 0.01;
                           p[Param::ProbeBase] = 1.0;
                           p[Param::ProbeMax] = 1.0;
                           p[Param::ThreatSensitivity] = 5.0;
                           p[Param::CrisisThreatShock] = 5.0;
                           p[Param::CrisisShockDecay] = 0.0;
                         }},
                        {"US gone at once, no presence",
                         [](scenarios::ParameterValues& p) {
                           p[Param::UsPolicy] = 2;
                           p[Param::UsPresenceFloor] = 0.0;
                           p[Param::UsDrawdownStart] = 2025;
                           p[Param::UsDrawdownYears] = 1;
                           p[Param::UsAidEndYear] = 2025;
                           p[Param::UsCommitment] = 0.0;
                         }},
                        {"common security weight at its maximum",
                         [](scenarios::ParameterValues& p) { p[Param::SecurityWeight] = 0.99; }},
                        {"common security weight zero",
                         [](scenarios::ParameterValues& p) { p[Param::SecurityWeight] = 0.0; }}};
  for (const auto& c : cases) {
    for (int policy = 0; policy <= 2; ++policy) {
      auto p = defaults;
      p[Param::UsPolicy] = policy;
      c.apply(p);
      for (std::uint64_t run = 0; run < 30; ++run) {
        ASSERT_EQ(broken_invariant(model, s, p, run), "")
            << c.name << ", US policy " << policy << ", run " << run;
      }
    }
  }
}

}  // namespace
}  // namespace rampart::sim
