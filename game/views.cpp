#include "rampart/game/views.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <vector>

#include "rampart/game/qr_svg.hpp"
#include "rampart/support/json.hpp"

namespace rampart::game {
namespace {

using support::json_number;

// JSON written for the API and for a <script> element of the exported debrief alike (the Html
// form is valid JSON).
std::string json_text(std::string_view text) {
  return support::json_string(text, support::JsonTarget::Html);
}

class Object {
 public:
  Object& raw(std::string_view key, const std::string& value) {
    text_ += text_.size() > 1 ? "," : "";
    text_ += json_text(key) + ":" + value;
    return *this;
  }
  Object& num(std::string_view key, double value) { return raw(key, json_number(value)); }
  Object& str(std::string_view key, std::string_view value) { return raw(key, json_text(value)); }
  Object& flag(std::string_view key, bool value) { return raw(key, value ? "true" : "false"); }
  [[nodiscard]] std::string done() const { return text_ + "}"; }

 private:
  std::string text_ = "{";
};

std::string array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const auto& item : items) out += (out.size() > 1 ? "," : "") + item;
  return out + "]";
}

double pct(double share) {
  return 100.0 * share;
}

bool european_ally(const scenarios::Country& c) {
  return c.nato && c.iso3 != "USA" && c.iso3 != "CAN";
}

// GDP-weighted core share of the European allies, without `except` (-1: all of them).
double allies_share(const Game& game, const sim::World& w, int except) {
  const auto& countries = game.setup().scenario.countries;
  double spending = 0.0;
  double gdp = 0.0;
  for (int i = 0; i < w.states; ++i) {
    if (i == except || !european_ally(countries[static_cast<std::size_t>(i)])) continue;
    spending += w.share[i] * w.gdp[i];
    gdp += w.gdp[i];
  }
  return gdp > 0.0 ? spending / gdp : std::nan("");
}

const char* war_text(int state) {
  return state == 0 ? "active" : state == 1 ? "ceasefire" : "frozen";
}
const char* us_policy_text(scenarios::UsPolicy policy) {
  switch (policy) {
    case scenarios::UsPolicy::Committed:
      return "committed: it answers an ally's call whatever the ally spends";
    case scenarios::UsPolicy::Transactional:
      return "transactional: it protects fully only the allies that meet its spending threshold";
    case scenarios::UsPolicy::Disengaging:
      return "disengaging: it draws its forces down and protects the allies only on terms";
  }
  return "";
}
const char* outcome_text(int outcome) {
  return outcome == 1 ? "deterred" : outcome == 2 ? "contained" : "failed";
}

std::size_t index_of(const Game& game, int year) {
  return static_cast<std::size_t>(year - game.start_year());
}

// The probes of an ally from the first played year through `last_year`.
std::string crises(const Game& game, const std::vector<sim::World>& worlds, int last_year) {
  std::vector<std::string> items;
  for (int year = game.start_year() + 1; year <= last_year; ++year) {
    const auto& w = worlds[index_of(game, year)];
    if (w.crisis_target < 0) continue;
    items.push_back(
        Object()
            .num("year", year)
            .str("target",
                 game.setup().scenario.countries[static_cast<std::size_t>(w.crisis_target)].name)
            .str("outcome", outcome_text(w.crisis_outcome))
            .done());
  }
  return array(items);
}

std::string choice_json(const Choice& c) {
  if (!c.submitted()) return "null";
  return Object()
      .num("core_pct", pct(c.core_share))
      .num("aid_pct", pct(c.aid_share))
      .num("readiness_pct", pct(c.commitment))
      .done();
}

// A short intelligence brief in plain words from the state's and the world's numbers.
std::vector<std::string> brief(const Game& game, int state, int year) {
  const auto& w = game.played()[index_of(game, year)];
  const auto& c = game.setup().scenario.countries[static_cast<std::size_t>(state)];
  std::vector<std::string> lines;
  const auto fixed = [](double x, int digits) {
    std::array<char, 32> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%.*f", digits, x);
    return std::string(buffer.data());
  };
  lines.push_back("Russia's military capability stands at " + fixed(w.threat, 2) +
                  " times its reference level; the war in Ukraine is " + war_text(w.war_state) +
                  ".");
  lines.push_back("The US is " + std::string(us_policy_text(game.us_policy_in(year))) +
                  "; its presence in Europe is at " + fixed(pct(w.us_presence), 0) +
                  " % of its 2024 level.");
  const double allies = allies_share(game, w, state);
  lines.push_back(c.name + " spends " + fixed(pct(w.share[state]), 2) +
                  " % of GDP on core defence; the other European allies " + fixed(pct(allies), 2) +
                  " % on average" +
                  (w.share[state] < allies ? ": they carry more of the burden than you."
                                           : ": you carry at least your share."));
  if (w.deterrence_ratio[state] < 1.0) {
    lines.push_back("Your deterrence ratio is " + fixed(w.deterrence_ratio[state], 2) +
                    ": with the allies that would come, you could not hold a Russian probe.");
  }
  if (year > game.start_year() && w.crisis_target >= 0) {
    lines.push_back(
        std::string("Last year Russia probed ") +
        game.setup().scenario.countries[static_cast<std::size_t>(w.crisis_target)].name +
        "; the probe was " + outcome_text(w.crisis_outcome) + ".");
  }
  return lines;
}

void clock(const Game& game, const Classroom& classroom, Object& o) {
  const int round = std::min(game.rounds_played() + 1, game.setup().rounds);
  o.num("round", game.finished() ? game.setup().rounds : round)
      .num("rounds", game.setup().rounds)
      .num("rounds_played", game.rounds_played())
      .flag("finished", game.finished())
      .flag("paused", classroom.paused)
      .num("seconds_left", classroom.seconds_left)
      .num("year", game.year_after(game.rounds_played()))
      .num("first_year", game.first_year_of(round))
      .num("last_year", game.year_after(round));
}

}  // namespace

std::string team_view(const Game& game, int team, const Classroom& classroom) {
  const int state = game.team_state(team);
  const auto s = static_cast<std::size_t>(state);
  const auto& c = game.setup().scenario.countries[s];
  const int year = game.year_after(game.rounds_played());
  const auto& w = game.played()[index_of(game, year)];
  Object o;
  o.str("role", "team").num("team", team + 1).str("country", c.name).str("iso3", c.iso3);
  clock(game, classroom, o);
  o.flag("submitted", game.finished() ? false : game.pending(team).submitted());
  o.raw("choice", game.finished() ? "null" : choice_json(game.pending(team)));
  o.raw("state", Object()
                     .num("gdp", w.gdp[state])
                     .num("core_pct", pct(w.share[state]))
                     .num("related_pct", pct(w.related_share[state]))
                     .num("spending", w.spending[state])
                     .num("capability", w.capability[state])
                     .num("aid_pct", pct(w.aid_share[state]))
                     .num("readiness_pct", pct(w.commitment[state]))
                     .num("perceived_threat", w.perceived_threat[state])
                     .num("deterrence", w.deterrence_ratio[state])
                     .num("debt_pct", c.debt_2024)
                     .num("fiscal_space", c.fiscal_space)
                     .num("populism", w.populism[state])
                     .done());
  // The agent's decisions for next year in this same world: the ministry's advice.
  if (!game.finished()) {
    const auto& next = game.played()[index_of(game, year + 1)];
    o.raw("advice", Object()
                        .num("core_pct", pct(next.planned_share[state]))
                        .num("aid_pct", pct(next.aid_share[state]))
                        .num("readiness_pct", pct(next.commitment[state]))
                        .done());
  } else {
    o.raw("advice", "null");
  }
  const int before = game.year_after(std::max(0, game.rounds_played() - 1));
  o.num("allies_core_pct", pct(allies_share(game, w, state)))
      .num("allies_core_pct_before",
           pct(allies_share(game, game.played()[index_of(game, before)], state)));
  std::vector<std::string> others;
  for (int t = 0; t < game.teams(); ++t) {
    const int j = game.team_state(t);
    others.push_back(
        Object()
            .str("country", game.setup().scenario.countries[static_cast<std::size_t>(j)].name)
            .num("core_pct", pct(w.share[j]))
            .done());
  }
  o.raw("teams", array(others));
  o.raw("world", Object()
                     .num("threat", w.threat)
                     .num("us_presence_pct", pct(w.us_presence))
                     .str("us_policy", us_policy_name(static_cast<int>(game.us_policy_in(year))))
                     .str("war", war_text(w.war_state))
                     .num("ukraine_aid", w.ukraine_aid)
                     .done());
  o.raw("crises", crises(game, game.played(), year));
  std::vector<std::string> lines;
  for (const auto& line : brief(game, state, year)) lines.push_back(json_text(line));
  o.raw("brief", array(lines));
  std::vector<std::string> history;
  for (int y = game.start_year(); y <= year; ++y) {
    const auto& wy = game.played()[index_of(game, y)];
    history.push_back(Object()
                          .num("year", y)
                          .num("core_pct", pct(wy.share[state]))
                          .num("allies_core_pct", pct(allies_share(game, wy, state)))
                          .done());
  }
  o.raw("history", array(history));
  o.num("max_core_pct", pct(kMaxCoreShare)).num("max_aid_pct", pct(kMaxAidShare));
  return o.done();
}

std::string join_view(const Game& game, std::string_view base) {
  std::vector<std::string> teams;
  for (int t = 0; t < game.teams(); ++t) {
    const auto& c = game.setup().scenario.countries[static_cast<std::size_t>(game.team_state(t))];
    const std::string& code = game.setup().join_codes[static_cast<std::size_t>(t)];
    const std::string url = std::string(base) + "/team?code=" + code;
    teams.push_back(Object()
                        .num("team", t + 1)
                        .str("country", c.name)
                        .str("iso3", c.iso3)
                        .str("code", code)
                        .str("url", url)
                        .str("qr", qr_svg(url))
                        .done());
  }
  return Object()
      .str("scenario", game.setup().scenario.name)
      .str("join", std::string(base) + "/")
      .raw("teams", array(teams))
      .done();
}

std::string teacher_view(const Game& game, const Classroom& classroom) {
  Object o;
  o.str("role", "teacher").str("scenario", game.setup().scenario.name);
  clock(game, classroom, o);
  const int year = game.year_after(game.rounds_played());
  const auto& w = game.played()[index_of(game, year)];
  std::vector<std::string> teams;
  for (int t = 0; t < game.teams(); ++t) {
    const int state = game.team_state(t);
    const auto& c = game.setup().scenario.countries[static_cast<std::size_t>(state)];
    teams.push_back(Object()
                        .num("team", t + 1)
                        .str("country", c.name)
                        .str("iso3", c.iso3)
                        .str("code", game.setup().join_codes[static_cast<std::size_t>(t)])
                        .flag("submitted", !game.finished() && game.pending(t).submitted())
                        .raw("choice", game.finished() ? "null" : choice_json(game.pending(t)))
                        .num("core_pct", pct(w.share[state]))
                        .num("gdp", w.gdp[state])
                        .done());
  }
  o.raw("teams", array(teams));
  const auto& countries = game.setup().scenario.countries;
  const auto& pending = game.pending_events();
  o.raw("events",
        Object()
            .str("probe", pending.probe_target >= 0
                              ? countries[static_cast<std::size_t>(pending.probe_target)].iso3
                              : std::string())
            .flag("ceasefire", pending.ceasefire)
            .str("us_policy", us_policy_name(pending.us_policy))
            .done());
  std::vector<std::string> states;
  for (const auto& c : countries) {
    if (c.iso3 != "USA") states.push_back(Object().str("iso3", c.iso3).str("name", c.name).done());
  }
  o.raw("states", array(states));
  std::vector<std::string> europe;
  for (int y = game.start_year(); y <= year; ++y) {
    const auto& wy = game.played()[index_of(game, y)];
    europe.push_back(Object()
                         .num("year", y)
                         .num("europe_core_pct", pct(allies_share(game, wy, -1)))
                         .num("us_presence_pct", pct(wy.us_presence))
                         .num("threat", wy.threat)
                         .done());
  }
  o.raw("europe", array(europe));
  o.raw("crises", crises(game, game.played(), year));
  return o.done();
}

std::string debrief_view(const Game& game) {
  const auto& setup = game.setup();
  const int through = game.year_after(game.rounds_played());
  Object o;
  o.str("role", "debrief")
      .str("scenario", setup.scenario.name)
      .num("seed", static_cast<double>(setup.seed))
      .num("rounds", setup.rounds)
      .num("rounds_played", game.rounds_played())
      .num("years_per_round", setup.years_per_round)
      .num("start_year", game.start_year())
      .num("played_through", through);
  std::vector<std::string> teams;
  for (int t = 0; t < game.teams(); ++t) {
    const int i = game.team_state(t);
    const auto& c = setup.scenario.countries[static_cast<std::size_t>(i)];
    std::vector<std::string> rounds;
    for (int r = 1; r <= game.rounds_played(); ++r) {
      double plan = 0.0;
      double agent = 0.0;
      double realised = 0.0;
      int n = 0;
      for (int y = game.first_year_of(r); y <= game.year_after(r); ++y, ++n) {
        plan += game.played()[index_of(game, y)].planned_share[i];
        realised += game.played()[index_of(game, y)].share[i];
        agent += game.counterfactual()[index_of(game, y)].share[i];
      }
      const auto& choice =
          game.choices()[static_cast<std::size_t>(r - 1)][static_cast<std::size_t>(t)];
      rounds.push_back(Object()
                           .num("round", r)
                           .num("first_year", game.first_year_of(r))
                           .num("last_year", game.year_after(r))
                           .raw("choice", choice_json(choice))
                           .num("core_pct", pct(realised / n))
                           .num("agent_plan_core_pct", pct(plan / n))
                           .num("agent_game_core_pct", pct(agent / n))
                           .done());
    }
    // Burden ratio: own core share over the other European allies' (GDP-weighted), averaged
    // over the played years; below 1 the team let the allies carry more than their share.
    double ratio = 0.0;
    double agent_ratio = 0.0;
    int years = 0;
    for (int y = game.start_year() + 1; y <= through; ++y, ++years) {
      const auto& wp = game.played()[index_of(game, y)];
      const auto& wa = game.counterfactual()[index_of(game, y)];
      ratio += wp.share[i] / allies_share(game, wp, i);
      agent_ratio += wa.share[i] / allies_share(game, wa, i);
    }
    const auto& end_p = game.played()[index_of(game, through)];
    const auto& end_a = game.counterfactual()[index_of(game, through)];
    teams.push_back(Object()
                        .num("team", t + 1)
                        .str("country", c.name)
                        .str("iso3", c.iso3)
                        .raw("rounds", array(rounds))
                        .num("burden_ratio", years > 0 ? ratio / years : std::nan(""))
                        .num("agent_burden_ratio", years > 0 ? agent_ratio / years : std::nan(""))
                        .num("capability", end_p.capability[i])
                        .num("agent_capability", end_a.capability[i])
                        .num("deterrence", end_p.deterrence_ratio[i])
                        .num("agent_deterrence", end_a.deterrence_ratio[i])
                        .num("spending_total",
                             [&] {
                               double total = 0.0;
                               for (int y = game.start_year() + 1; y <= through; ++y) {
                                 total += game.played()[index_of(game, y)].spending[i];
                               }
                               return total;
                             }())
                        .done());
  }
  o.raw("teams", array(teams));
  std::vector<std::string> europe;
  for (int y = game.start_year(); y <= through; ++y) {
    europe.push_back(
        Object()
            .num("year", y)
            .num("played", pct(allies_share(game, game.played()[index_of(game, y)], -1)))
            .num("agents", pct(allies_share(game, game.counterfactual()[index_of(game, y)], -1)))
            .done());
  }
  o.raw("europe", array(europe));
  std::vector<std::string> events;
  for (std::size_t r = 0; r < game.events().size(); ++r) {
    const auto& e = game.events()[r];
    if (e.probe_target < 0 && !e.ceasefire && e.us_policy < 0) continue;
    events.push_back(
        Object()
            .num("round", static_cast<double>(r + 1))
            .num("year", game.first_year_of(static_cast<int>(r) + 1))
            .str("probe",
                 e.probe_target >= 0
                     ? setup.scenario.countries[static_cast<std::size_t>(e.probe_target)].name
                     : std::string())
            .flag("ceasefire", e.ceasefire)
            .str("us_policy", us_policy_name(e.us_policy))
            .done());
  }
  o.raw("events", array(events));
  // The burden-sharing scatter at the end of each played round: GDP against core share.
  std::vector<std::string> scatter;
  for (int r = 0; r <= game.rounds_played(); ++r) {
    const auto& w = game.played()[index_of(game, game.year_after(r))];
    for (int i = 0; i < w.states; ++i) {
      const auto& c = setup.scenario.countries[static_cast<std::size_t>(i)];
      if (!european_ally(c)) continue;
      bool team = false;
      for (int t = 0; t < game.teams(); ++t) team = team || game.team_state(t) == i;
      scatter.push_back(Object()
                            .num("round", r)
                            .str("iso3", c.iso3)
                            .num("gdp", w.gdp[i])
                            .num("core_pct", pct(w.share[i]))
                            .flag("team", team)
                            .done());
    }
  }
  o.raw("scatter", array(scatter));
  o.raw("crises", Object()
                      .raw("played", crises(game, game.played(), through))
                      .raw("agents", crises(game, game.counterfactual(), through))
                      .done());
  std::vector<std::string> questions{
      json_text("Which teams spent less than the model's agent for their state would have, "
                "and why did it seem reasonable at the time?"),
      json_text("Did any team's extra spending change what happened to the others (crises, "
                "the allies' spending)? Who gained from it?"),
      json_text("Where was the burden ratio below 1? Is that free riding, or a fair share "
                "for a state of that size and exposure?"),
      json_text("What would have made your team spend more: a threat, the US leaving, "
                "a probe of an ally, the other teams' choices?")};
  if (std::any_of(game.events().begin(), game.events().end(),
                  [](const RoundEvents& e) { return e.us_policy >= 0; })) {
    questions.push_back(
        json_text("The US changed its policy: did the teams react in the round it changed, or "
                  "only when US presence had visibly fallen? Who spent more, the frontline or the "
                  "large states?"));
  }
  o.raw("questions", array(questions));
  return o.done();
}

}  // namespace rampart::game
