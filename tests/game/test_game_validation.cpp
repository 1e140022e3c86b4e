// Every request is validated before anything changes: join code, round, ranges, types, sizes,
// teams; the message parser is strict.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "game_test_support.hpp"
#include "rampart/game/message.hpp"

namespace rampart::game {
namespace {

using testing::baseline_game;
using testing::choice;

// The game's state as the pages see it, to check a refused request changed nothing.
std::string snapshot(const Game& g) {
  std::string s = std::to_string(g.rounds_played());
  for (int t = 0; t < g.teams(); ++t) {
    for (const double x :
         {g.pending(t).core_share, g.pending(t).aid_share, g.pending(t).commitment}) {
      s += '|';
      s += std::to_string(x);
    }
  }
  return s;
}

GameError::Kind refusal(const std::function<void()>& f) {
  try {
    f();
  } catch (const GameError& e) {
    EXPECT_GT(std::string(e.what()).size(), 5U);
    return e.kind();
  }
  ADD_FAILURE() << "not refused";
  return GameError::Kind::BadRequest;
}

TEST(GameValidation, BadRequestsAreRefusedAndChangeNothing) {
  auto game = baseline_game();
  game->submit(1, 1, choice(0.02, 0.001, 0.5));
  const auto before = snapshot(*game);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(refusal([&] { static_cast<void>(game->team_of_code("NOPE")); }),
            GameError::Kind::Forbidden);
  EXPECT_EQ(refusal([&] { game->submit(0, 2, choice(0.02, 0.0, 0.5)); }),
            GameError::Kind::Conflict);
  EXPECT_EQ(refusal([&] { game->submit(0, 0, choice(0.02, 0.0, 0.5)); }),
            GameError::Kind::Conflict);
  EXPECT_EQ(refusal([&] { game->submit(0, 1, choice(0.11, 0.0, 0.5)); }),
            GameError::Kind::BadRequest);
  EXPECT_EQ(refusal([&] { game->submit(0, 1, choice(-0.01, 0.0, 0.5)); }),
            GameError::Kind::BadRequest);
  EXPECT_EQ(refusal([&] { game->submit(0, 1, choice(0.02, 0.03, 0.5)); }),
            GameError::Kind::BadRequest);
  EXPECT_EQ(refusal([&] { game->submit(0, 1, choice(0.02, 0.0, 1.5)); }),
            GameError::Kind::BadRequest);
  EXPECT_EQ(refusal([&] { game->submit(0, 1, choice(nan, 0.0, 0.5)); }),
            GameError::Kind::BadRequest);
  EXPECT_EQ(refusal([&] { game->submit(1, 1, choice(0.02, nan, 0.5)); }),
            GameError::Kind::BadRequest);
  EXPECT_EQ(refusal([&] { game->submit(3, 1, choice(0.02, 0.0, 0.5)); }),
            GameError::Kind::NotFound);
  EXPECT_EQ(refusal([&] { game->submit(-1, 1, choice(0.02, 0.0, 0.5)); }),
            GameError::Kind::NotFound);
  int usa = -1;
  for (std::size_t i = 0; i < game->setup().scenario.countries.size(); ++i) {
    if (game->setup().scenario.countries[i].iso3 == "USA") usa = static_cast<int>(i);
  }
  EXPECT_EQ(refusal([&] {
              game->set_events(1, RoundEvents{usa, false});
            }),
            GameError::Kind::BadRequest);
  EXPECT_EQ(refusal([&] {
              game->set_events(1, RoundEvents{99, false});
            }),
            GameError::Kind::BadRequest);
  EXPECT_EQ(refusal([&] {
              game->set_events(1, RoundEvents{-2, false});
            }),
            GameError::Kind::BadRequest);
  for (const int policy : {-2, 3}) {  // a US policy other than unchanged (-1) or 0..2
    EXPECT_EQ(refusal([&] {
                game->set_events(1, RoundEvents{-1, false, policy});
              }),
              GameError::Kind::BadRequest);
  }
  EXPECT_EQ(refusal([&] { game->set_events(2, RoundEvents{1, true}); }), GameError::Kind::Conflict);
  EXPECT_EQ(game->pending_events(), RoundEvents{});
  EXPECT_EQ(snapshot(*game), before);
  EXPECT_EQ(game->team_of_code("CODE2"), 1);
  EXPECT_TRUE(game->is_teacher("TEACHER"));
  EXPECT_FALSE(game->is_teacher("CODE1"));
}

TEST(GameValidation, AFinishedGameTakesNoMoreRounds) {
  auto game = baseline_game({"DEU"}, 1, 1);
  game->advance();
  EXPECT_TRUE(game->finished());
  EXPECT_EQ(refusal([&] { game->advance(); }), GameError::Kind::Conflict);
  EXPECT_EQ(refusal([&] { game->submit(0, 2, choice(0.02, 0.0, 0.5)); }),
            GameError::Kind::Conflict);
}

TEST(GameValidation, SetupsOutsideTheModelAreRefused) {
  const auto bad = [](auto change) {
    auto setup = testing::baseline_setup();
    change(setup);
    return refusal([&] { Game g(std::move(setup)); });
  };
  EXPECT_EQ(bad([](GameSetup& s) {
              s.team_countries = {"DEU", "XXX", "POL"};
            }),
            GameError::Kind::BadRequest);
  EXPECT_EQ(bad([](GameSetup& s) {
              s.team_countries = {"DEU", "DEU", "POL"};
            }),
            GameError::Kind::BadRequest);
  EXPECT_EQ(bad([](GameSetup& s) {
              s.team_countries = {"USA", "FRA", "POL"};
            }),
            GameError::Kind::BadRequest);
  EXPECT_EQ(bad([](GameSetup& s) { s.rounds = 0; }), GameError::Kind::BadRequest);
  EXPECT_EQ(bad([](GameSetup& s) {
              s.rounds = 12;
              s.years_per_round = 5;
            }),
            GameError::Kind::BadRequest);
  EXPECT_EQ(bad([](GameSetup& s) { s.join_codes[1] = s.join_codes[0]; }),
            GameError::Kind::BadRequest);
  EXPECT_EQ(bad([](GameSetup& s) { s.teacher_key = s.join_codes[0]; }),
            GameError::Kind::BadRequest);
}

TEST(GameMessage, ParsesOneFlatObject) {
  const auto m = Message::parse(
      R"( {"code":"AB\"C","round":2,"core_pct":2.5e0,"aid_pct":0,"readiness_pct":-0.5,"paused":true} )");
  EXPECT_EQ(m.text("code"), "AB\"C");
  EXPECT_EQ(m.integer("round"), 2);
  EXPECT_EQ(m.number("core_pct"), 2.5);
  EXPECT_EQ(m.flag("paused"), true);
  EXPECT_FALSE(m.flag("missing").has_value());
  const auto c = choice_of(m);
  EXPECT_EQ(c.core_share, 0.025);
  EXPECT_EQ(c.commitment, -0.005);  // parsed; the game refuses the range
}

TEST(GameMessage, RefusesAnythingElse) {
  for (const char* text : {"",
                           "[]",
                           "{",
                           "{}x",
                           R"({"a":1,})",
                           R"({"a":1,"a":2})",
                           R"({"a":{"b":1}})",
                           R"({"a":[1]})",
                           R"({"a":null})",
                           R"({"a":01})",
                           R"({"a":1.})",
                           R"({"a":.5})",
                           R"({"a":1e})",
                           R"({"a":+1})",
                           R"({"a":1e999})",
                           R"({"a":"\u0041"})",
                           "{\"a\":\"\x01\"}",
                           "{\"a\":\"\xc3\xa9\"}",
                           R"({"a":"unterminated})",
                           R"({a:1})",
                           R"({"a" 1})",
                           R"({"a":tru})",
                           R"({"a":NaN})"}) {
    EXPECT_THROW(static_cast<void>(Message::parse(text)), GameError) << text;
  }
  EXPECT_THROW(static_cast<void>(Message::parse("{\"a\":\"" + std::string(300, 'x') + "\"}")),
               GameError);
  EXPECT_THROW(static_cast<void>(Message::parse(std::string(kMaxMessageBytes + 1, ' '))),
               GameError);
  std::string many = "{";
  for (int i = 0; i < 17; ++i) {
    // In steps: GCC 12's -Wrestrict misfires on a chain of operator+ here.
    many += i > 0 ? ",\"k" : "\"k";
    many += std::to_string(i);
    many += "\":1";
  }
  EXPECT_THROW(static_cast<void>(Message::parse(many + "}")), GameError);
}

TEST(GameMessage, TypesAreChecked) {
  const auto m = Message::parse(R"({"code":5,"round":"1","half":1.5,"big":1e12,"flag":1})");
  EXPECT_THROW(static_cast<void>(m.text("code")), GameError);
  EXPECT_THROW(static_cast<void>(m.number("round")), GameError);
  EXPECT_THROW(static_cast<void>(m.integer("half")), GameError);
  EXPECT_THROW(static_cast<void>(m.integer("big")), GameError);
  EXPECT_THROW(static_cast<void>(m.flag("flag")), GameError);
  EXPECT_THROW(static_cast<void>(m.number("absent")), GameError);
  EXPECT_THROW(static_cast<void>(choice_of(m)), GameError);
}

}  // namespace
}  // namespace rampart::game
