// The model's alliance sums run over treaty links it builds once a run (and again at a recorded
// accession) from a table of membership kinds (sim/model.cpp, build_links). Whatever the table,
// each state's allied security must be the sum over its treaty allies of
// agents::treaty_link x commitment x capability, with the memberships of that year.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "model_test_support.hpp"
#include "rampart/agents/alliance_links.hpp"
#include "rampart/scenarios/country.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/sim/model.hpp"
#include "rampart/sim/rng.hpp"
#include "rampart/sim/world.hpp"

namespace rampart::sim {
namespace {

using scenarios::Param;

// A state's memberships in `year`: an ally that joined NATO after the start is one from its
// accession year on.
agents::Membership membership_in(const scenarios::Scenario& s, std::size_t i, int year) {
  const auto& c = s.countries[i];
  const bool history = s.history && s.history->loaded;
  const int joins = history && c.nato ? s.history->accession_year[i] : 0;
  return {c.nato && joins <= year, c.eu, c.neutral,
          c.iso3 == "TUR"   ? agents::DisputeSide::Turkiye
          : c.iso3 == "CYP" ? agents::DisputeSide::Cyprus
                            : agents::DisputeSide::None};
}

TEST(ModelLinks, AlliedSecurityIsTheSumOverTreatyLinksInEveryLibraryScenario) {
  const auto table = scenarios::load_country_table(RAMPART_SOURCE_DIR "/scenarios");
  const auto files = testing::library_scenario_files();
  ASSERT_GE(files.size(), 10U);
  int accessions_seen = 0;
  int neutral_links_seen = 0;
  for (const auto& file : files) {
    const auto scenario = scenarios::load_scenario(file, table);
    const Model model(scenario, 2050);
    for (int run = 0; run < 3; ++run) {
      const RunRng rng(20261207, static_cast<std::uint64_t>(run));
      const auto params = sample_parameters(scenario, rng);
      const agents::LinkParams link_params{
          params[Param::Art5Strength], params[Param::Art427Strength], params[Param::NeutralOptOut]};
      testing::RecordBuffer buffer(model.shape());
      const auto worlds = testing::run_worlds(model, params, rng, buffer);
      ASSERT_FALSE(worlds.empty());
      const int n = worlds.front().states;
      for (std::size_t k = 1; k < worlds.size(); ++k) {
        // No state is its own ally: the US adds no protection of its own to what it receives.
        for (int i = 0; i < n; ++i) {
          if (scenario.countries[static_cast<std::size_t>(i)].is_us()) {
            ASSERT_EQ(worlds[k].security_received[i], worlds[k - 1].allied_security[i])
                << file.filename().string() << " run " << run << ", " << worlds[k].year;
          }
        }
      }
      for (const World& w : worlds) {
        for (int i = 0; i < n; ++i) {
          const auto to = membership_in(scenario, static_cast<std::size_t>(i), w.year);
          double expected = 0.0;
          double scale = 0.0;
          for (int j = 0; j < n; ++j) {
            const auto ju = static_cast<std::size_t>(j);
            if (j == i || scenario.countries[ju].is_us()) continue;
            const auto from = membership_in(scenario, ju, w.year);
            const double link = agents::treaty_link(from, to, link_params);
            if (from.nato != scenario.countries[ju].nato && w.year == worlds.front().year) {
              ++accessions_seen;
            }
            if (link > 0.0 && from.neutral && !(from.nato && to.nato)) ++neutral_links_seen;
            const double term = link * w.commitment[j] * w.capability[j];
            expected += term;
            scale += std::abs(term);
          }
          ASSERT_NEAR(w.allied_security[i], expected, 1e-12 * std::max(1.0, scale))
              << file.filename().string() << " run " << run << ", " << w.year << ", "
              << scenario.countries[static_cast<std::size_t>(i)].iso3;
        }
      }
    }
  }
  // The check covered the kinds that matter: a state outside NATO at the start that joins it
  // later (the 2014 scenarios), and a neutral's discounted EU link.
  EXPECT_GT(accessions_seen, 0);
  EXPECT_GT(neutral_links_seen, 0);
}

}  // namespace
}  // namespace rampart::sim
