// The estimator recovers known parameters from panels the model itself simulated (issue 15):
// the 2014 record as the start, the recorded inputs, known behaviour and noise; then
// fit_panel on each synthetic panel. Bias and the coverage of the 95 % intervals are checked over
// several panels. Slow (a fit takes seconds): labelled with the views suite.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>

#include "rampart/estimation/panel_fit.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/sim/model.hpp"
#include "rampart/sim/world.hpp"

namespace rampart::test {
namespace {

using scenarios::Param;

struct Truth {
  Param param;
  double value;
};

// The known behaviour: the estimates' order of magnitude, not the estimates themselves.
const std::vector<Truth>& truth() {
  static const std::vector<Truth> t{{Param::AdjustmentSpeed, 0.2},
                                    {Param::ComplianceScale, 1.0},
                                    {Param::WarThreat, 2.0},
                                    {Param::SpendingNoiseSd, 0.05}};
  return t;
}

TEST(EstimatorRecovery, KnownParametersFromSimulatedPanels) {
  const auto countries = scenarios::load_country_table(scenarios::scenario_library_dir());
  const scenarios::Scenario base =
      scenarios::load_scenario(scenarios::scenario_library_dir() / "baseline.toml", countries);
  ASSERT_TRUE(base.history && base.history->loaded);
  const int panels = 6;
  std::vector<std::vector<double>> estimates(truth().size());
  std::vector<int> covered(truth().size(), 0);
  for (int k = 0; k < panels; ++k) {
    // Simulate 2014-2024 from the 2014 record with the known behaviour.
    scenarios::Scenario sim_scenario = base;
    sim_scenario.start_year = 2014;
    for (auto& c : sim_scenario.countries) c.preference_sd = 0.0;
    scenarios::ParameterValues p = sim::sample_parameters(sim_scenario, sim::RunRng(1, 0));
    for (std::size_t q = 0; q < scenarios::kNumParams; ++q) {
      const auto& d = base.parameters[q];
      p.values[q] = d.is_fixed() ? d.value : d.quantile(0.5);
    }
    for (const auto& t : truth()) p[t.param] = t.value;
    p[Param::UsPressure] = 0.05;
    p[Param::FiscalRoom] = 0.01;
    p[Param::FloorBreakRate] = 1.0;  // the likelihood has no floor on the realised share
    p[Param::GdpGrowthSd] = 0.0;
    p[Param::CommitmentNoiseSd] = 0.0;
    p[Param::Preferences] = 0.0;
    const sim::Model model(sim_scenario, 2024);
    sim::RunRecordStorage record(model.shape());
    auto history = std::make_shared<scenarios::History>(*base.history);
    const std::function<void(const sim::World&)> keep = [&](const sim::World& w) {
      for (std::size_t i = 0; i < history->share.size(); ++i) {
        if (history->share_from_panel[i]) {
          history->share[i][static_cast<std::size_t>(scenarios::History::index(w.year))] =
              w.share[i];
        }
      }
    };
    model.run(p, sim::RunRng(777, static_cast<std::uint64_t>(k)), record.view(), &keep);
    scenarios::Scenario synthetic = base;
    synthetic.history = history;
    estimation::PanelFitOptions options;
    options.fixed = {{"us.pressure", 0.05}, {"state.fiscal_room", 0.01}};
    const auto fit = estimation::fit_panel(synthetic, options);
    for (std::size_t t = 0; t < truth().size(); ++t) {
      const auto path = std::string(scenarios::spec(truth()[t].param).path);
      for (const auto& e : fit.globals) {
        if (e.path != path) continue;
        estimates[t].push_back(e.value);
        if (e.low95 <= truth()[t].value && truth()[t].value <= e.high95) ++covered[t];
      }
    }
  }
  for (std::size_t t = 0; t < truth().size(); ++t) {
    const auto& x = estimates[t];
    ASSERT_EQ(x.size(), static_cast<std::size_t>(panels));
    double mean = 0.0;
    for (const double v : x) mean += v / panels;
    double var = 0.0;
    for (const double v : x) var += (v - mean) * (v - mean) / (panels - 1);
    const double truth_value = truth()[t].value;
    const auto path = scenarios::spec(truth()[t].param).path;
    std::printf("[ recovery ] %-26s truth %.4g  mean %.4g  sd %.3g  covered %d of %d\n",
                std::string(path).c_str(), truth_value, mean, std::sqrt(var), covered[t], panels);
    // Bias within 15 % of the truth or three standard errors of the mean, whichever is wider.
    EXPECT_LT(std::abs(mean - truth_value),
              std::max(0.15 * truth_value, 3.0 * std::sqrt(var / panels)))
        << path;
    // The Hessian's 95 % intervals: nominal for the noise scale, too narrow for the adjustment
    // speed, the guideline's pull and the war premium (1, 2 and 1 of 6 in model version 3; the
    // likelihood is kinked by the caps, docs/validation.md). Checked as measured, not as hoped.
    const bool nominal = truth()[t].param == Param::SpendingNoiseSd;
    EXPECT_GE(covered[t], nominal ? panels - 2 : 1) << path;
  }
}

}  // namespace
}  // namespace rampart::test
