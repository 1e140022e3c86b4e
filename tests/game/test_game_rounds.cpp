// The game on the model: rounds play the right years, the teams' choices replace their states'
// decisions and nothing else, determinism, resume from the file, and the counterfactual.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>

#include "game_test_support.hpp"
#include "rampart/agents/united_states.hpp"
#include "rampart/game/game_file.hpp"
#include "rampart/sim/model.hpp"
#include "rampart/sim/rng.hpp"

namespace rampart::game {
namespace {

namespace fs = std::filesystem;
using testing::baseline_game;
using testing::choice;

class GameFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rampart_game_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);  // reproducible files
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  const Provenance provenance_{"rampart play (test)", "test", "test"};
};

// Bitwise equality of two worlds' decisions and outcomes for every state.
bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

TEST(GameRounds, RoundsPlayTheirYearsWithTheTeamsChoices) {
  auto game = baseline_game({"DEU", "FRA", "POL"}, 3, 2);
  EXPECT_EQ(game->horizon(), game->start_year() + 6);
  EXPECT_EQ(game->first_year_of(1), game->start_year() + 1);
  EXPECT_EQ(game->year_after(1), game->start_year() + 2);
  EXPECT_EQ(game->first_year_of(2), game->start_year() + 3);
  game->submit(0, 1, choice(0.05, 0.004, 0.9));
  game->advance();
  ASSERT_EQ(game->rounds_played(), 1);
  const int deu = game->team_state(0);
  const auto at = [&](int year) {
    return game->played()[static_cast<std::size_t>(year - game->start_year())];
  };
  for (int year = game->first_year_of(1); year <= game->year_after(1); ++year) {
    EXPECT_EQ(at(year).share[deu], 0.05) << year;
    EXPECT_EQ(at(year).aid_share[deu], 0.004) << year;
    // A crisis moves commitment after the decision; without one it is the choice.
    if (at(year).crisis_target < 0) {
      EXPECT_EQ(at(year).commitment[deu], 0.9) << year;
    }
  }
  // The next round is not played yet: the agent decides there (its plan, not the choice).
  EXPECT_NE(at(game->first_year_of(2)).share[deu], 0.05);
}

TEST(GameRounds, TheTeachersProbeAndCeasefireHappenInTheRoundsFirstYear) {
  auto game = baseline_game({"DEU", "FRA"}, 2, 2);
  const auto& countries = game->setup().scenario.countries;
  int est = -1;
  for (std::size_t i = 0; i < countries.size(); ++i) {
    if (countries[i].iso3 == "EST") est = static_cast<int>(i);
  }
  ASSERT_GE(est, 0);
  ASSERT_EQ(game->played()[0].war_state, 0);  // the war is on in 2024
  game->set_events(1, RoundEvents{est, true});
  game->advance();
  const auto first = static_cast<std::size_t>(game->first_year_of(1) - game->start_year());
  EXPECT_EQ(game->played()[first].crisis_target, est);
  EXPECT_GT(game->played()[first].crisis_outcome, 0);
  EXPECT_EQ(game->played()[first].war_state, 1);
  EXPECT_EQ(game->counterfactual()[first].war_state, 0);
  EXPECT_EQ(game->events().front(), (RoundEvents{est, true}));
  EXPECT_EQ(game->pending_events(), RoundEvents{});
  // Events apply once: they are not pending for the next round.
  game->advance();
  EXPECT_EQ(game->events().back(), RoundEvents{});
}

TEST(GameRounds, TheTeachersUsPolicyHoldsFromItsRoundOnAndNotBefore) {
  auto ordered = baseline_game({"DEU", "FRA"}, 3, 2);
  auto unordered = baseline_game({"DEU", "FRA"}, 3, 2);
  const auto disengaging = static_cast<int>(scenarios::UsPolicy::Disengaging);
  ordered->advance();
  ordered->set_events(2, RoundEvents{-1, false, disengaging});
  ordered->advance();
  unordered->advance();
  unordered->advance();
  const int order = ordered->first_year_of(2);
  EXPECT_EQ(ordered->events().back().us_policy, disengaging);
  EXPECT_EQ(ordered->us_policy_in(order - 1), scenarios::UsPolicy::Committed);  // the baseline's
  EXPECT_EQ(ordered->us_policy_in(order), scenarios::UsPolicy::Disengaging);
  EXPECT_EQ(ordered->us_policy_in(ordered->horizon()), scenarios::UsPolicy::Disengaging);
  // The drawdown starts in the year of the order, not at the scenario's us.drawdown_start.
  const auto& p = ordered->parameters();
  agents::UsPolicyParams u;
  u.policy = scenarios::UsPolicy::Disengaging;
  u.presence_floor = p[scenarios::Param::UsPresenceFloor];
  u.drawdown_years = static_cast<int>(std::lround(p[scenarios::Param::UsDrawdownYears]));
  u.drawdown_start =
      std::max(static_cast<int>(std::lround(p[scenarios::Param::UsDrawdownStart])), order);
  for (int year = ordered->start_year(); year <= ordered->horizon(); ++year) {
    const auto y = static_cast<std::size_t>(year - ordered->start_year());
    const auto& a = ordered->played()[y];
    const auto& b = unordered->played()[y];
    EXPECT_EQ(b.us_presence, 1.0) << year;
    if (year < order) {
      // Before the order the game is the game without it, bit for bit.
      EXPECT_TRUE(same_bits(a.us_presence, b.us_presence)) << year;
      for (int i = 0; i < a.states; ++i) {
        EXPECT_TRUE(same_bits(a.share[i], b.share[i])) << year << " " << i;
        EXPECT_TRUE(same_bits(a.security_received[i], b.security_received[i])) << year << " " << i;
      }
    } else {
      EXPECT_EQ(a.us_presence, agents::us_presence(year, u)) << year;
      EXPECT_LT(a.us_presence, 1.0) << year;
    }
    // The counterfactual (the agents, no events) never sees the order.
    EXPECT_EQ(ordered->counterfactual()[y].us_presence, 1.0) << year;
  }
}

TEST(GameRounds, ATransactionalUsProtectsLessFromItsRoundOn) {
  auto ordered = baseline_game({"DEU", "FRA"}, 2, 2);
  auto unordered = baseline_game({"DEU", "FRA"}, 2, 2);
  ordered->set_events(1,
                      RoundEvents{-1, false, static_cast<int>(scenarios::UsPolicy::Transactional)});
  ordered->advance();
  unordered->advance();
  const int deu = ordered->team_state(0);
  const auto& a0 = ordered->played()[0];
  const auto& b0 = unordered->played()[0];
  EXPECT_TRUE(same_bits(a0.security_received[deu], b0.security_received[deu]));
  for (int year = ordered->first_year_of(1); year <= ordered->horizon(); ++year) {
    const auto y = static_cast<std::size_t>(year - ordered->start_year());
    const auto& a = ordered->played()[y];
    const auto& b = unordered->played()[y];
    EXPECT_EQ(a.us_presence, 1.0) << year;  // a transactional US stays, on terms
    EXPECT_NE(a.security_received[deu], b.security_received[deu]) << year;
  }
  EXPECT_EQ(ordered->us_policy_in(ordered->horizon()), scenarios::UsPolicy::Transactional);
}

TEST(GameRounds, HorizonOnlyBoundsTheLoop) {
  auto setup = testing::baseline_setup();
  const sim::Model short_model(setup.scenario, 2030);
  const sim::Model long_model(setup.scenario, 2045);
  const sim::RunRng rng(7, 0);
  const auto params = sim::sample_parameters(setup.scenario, rng);
  sim::RunRecordStorage a(short_model.shape());
  sim::RunRecordStorage b(long_model.shape());
  short_model.run(params, rng, a.view());
  long_model.run(params, rng, b.view());
  const auto va = a.view();
  const auto vb = b.view();
  for (int y = 0; y < va.shape.years; ++y) {
    for (int i = 0; i < va.shape.states; ++i) {
      for (std::size_t v = 0; v < sim::kNumStateVars; ++v) {
        ASSERT_EQ(va.at(static_cast<sim::StateVar>(v), y, i),
                  vb.at(static_cast<sim::StateVar>(v), y, i));
      }
    }
    for (std::size_t v = 0; v < sim::kNumWorldVars; ++v) {
      ASSERT_EQ(va.at(static_cast<sim::WorldVar>(v), y), vb.at(static_cast<sim::WorldVar>(v), y));
    }
  }
}

TEST(GameRounds, WithoutChoicesTheGameIsRunZeroOfTheSeed) {
  auto game = baseline_game({"DEU", "FRA"}, 2, 3, 99);
  game->advance();
  game->advance();  // nobody submitted: the agents played
  const sim::Model model(game->setup().scenario, game->horizon());
  const sim::RunRng rng(99, 0);
  scenarios::ParameterValues params;
  std::vector<sim::World> worlds;
  std::function<void(const sim::World&)> keep = [&](const sim::World& w) { worlds.push_back(w); };
  sim::RunRecordStorage storage(model.shape());
  model.sample_and_run(rng, params, storage.view(), &keep);
  ASSERT_EQ(worlds.size(), game->played().size());
  for (std::size_t y = 0; y < worlds.size(); ++y) {
    for (int i = 0; i < worlds[y].states; ++i) {
      ASSERT_TRUE(same_bits(worlds[y].share[i], game->played()[y].share[i]));
      ASSERT_TRUE(same_bits(worlds[y].capability[i], game->played()[y].capability[i]));
      ASSERT_TRUE(same_bits(worlds[y].commitment[i], game->counterfactual()[y].commitment[i]));
    }
    ASSERT_EQ(worlds[y].crisis_target, game->played()[y].crisis_target);
  }
}

TEST(GameRounds, HigherSpendingRaisesTheTeamsSpendingAndCapability) {
  auto game = baseline_game({"DEU"}, 2, 2);
  game->submit(0, 1, choice(0.06, 0.002, 0.8));
  game->advance();
  const int deu = game->team_state(0);
  const auto end = static_cast<std::size_t>(game->year_after(1) - game->start_year());
  EXPECT_GT(game->played()[end].spending[deu], 1.5 * game->counterfactual()[end].spending[deu]);
  EXPECT_GT(game->played()[end].capability[deu], game->counterfactual()[end].capability[deu]);
}

TEST(GameRounds, TheCounterfactualDiffersExactlyInTheTeamStatesDecisions) {
  auto game = baseline_game({"DEU", "POL"}, 2, 2);
  game->submit(0, 1, choice(0.01, 0.0, 0.2));
  game->submit(1, 1, choice(0.08, 0.01, 1.0));
  game->advance();
  // The first played year's decisions read only the start year's world, the same in both: the
  // other states decide the same; the team states' decisions are the choices.
  const auto y = static_cast<std::size_t>(game->first_year_of(1) - game->start_year());
  const auto& played = game->played()[y];
  const auto& agents = game->counterfactual()[y];
  for (int i = 0; i < played.states; ++i) {
    const bool team = i == game->team_state(0) || i == game->team_state(1);
    EXPECT_EQ(same_bits(played.share[i], agents.share[i]), !team) << i;
    EXPECT_EQ(same_bits(played.aid_share[i], agents.aid_share[i]), !team) << i;
    EXPECT_TRUE(same_bits(played.planned_share[i], agents.planned_share[i])) << i;
  }
  // The counterfactual is the game nobody played.
  auto untouched = baseline_game({"DEU", "POL"}, 2, 2);
  for (std::size_t k = 0; k < game->counterfactual().size(); ++k) {
    for (int i = 0; i < played.states; ++i) {
      ASSERT_TRUE(same_bits(game->counterfactual()[k].share[i], untouched->played()[k].share[i]));
    }
  }
  // Later the allies react to the teams' choices.
  const auto last = game->played().size() - 1;
  int differ = 0;
  for (int i = 0; i < played.states; ++i) {
    differ +=
        same_bits(game->played()[last].share[i], game->counterfactual()[last].share[i]) ? 0 : 1;
  }
  EXPECT_GT(differ, 2);
}

TEST_F(GameFileTest, SameSeedAndChoicesGiveTheSameFileBitForBit) {
  for (const char* name : {"a.h5", "b.h5"}) {
    auto game = baseline_game();
    game->set_events(1, RoundEvents{7, false, static_cast<int>(scenarios::UsPolicy::Disengaging)});
    game->submit(0, 1, choice(0.03, 0.001, 0.7));
    game->submit(2, 1, choice(0.045, 0.0, 1.0));
    game->advance();
    save_game(*game, dir_ / name, provenance_);
  }
  const auto a = testing::bytes_of(dir_ / "a.h5");
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, testing::bytes_of(dir_ / "b.h5"));
  EXPECT_FALSE(fs::exists(dir_ / "a.h5.part"));
}

TEST_F(GameFileTest, ResumeAfterRoundOneThenRoundTwoEqualsTheUninterruptedGame) {
  const auto round_one = [](Game& g) {
    // A probe of the state at index 7, and the US turns transactional from this round on.
    g.set_events(1, RoundEvents{7, false, static_cast<int>(scenarios::UsPolicy::Transactional)});
    g.submit(0, 1, choice(0.03, 0.001, 0.7));
    g.submit(1, 1, choice(0.025, 0.002, 0.6));
    g.advance();
  };
  const auto round_two = [](Game& g) {
    g.set_events(2, RoundEvents{-1, true, static_cast<int>(scenarios::UsPolicy::Disengaging)});
    g.submit(1, 2, choice(0.04, 0.0, 0.9));
    g.advance();
  };
  auto whole = baseline_game();
  round_one(*whole);
  round_two(*whole);
  save_game(*whole, dir_ / "whole.h5", provenance_);

  auto first = baseline_game();
  round_one(*first);
  save_game(*first, dir_ / "resumed.h5", provenance_);
  first.reset();
  auto resumed = load_game(dir_ / "resumed.h5", testing::countries());
  ASSERT_EQ(resumed->rounds_played(), 1);
  EXPECT_EQ(resumed->setup().join_codes, whole->setup().join_codes);
  EXPECT_EQ(resumed->choices()[0][1].core_share, 0.025);
  EXPECT_FALSE(resumed->choices()[0][2].submitted());
  EXPECT_EQ(resumed->events(),
            (std::vector<RoundEvents>{
                RoundEvents{7, false, static_cast<int>(scenarios::UsPolicy::Transactional)}}));
  EXPECT_EQ(resumed->us_policy_in(resumed->horizon()), scenarios::UsPolicy::Transactional);
  round_two(*resumed);
  save_game(*resumed, dir_ / "resumed.h5", provenance_);
  EXPECT_EQ(testing::bytes_of(dir_ / "whole.h5"), testing::bytes_of(dir_ / "resumed.h5"));
}

TEST_F(GameFileTest, AFileThatIsNotAGameIsRefused) {
  {
    std::ofstream out(dir_ / "junk.h5");
    out << "not hdf5";
  }
  EXPECT_ANY_THROW(load_game(dir_ / "junk.h5", testing::countries()));
  EXPECT_THROW(load_game(dir_ / "missing.h5", testing::countries()), GameError);
}

}  // namespace
}  // namespace rampart::game
